"""Help at any hour: the out-of-hours and emergency wording, the numbers, long-cramp help."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampcoach.core.models import settings_from_dict
from crampcoach.core.urgent_help import (
    DEFAULT_NUMBERS,
    HelpNumbers,
    emergency_line,
    format_limit_duration,
    help_numbers,
    long_cramp_help,
    number_problem,
    out_of_hours_line,
)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0 s"), (45, "45 s"), (60, "1 min"), (600, "10 min"), (630, "10 min 30 s"),
     (601, "10 min 1 s"), (659.6, "11 min"), (725, "12 min 5 s")],
)  # fmt: skip
def test_durations_near_the_limit_in_minutes_and_seconds(seconds, shown):
    assert format_limit_duration(seconds) == shown


def test_defaults_say_plainly_what_they_are_for():
    oh = out_of_hours_line()
    assert "NHS 111 in the UK" in oh
    assert "elsewhere, call your local out-of-hours or urgent-care number" in oh
    em = emergency_line()
    assert "999 in the UK or 112 in the EU" in em
    assert "breathlessness, chest pain or coughing up blood" in em
    assert "swollen, painful leg" in em


def test_numbers_from_settings_replace_the_defaults():
    numbers = HelpNumbers("116 117", "112")
    assert "call 116 117 (your out-of-hours or urgent-care number)" in out_of_hours_line(numbers)
    assert "Call 112 (your emergency number)" in emergency_line(numbers)


@pytest.mark.parametrize(
    ("text", "ok"),
    [("", True), ("NHS 111", True), ("+49 116 117", True), ("(0)800-123", True),
     ("[b]999[/b]", False), ("999\x1b[2J", False), ("x" * 31, False), (" 112 ", True)],
)  # fmt: skip
def test_number_problem(text, ok):
    assert (number_problem(text) is None) is ok


def test_a_bad_number_in_settings_falls_back_to_the_default():
    assert help_numbers("[b]x", "112") == HelpNumbers("", "112")
    s = settings_from_dict({"out_of_hours_number": "\x1b]0;x", "emergency_number": "112"})
    assert s.out_of_hours_number == "" and s.emergency_number == "112"


@given(st.text(max_size=40))
def test_any_accepted_number_is_safe_to_show(text):
    if number_problem(text) is None:
        assert all(ch.isalnum() or ch in " +()-" for ch in text.strip())
        assert "[" not in text and "\x1b" not in text


@pytest.mark.parametrize(("elapsed", "lines"), [(0, 0), (599.9, 0), (600, 4), (630, 4)])
def test_long_cramp_help_from_ten_minutes_on(elapsed, lines):
    shown = long_cramp_help(elapsed)
    assert len(shown) == lines
    if lines:
        assert shown[0].startswith(f"This cramp has lasted {format_limit_duration(elapsed)}")
        assert "urgent appointment today" in shown[1]
        assert "NHS 111" in shown[2]
        assert "999" in shown[3] and "112" in shown[3]


def test_long_cramp_help_names_the_settings_numbers():
    shown = long_cramp_help(700, HelpNumbers("116 117", "112"))
    assert "116 117" in shown[2] and "112 (your emergency number)" in shown[3]
    assert long_cramp_help(700, DEFAULT_NUMBERS) != shown
