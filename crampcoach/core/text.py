"""Control characters in user text: found (to refuse at the gate) and escaped (to show safely).

Text a user or a file supplied may hold terminal escapes (ESC, OSC, CSI), other C0/C1 controls
or bidi overrides. The gate refuses them in stored text fields (newline and tab are allowed);
every renderer still escapes them, so a record that got past an older version is shown, never
obeyed by the terminal.
"""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, C1, and the bidi embedding/override/isolate marks.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def first_control(text: str) -> str | None:
    """The first forbidden control character in ``text``, or None."""
    found = _CONTROL.search(text)
    return found.group() if found else None


def control_name(char: str) -> str:
    """How a control character is named in messages and shown on screen: ``\\x1b``, ``U+202E``."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"U+{code:04X}"


def escape_controls(text: str) -> str:
    """``text`` with every forbidden control character replaced by its visible name."""
    return _CONTROL.sub(lambda m: control_name(m.group()), text)
