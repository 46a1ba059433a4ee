"""A part of a screen drawn from the screen's one ``view`` reactive, bound with ``data_bind``.

Patterns and Doctor each hold what they show in a single ``view`` (the numbers, the advice);
every part is bound to it and redraws itself when it changes. Nothing reaches in from outside
to update a part.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.reactive import reactive
from textual.widgets import Static

V = TypeVar("V")


class ViewPart(Static, Generic[V]):
    view: reactive[V | None] = reactive(None)

    def watch_view(self, view: V | None) -> None:
        if view is not None:
            self.draw(view)

    def draw(self, view: V) -> None:
        raise NotImplementedError
