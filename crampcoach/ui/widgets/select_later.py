"""A Select that paints as its closed look first and becomes a real Select a frame later.

A Textual Select is a dozen widgets (its current value, its arrows, and a hidden option list
with every option), and building and styling History's two was about 15 ms of each opening.
Closed, it is one bordered line: ``SelectLater`` paints that line itself in the screen's first
frame, and right after that frame has been painted it puts the real Select, with the same id,
options and value, in its place. The user sees the same box in both frames; a key pressed in
between waits for the swap, like any key pressed while a frame is built.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Select, Static
from textual.widgets.select import NoSelection

from crampcoach.ui.text import user_text


class SelectLater(Static):
    """The closed look of ``Select(options, value=…, prompt=…, allow_blank=…, id=…)``.

    Its box, colours and arrow are SelectCurrent's (styles/app.tcss, "Select, later")."""

    COMPONENT_CLASSES = {"select-later--arrow"}

    def __init__(
        self,
        options: Iterable[tuple[str, Hashable]],
        *,
        id: str,
        value: Hashable | NoSelection = Select.NULL,
        prompt: str = "Select",
        allow_blank: bool = True,
    ) -> None:
        self._options = list(options)
        self._value = value
        self._prompt = prompt
        self._allow_blank = allow_blank
        self._select_id = id
        chosen = next((label for label, v in self._options if v == value), None)
        self._label = user_text(chosen if chosen is not None else prompt)
        super().__init__(classes="-has-value" if chosen is not None else None)

    def render(self) -> Text:
        # The label's width is what is left beside the arrow and its gap, as in SelectCurrent.
        width = max(self.content_region.width, 3)
        label = self._label.copy()
        label.truncate(width - 2, overflow="ellipsis", pad=True)
        arrow = self.get_component_rich_style("select-later--arrow")
        return Text.assemble(label, " ", ("▼", arrow))

    def on_mount(self) -> None:
        self.call_after_refresh(self._become_select)

    def _become_select(self) -> None:
        parent = self.parent
        if not self.is_attached or not isinstance(parent, Widget):
            return  # the screen closed before its first frame
        select: Select[Hashable] = Select(
            self._options,
            value=self._value,
            prompt=self._prompt,
            allow_blank=self._allow_blank,
            id=self._select_id,
        )
        parent.mount(select, before=self)
        self.remove()
