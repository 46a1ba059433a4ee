"""One part of the Patterns screen (a chart, a tally, the headline), bound to the screen's view.

The screen holds a ``ChartView`` (the numbers and the width) in a reactive and binds it to
every part with ``data_bind``; each part redraws itself when the view changes. Nothing
reaches in from outside to update a part.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from crampcoach.ui.pattern_charts import ChartView, Draw


class PatternPart(Static):
    view: reactive[ChartView | None] = reactive(None)

    def __init__(self, draw: Draw, *, id: str, classes: str = "chart") -> None:
        super().__init__(id=id, classes=classes)
        self._draw = draw

    def watch_view(self, view: ChartView | None) -> None:
        if view is not None and view.data is not None:
            self.update(self._draw(view.data, view.width))
