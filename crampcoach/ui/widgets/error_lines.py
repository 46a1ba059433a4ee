"""A form's messages, each on a line just after its field; a line exists only while it has one.

An empty error line per field is a widget per field that Textual must style and lay out on
every opening, and almost all of them stay empty: forms mount a line the first time a field
has something to say, and hide it (not remove it) once it has nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Static

from crampcoach.ui.text import user_text


def show_error_lines(
    root: DOMNode, problems: Mapping[str, str], anchors: Mapping[str, str] | None = None
) -> None:
    """Show ``problems`` (field → message) under ``root``, each after its anchor.

    A field's line is ``#err-<field>``; it goes after the widget ``#<anchor>`` (by default
    ``#<field>`` itself), inside the same container. Lines of fields with no problem are
    hidden. Messages may quote what was typed: plain text, never markup.
    """
    for line in root.query(".error").results(Static):
        if line.id and line.id.startswith("err-"):
            line.update("")
            line.display = False
    for field, message in problems.items():
        found = root.query(f"#err-{field}")
        if found:
            line = found.first(Static)
            line.update(user_text(message))
            line.display = True
            continue
        anchor_id = (anchors or {}).get(field, field)
        anchor = root.query(f"#{anchor_id}")
        if not anchor:
            continue
        widget = anchor.first(Widget)
        if not isinstance(widget.parent, Widget):
            continue
        line = Static(user_text(message), id=f"err-{field}", classes="error")
        widget.parent.mount(line, after=widget)


def error_line_text(root: DOMNode, field: str) -> str:
    """What the line of ``field`` says now ("" when it has never been shown or is hidden)."""
    found = root.query(f"#err-{field}")
    if not found:
        return ""
    line = found.first(Static)
    return str(line.render()) if line.display else ""
