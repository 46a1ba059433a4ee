"""Text boxes that never hold a raw control character.

Textual's Input and TextArea paint their value as it is: a pasted ``ESC ] 0 ; … BEL`` would
be sent to the terminal on every repaint (retitling it, clearing it). These keep what the user
sees and what is saved the same: a control character (other than tab and newline) is turned
into its visible name, ``\\x1b`` or ``U+202E``, the moment it arrives, by typing, pasting or a
value set in code. Plain text is untouched.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit

from crampcoach.core.text import escape_controls


class TextInput(Input):
    """An Input whose value holds no raw control character."""

    def __init__(
        self,
        value: str | None = None,
        *args: Any,
        compact: bool = False,
        classes: str | None = None,
        **kwargs: Any,
    ) -> None:
        # Input's constructor sets its value (which marks it "-valid") and its compact flag
        # (which toggles "-textual-compact"); each new class restyles the box and its parts
        # before it is even mounted, a third of a form's opening with a dozen boxes.
        # Starting with both classes makes those no-ops. (These boxes have no validators:
        # every value is valid, as Input itself decides.)
        names = {*(classes or "").split(), "-valid"}
        if compact:
            names.add("-textual-compact")
            # The reactive's stored value, as Input itself presets ``valid_empty``: its first
            # read then finds True and does not toggle the class off and on again.
            self._reactive_compact = True
        super().__init__(value, *args, compact=compact, classes=" ".join(sorted(names)), **kwargs)

    def validate_value(self, value: str) -> str:
        # Textual calls validate_<reactive> before every change of ``value``.
        return escape_controls(value)


class NotesArea(TextArea):
    """A TextArea whose text holds no raw control character."""

    def __init__(self, text: str = "", **kwargs: Any) -> None:
        super().__init__(escape_controls(text), **kwargs)

    def load_text(self, text: str) -> None:
        super().load_text(escape_controls(text))

    def edit(self, edit: Edit) -> Any:
        # Typing, pasting, replace() and insert() all arrive here as one Edit.
        edit.text = escape_controls(edit.text)
        return super().edit(edit)
