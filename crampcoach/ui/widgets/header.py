"""Textual's header, whose title changes repaint one line instead of laying out the screen.

A screen's sub-title says what it shows ("History · 1259 of 3650 · sorted by started"), and
changes as it fills in. Textual's title is a Static, and a Static's update lays the whole
screen out again; the title is one line the width of the screen (no wrapping, an ellipsis),
so a new title can never change the layout: this one only repaints it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.visual import VisualType
from textual.widgets import Header as TextualHeader
from textual.widgets._header import HeaderTitle


class Title(HeaderTitle):
    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=layout)


class Header(TextualHeader):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield Title() if type(widget) is HeaderTitle else widget
