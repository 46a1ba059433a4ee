"""A part of a screen drawn from the screen's one ``view`` reactive, bound with ``data_bind``.

Patterns and Doctor each hold what they show in a single ``view`` (the numbers, the advice);
every part is bound to it and redraws itself when it changes. Nothing reaches in from outside
to update a part.

A part built with ``later=True`` draws in the frame after the view changed, once the frame
with the parts above it has been painted: a part below the fold then costs the first frame
nothing but its empty box.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from textual.reactive import reactive
from textual.widgets import Static

V = TypeVar("V")


class ViewPart(Static, Generic[V]):
    view: reactive[V | None] = reactive(None)

    def __init__(self, *args: Any, later: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._later = later

    def watch_view(self, view: V | None) -> None:
        if view is None:
            return
        if self._later:
            self.call_after_refresh(self._draw_if_still, view)
        else:
            self.draw(view)

    def _draw_if_still(self, view: V) -> None:
        if view is self.view:  # a newer view has its own draw queued
            self.draw(view)

    def draw(self, view: V) -> None:
        raise NotImplementedError
