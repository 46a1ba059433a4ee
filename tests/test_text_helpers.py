"""The user-text helper: control characters are named, markup is never parsed."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crampcoach.core.text import escape_controls, first_control
from crampcoach.ui.text import user_text


def test_markup_is_kept_as_plain_text() -> None:
    assert user_text("My [/] stretches [link=x]y[/link]").plain == (
        "My [/] stretches [link=x]y[/link]"
    )


def test_terminal_sequences_are_shown_escaped() -> None:
    shown = user_text("a\x1b]0;title\x07b\u202ec").plain
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert shown == "a\\x1b]0;title\\x07bU+202Ec"


def test_newline_and_tab_are_allowed() -> None:
    assert first_control("one\ntwo\tthree") is None
    assert first_control("bell\x07") == "\x07"


@given(st.text())
def test_escaped_text_has_no_controls(text: str) -> None:
    assert first_control(escape_controls(text)) is None
