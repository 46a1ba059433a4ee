"""The one helper that turns user- or file-supplied text into something safe to render.

A bare string handed to a Static, a DataTable cell, a notification or the palette is parsed as
Textual markup: a note holding ``[/]`` crashed History. ``user_text`` returns a ``rich`` Text
(never parsed as markup) with control characters shown escaped, so terminal sequences in a note
cannot retitle or repaint the terminal.
"""

from __future__ import annotations

import re

from rich.text import Text

from crampcoach.core.text import escape_controls


def user_text(text: object, style: str = "") -> Text:
    """Plain, inert text for display: no markup, no terminal control characters."""
    return Text(escape_controls(str(text)), style=style)


def join_text(*parts: Text | str, style: str = "") -> Text:
    """Join pieces: ``Text`` parts are kept; ``str`` parts are our own literals (no markup)."""
    out = Text(style=style)
    for part in parts:
        out.append(part if isinstance(part, Text) else Text(part))
    return out


# A "[" opens a tag unless one backslash comes right before it (only that one is consumed).
_TRAILING_BACKSLASH = re.compile(r"\\$")


def user_markup(text: object) -> str:
    """User text for the few places that build a markup string: shown literally, never as tags.

    Prefer ``user_text`` and ``join_text``. Unlike ``textual.markup.escape`` this escapes every
    ``[`` (also ``[$var]`` and ``[link=…]``), and a trailing backslash is followed by a
    zero-width space so it cannot escape the tag that comes next.
    """
    escaped = escape_controls(str(text)).replace("[", "\\[")
    return _TRAILING_BACKSLASH.sub("\\\\\u200b", escaped)
