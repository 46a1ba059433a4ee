"""How strong, on one number key: 1–9, and 0 for 10."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


def digit_value(digit: str) -> int:
    """The intensity a number key stands for: "0" is 10, so every key is a whole answer."""
    return 10 if digit == "0" else int(digit)


class IntensityPicker(Widget, can_focus=True):
    """A row the cursor stops on; a number key answers (the form then moves on)."""

    DEFAULT_CSS = """
    IntensityPicker { height: 1; padding: 0 1; }
    IntensityPicker:focus { background: $boost; }
    """

    value: reactive[int | None] = reactive(None)

    def __init__(self, value: int | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(IntensityPicker.value, value)

    def press(self, digit: str) -> int | None:
        """Answer with a number key; the answer now (None when the same key took it back)."""
        chosen = digit_value(digit)
        # The same key again takes the answer back: a slip is one key to undo.
        self.value = None if self.value == chosen else chosen
        return self.value

    def render(self) -> Content:
        shown = "not noted" if self.value is None else f"{self.value} of 10"
        return Content.from_markup(
            f"[b]How strong?[/b] {shown}  [$foreground-muted](keys 1–9, 0 for 10)[/]"
        )
