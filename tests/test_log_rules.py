"""Core rules behind the log form: the night preview, what is missing, duplicates, durations."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from crampcoach.core.dates import day_label
from crampcoach.core.duplicates import find_duplicates
from crampcoach.core.durations import duration_text
from crampcoach.core.log_entry import as_last_time, missing_basics, when_preview
from tests.ui_support import ZONE, episode


def test_preview_names_day_and_night():
    now = datetime(2026, 12, 1, 7, 0, tzinfo=ZONE)
    at = datetime(2026, 12, 1, 3, 10, tzinfo=ZONE)
    assert when_preview(at, ZONE, 12, now) == "→ Tue 01 Dec 03:10 (night of Mon 30 Nov)"


def test_preview_and_dates_carry_the_year_only_when_not_this_year():
    now = datetime(2026, 1, 1, 7, 0, tzinfo=ZONE)
    at = datetime(2026, 1, 1, 3, 10, tzinfo=ZONE)
    assert when_preview(at, ZONE, 12, now) == "→ Thu 01 Jan 03:10 (night of Wed 31 Dec 2025)"
    assert day_label(date(2023, 12, 2), date(2026, 12, 2), weekday=False) == "2 Dec 2023"
    assert day_label(date(2026, 12, 2), date(2026, 12, 2), weekday=False) == "2 Dec"


def test_missing_basics_and_prefill_label():
    assert missing_basics(None, ()) == ["which leg", "where"]
    assert missing_basics("left", ()) == ["where"]
    assert missing_basics("left", ("calf",)) == []
    assert (
        as_last_time("left", ("calf", "front-thigh")) == "as last time: left, calf, front of thigh"
    )
    assert as_last_time(None, ()) == ""


def test_duplicates_are_close_in_time_and_in_the_same_place():
    old = episode("2026-11-22 03:10", side="left", locations=["calf"])
    assert find_duplicates(episode("2026-11-22 03:20", side="left", locations=["calf"]), [old])
    assert find_duplicates(episode("2026-11-22 03:00", side="both", locations=["calf"]), [old])
    # Another leg, another spot or another hour is another cramp.
    assert not find_duplicates(episode("2026-11-22 03:10", side="right", locations=["calf"]), [old])
    assert not find_duplicates(episode("2026-11-22 03:10", side="left", locations=["foot"]), [old])
    assert not find_duplicates(episode("2026-11-22 03:40", side="left", locations=["calf"]), [old])
    # Editing a cramp never finds itself.
    assert not find_duplicates(old.with_changes(notes="edited"), [old])


def test_durations_under_a_minute_are_seconds():
    assert duration_text(45) == "45 s"
    assert duration_text(0) == "0 s"
    assert duration_text(240) == "4 min"
    assert duration_text(270) == "4.5 min"
    assert duration_text(119) == "2 min"
    assert duration_text(840) == "14 min"
    assert duration_text(3600) == "1 h"
    assert duration_text(3900) == "1 h 5 min"
    assert duration_text(None) == "duration not noted"


@given(st.integers(min_value=0, max_value=24 * 3600))
def test_duration_text_is_close_and_never_zero_minutes(seconds):
    number, unit = duration_text(seconds).split()[:2]
    assert not (unit == "min" and float(number) == 0)
    if seconds < 60:
        assert unit == "s" and int(number) == seconds
    elif seconds < 3600:
        assert unit == "min" and abs(float(number) * 60 - seconds) <= 30
