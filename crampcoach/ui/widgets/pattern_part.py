"""One part of the Patterns screen (a chart, a tally, the headline), bound to the screen's view
(``ui/widgets/view_part.py``); how it draws is a function of ``ui/pattern_charts.py``."""

from __future__ import annotations

from crampcoach.ui.pattern_charts import ChartView, Draw
from crampcoach.ui.widgets.view_part import ViewPart


class PatternPart(ViewPart[ChartView]):
    def __init__(self, draw: Draw, *, id: str, classes: str = "chart", later: bool = False) -> None:
        super().__init__(id=id, classes=classes, later=later)
        self._draw = draw

    def draw(self, view: ChartView) -> None:
        if view.data is not None:
            self.update(self._draw(view.data, view.width))
