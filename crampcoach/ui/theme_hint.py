"""A one-word copy of the chosen theme beside the journal, read before the first frame.

The journal (which holds the settings) is parsed after the home screen is painted, so
start-up does not wait on years of records. This copy lets that first frame already
use the user's theme: no bright flash before night red at 3 a.m. The journal stays
the source of truth; a missing or odd hint only means the default theme for a moment.
"""

from __future__ import annotations

from pathlib import Path

HINT_NAME = "theme"


def read_hint(root: Path) -> str | None:
    try:
        text = (root / HINT_NAME).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if text.isascii() and 0 < len(text) <= 64 else None


def write_hint(root: Path, theme: str) -> None:
    from crampcoach.store import atomic_write

    try:
        if read_hint(root) != theme:
            atomic_write(root / HINT_NAME, theme.encode("ascii"))
    except OSError:
        pass  # only a start-up nicety: the journal still holds the setting
