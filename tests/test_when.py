"""parse_when and the time helpers under it, with a fixed "now" and zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from crampcoach.core.times import (
    NaiveTimeError,
    duration_s,
    from_iso,
    last_night_date,
    parse_clock,
    place_in_last_night,
    require_aware,
    resolve_local,
    to_iso,
    zone_name,
)
from crampcoach.core.when import ALLOWED, WhenError, parse_when

# The tzdata package (a dependency) guarantees the zone database on every machine.
BERLIN = ZoneInfo("Europe/Berlin")
CET = timezone(timedelta(hours=1))
# Sunday 22 Nov 2026, 08:30 in the morning, CET (no DST around).
MORNING = datetime(2026, 11, 22, 8, 30, 15, 123456, tzinfo=CET)
# The same Sunday, 20:45 in the evening.
EVENING = datetime(2026, 11, 22, 20, 45, tzinfo=CET)


def at(text: str, now: datetime = MORNING, zone=CET) -> datetime:
    res = parse_when(text, now, zone)
    assert not res.ambiguous and res.note is None
    return res.instant


def local(y: int, mo: int, d: int, h: int, mi: int) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=CET)


# ---------------------------------------------------------------- parse_when


@pytest.mark.parametrize("text", ["now", "NOW", "  now ", ""])
def test_now(text: str) -> None:
    assert at(text) == MORNING.replace(microsecond=0)
    assert at(text).utcoffset() == timedelta(hours=1)


def test_now_is_shown_in_the_given_zone() -> None:
    res = parse_when("now", MORNING.astimezone(UTC), CET)
    assert res.instant.utcoffset() == timedelta(hours=1)
    assert res.instant == MORNING.replace(microsecond=0)


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        # In the morning, an early time is earlier today, a late one the evening before.
        ("03:10", MORNING, local(2026, 11, 22, 3, 10)),
        ("3:10", MORNING, local(2026, 11, 22, 3, 10)),
        ("0310", MORNING, local(2026, 11, 22, 3, 10)),
        ("3", MORNING, local(2026, 11, 22, 3, 0)),
        ("3.10", MORNING, local(2026, 11, 22, 3, 10)),
        ("23:40", MORNING, local(2026, 11, 21, 23, 40)),
        ("12:00", MORNING, local(2026, 11, 21, 12, 0)),
        ("00:00", MORNING, local(2026, 11, 22, 0, 0)),
        ("08:30", MORNING, local(2026, 11, 22, 8, 30)),
        # A time later this morning has not happened: it is the morning before.
        ("09:00", MORNING, local(2026, 11, 21, 9, 0)),
        # In the evening, "last night" is still the night that began yesterday.
        ("03:10", EVENING, local(2026, 11, 22, 3, 10)),
        ("23:40", EVENING, local(2026, 11, 21, 23, 40)),
        ("13:00", EVENING, local(2026, 11, 22, 13, 0)),
        ("last night 03:10", MORNING, local(2026, 11, 22, 3, 10)),
        ("Last Night at 3:10", MORNING, local(2026, 11, 22, 3, 10)),
        ("last night 23:40", MORNING, local(2026, 11, 21, 23, 40)),
        ("last night 03:10", EVENING, local(2026, 11, 22, 3, 10)),
        ("last   night   23:40", EVENING, local(2026, 11, 21, 23, 40)),
        ("tonight 01:00", EVENING, local(2026, 11, 22, 1, 0)),
        ("yesterday 23:40", MORNING, local(2026, 11, 21, 23, 40)),
        ("yesterday at 03:10", MORNING, local(2026, 11, 21, 3, 10)),
        ("yesterday 23:40", EVENING, local(2026, 11, 21, 23, 40)),
        ("today 07:30", MORNING, local(2026, 11, 22, 7, 30)),
        ("today 20:00", EVENING, local(2026, 11, 22, 20, 0)),
        ("2026-11-20 03:10", MORNING, local(2026, 11, 20, 3, 10)),
        ("2026-11-20T03:10", MORNING, local(2026, 11, 20, 3, 10)),
    ],
)
def test_typed_local_times(text: str, now: datetime, expected: datetime) -> None:
    got = at(text, now)
    assert got == expected
    assert got.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3am", local(2026, 11, 22, 3, 0)),
        ("3 am", local(2026, 11, 22, 3, 0)),
        ("3:10am", local(2026, 11, 22, 3, 10)),
        ("3:10 AM", local(2026, 11, 22, 3, 10)),
        ("3:10 a.m.", local(2026, 11, 22, 3, 10)),
        ("12am", local(2026, 11, 22, 0, 0)),
        ("12:30am", local(2026, 11, 22, 0, 30)),
        ("11pm", local(2026, 11, 21, 23, 0)),
        ("11:40 p.m.", local(2026, 11, 21, 23, 40)),
        ("12pm", local(2026, 11, 21, 12, 0)),
        ("last night 11:40pm", local(2026, 11, 21, 23, 40)),
        ("yesterday 10 pm", local(2026, 11, 21, 22, 0)),
    ],
)
def test_twelve_hour_clock(text: str, expected: datetime) -> None:
    assert at(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-22T03:10:00+01:00",
        "2026-11-22T02:10:00Z",
        "2026-11-22T02:10:00z",
        "2026-11-22T02:10:00+00:00",
        "2026-11-21T21:10:00-05:00",
    ],
)
def test_iso_with_offset_is_taken_as_is(text: str) -> None:
    assert at(text) == local(2026, 11, 22, 3, 10)


@pytest.mark.parametrize(
    "text",
    [
        "tomorrow",
        "03:61",
        "25:00",
        "last night",
        "last night at",
        "yesterday 25:00",
        "today noonish",
        "13pm",
        "0am",
        "half past three",
        "2026-11-22",
        "22.11.2026 03:10",
        "2026-02-30 03:10",
        "ü",
    ],
)
def test_bad_text_names_it_and_lists_allowed_forms(text: str) -> None:
    with pytest.raises(WhenError) as info:
        parse_when(text, MORNING, CET)
    message = str(info.value)
    assert f"'{text}'" in message
    assert ALLOWED in message
    for form in ("now", "03:10", "last night 03:10", "yesterday 23:40", "+01:00"):
        assert form in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "text",
    [
        "today 09:00",
        "today 23:00",
        "2026-11-22 09:00",
        "2026-11-23 03:10",
        "2026-11-22T09:00:00+01:00",
        "2027-01-01T00:00:00Z",
    ],
)
def test_future_is_refused(text: str) -> None:
    with pytest.raises(WhenError, match="in the future"):
        parse_when(text, MORNING, CET)


def test_a_minute_of_slack_for_the_clock_moving_while_typing() -> None:
    now = local(2026, 11, 22, 8, 30)
    assert at("today 08:31", now) == local(2026, 11, 22, 8, 31)
    with pytest.raises(WhenError, match="future"):
        parse_when("2026-11-22T08:31:01+01:00", now, CET)


def test_boundary_hour_changes_what_last_night_means() -> None:
    now = local(2026, 11, 22, 8, 30)
    # With the night starting at 18:00, 15:00 belongs to the morning side: today is in
    # the future, so the day before.
    assert parse_when("15:00", now, CET, boundary_hour=18).instant == local(2026, 11, 21, 15, 0)
    assert parse_when("19:00", now, CET, boundary_hour=18).instant == local(2026, 11, 21, 19, 0)


def test_when_error_is_a_value_error() -> None:
    assert issubclass(WhenError, ValueError)


# ---------------------------------------------------------------- DST (a real zone)


def test_time_in_spring_gap_is_moved_and_explained() -> None:
    # Europe/Berlin: 29 Mar 2026, 02:00 -> 03:00.
    now = datetime(2026, 3, 29, 9, 0, tzinfo=BERLIN)
    res = parse_when("02:30", now, BERLIN)
    assert not res.ambiguous
    assert res.instant == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert res.instant.astimezone(BERLIN).hour == 3
    assert res.note is not None and "did not exist" in res.note and "02:30" in res.note


def test_time_in_autumn_overlap_offers_both_instants() -> None:
    # Europe/Berlin: 25 Oct 2026, 03:00 -> 02:00; 02:30 happens twice.
    now = datetime(2026, 10, 25, 9, 0, tzinfo=BERLIN)
    res = parse_when("last night 02:30", now, BERLIN)
    assert res.ambiguous
    first, second = res.choices
    assert first.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert second.astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert res.instant == first
    assert res.note is not None and "twice" in res.note
    assert to_iso(first) == "2026-10-25T02:30:00+02:00"
    assert to_iso(second) == "2026-10-25T02:30:00+01:00"


def test_ordinary_times_in_a_real_zone_carry_that_days_offset() -> None:
    now = datetime(2026, 7, 1, 9, 0, tzinfo=BERLIN)
    assert to_iso(parse_when("03:10", now, BERLIN).instant) == "2026-07-01T03:10:00+02:00"
    assert zone_name(BERLIN) == "Europe/Berlin"


# ---------------------------------------------------------------- times.py helpers


def test_iso_round_trip_keeps_offset_and_drops_microseconds() -> None:
    value = datetime(2026, 11, 22, 3, 10, 5, 999_999, tzinfo=CET)
    text = to_iso(value)
    assert text == "2026-11-22T03:10:05+01:00"
    back = from_iso(text)
    assert back == value.replace(microsecond=0) and back.utcoffset() == timedelta(hours=1)
    assert from_iso("2026-11-22T02:10:05Z") == back


def test_naive_times_are_refused() -> None:
    with pytest.raises(NaiveTimeError):
        to_iso(datetime(2026, 11, 22, 3, 10))
    with pytest.raises(NaiveTimeError):
        from_iso("2026-11-22T03:10:00")
    with pytest.raises(NaiveTimeError):
        require_aware(datetime(2026, 1, 1), "start")
    with pytest.raises(ValueError):
        from_iso("not a time")
    with pytest.raises(NaiveTimeError):
        duration_s(datetime(2026, 1, 1), datetime(2026, 1, 1, 1, tzinfo=UTC))
    assert from_iso("2026-11-22T02:10:00Z") == datetime(2026, 11, 22, 2, 10, tzinfo=UTC)


def test_duration_is_elapsed_time_across_offsets() -> None:
    start = datetime(2026, 3, 29, 1, 50, tzinfo=CET)
    end = datetime(2026, 3, 29, 3, 10, tzinfo=timezone(timedelta(hours=2)))
    assert duration_s(start, end) == 20 * 60
    with pytest.raises(NaiveTimeError):
        duration_s(datetime(2026, 1, 1), end)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03:10", time(3, 10)),
        ("3:10", time(3, 10)),
        (" 3:5 ", time(3, 5)),
        ("0310", time(3, 10)),
        ("310", time(3, 10)),
        ("7", time(7, 0)),
        ("23", time(23, 0)),
        ("23.59", time(23, 59)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("1pm", time(13, 0)),
        ("1 p.m.", time(13, 0)),
        ("1:15 a.m.", time(1, 15)),
        ("11.30pm", time(23, 30)),
        ("24:00", None),
        ("3:60", None),
        ("13am", None),
        ("0pm", None),
        ("abc", None),
        ("", None),
        ("12345", None),
        ("3:xx", None),
        ("-1", None),
    ],
)
def test_parse_clock(text: str, expected: time | None) -> None:
    assert parse_clock(text) == expected


def test_last_night_date_and_place_in_last_night() -> None:
    morning = datetime(2026, 11, 22, 8, 0)
    evening = datetime(2026, 11, 22, 20, 0)
    assert last_night_date(morning) == date(2026, 11, 21)
    assert last_night_date(evening) == date(2026, 11, 22)
    assert last_night_date(datetime(2026, 11, 22, 12, 0)) == date(2026, 11, 22)
    assert place_in_last_night(time(3, 10), morning) == date(2026, 11, 22)
    assert place_in_last_night(time(23, 40), morning) == date(2026, 11, 21)
    assert place_in_last_night(time(3, 10), evening) == date(2026, 11, 22)
    assert place_in_last_night(time(21, 0), evening) == date(2026, 11, 21)


def test_resolve_local_in_a_fixed_zone_is_plain() -> None:
    res = resolve_local(date(2026, 11, 22), time(3, 10), CET)
    assert res.instant == local(2026, 11, 22, 3, 10)
    assert res.note is None and res.choices == () and not res.ambiguous
    assert zone_name(CET) is None
