"""The log form's typing rules, without a terminal: when a typed time is complete."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampcoach.core.log_entry import time_is_complete
from crampcoach.core.when import WhenError, parse_when

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=ZONE)


def _is_time(text: str) -> bool:
    try:
        parse_when(text, NOW, ZONE, 12)
    except WhenError:
        return False
    return True


@pytest.mark.parametrize("text", ["310", "0310", "03:10", "3:10", "23:40", "2340", "245", "959"])
def test_times_that_can_only_mean_one_thing_are_complete(text):
    assert time_is_complete(text)


@pytest.mark.parametrize(
    "text", ["", "3", "31", "123", "12:3", "3:1", "200", "2360", "360", "yesterday 3:10", "1:2:3"]
)
def test_times_that_may_go_on_are_not(text):
    assert not time_is_complete(text)


@given(st.text(alphabet="0123456789:", max_size=6))
def test_a_complete_time_parses_and_no_key_more_makes_another_time(text):
    if time_is_complete(text):
        assert _is_time(text)
        assert not any(_is_time(text + key) for key in "0123456789:")


@pytest.mark.parametrize("text", ["0:001", "03:100", "3: 10", "3:-5", "-3:10", "123:45", ":10"])
def test_around_a_colon_are_one_or_two_digits(text):
    assert not _is_time(text)


def test_every_short_typing_agrees_with_the_parser():
    """All 16,104 strings of up to four digits and colons: a complete one parses, and no key
    typed after it makes another time (so moving on by itself never cuts a time short)."""
    import itertools

    for n in range(1, 5):
        for combo in itertools.product("0123456789:", repeat=n):
            text = "".join(combo)
            if time_is_complete(text):
                assert _is_time(text), text
                assert not any(_is_time(text + key) for key in "0123456789:"), text
