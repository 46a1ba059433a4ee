"""Aware times, DST-safe entry, durations in UTC and 23/25-hour nights.

Journal promises 11–14, on the Europe/Berlin changes of 2026:
29 March 02:00 → 03:00 (spring forward) and 25 October 03:00 → 02:00 (fall back).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson
import pytest

from crampcoach.core.errors import ValidationError
from crampcoach.core.models import Episode, RoutineRun, episode_from_dict, run_from_dict
from crampcoach.core.nights import group_by_night, night_bounds, night_of
from crampcoach.core.times import NaiveTimeError, duration_s, from_iso, resolve_local, to_iso
from crampcoach.core.when import WhenError, parse_when
from crampcoach.store import Journal

BERLIN = ZoneInfo("Europe/Berlin")
SPRING = date(2026, 3, 29)
FALL = date(2026, 10, 25)
H = timedelta(hours=1)


# ---------------------------------------------------------------- 11. aware times only


def test_episode_from_dict_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValidationError) as info:
        episode_from_dict({"started_at": datetime(2026, 11, 22, 3, 10)})
    assert info.value.for_field("started_at")


@pytest.mark.parametrize("text", ["2026-11-22T03:10:00", "2026-11-22 03:10", "2026-11-22T03:10"])
def test_episode_from_dict_refuses_iso_without_offset(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        episode_from_dict({"started_at": text})
    [message] = info.value.for_field("started_at")
    assert "UTC offset" in message


def test_run_from_dict_refuses_naive_times() -> None:
    good = "2026-11-22T03:10:00+01:00"
    for key in ("started_at", "ended_at"):
        raw = {"routine_id": "r", "started_at": good, "ended_at": good, key: "2026-11-22T03:10"}
        with pytest.raises(ValidationError) as info:
            run_from_dict(raw)
        assert info.value.for_field(key)


def test_journal_refuses_naive_times_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    j = Journal.open(path)
    before = path.read_bytes()
    naive = datetime(2026, 11, 22, 3, 10)
    with pytest.raises(NaiveTimeError):
        j.add_episode(Episode(started_at=naive))
    with pytest.raises(NaiveTimeError):
        j.add_run(RoutineRun("r", naive.replace(tzinfo=UTC), naive, 1, 1, True))
    assert path.read_bytes() == before
    j.add_episode(Episode(started_at=naive.replace(tzinfo=UTC)))  # the lock was released


def test_stored_instants_carry_offset_and_zone(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    j = Journal.open(path)
    j.add_episode(
        Episode(started_at=datetime(2026, 7, 1, 3, 10, tzinfo=BERLIN), tz="Europe/Berlin")
    )
    [doc] = orjson.loads(path.read_bytes())["episodes"].values()
    assert doc["started_at"] == "2026-07-01T03:10:00+02:00"
    assert doc["tz"] == "Europe/Berlin"


def test_a_naive_record_in_the_file_is_refused_not_rewritten(tmp_path: Path) -> None:
    from crampcoach.store import CorruptJournal

    path = tmp_path / "journal.json"
    j = Journal.open(path)
    j.add_episode(Episode(started_at=datetime(2026, 11, 22, 2, 0, tzinfo=UTC)))
    data = orjson.loads(path.read_bytes())
    data["episodes"]["99"] = {"id": "naive", "started_at": "2026-11-22T03:10:00"}
    path.write_bytes(orjson.dumps(data))
    before = path.read_bytes()
    # A naive time is refused at the storage boundary: the journal says which record and
    # field, and nothing is written, so the record is never "fixed" or lost.
    with pytest.raises(CorruptJournal, match="started_at"):
        j.episodes()
    with pytest.raises(CorruptJournal):
        j.add_episode(Episode(started_at=datetime(2026, 11, 22, 4, 0, tzinfo=UTC)))
    assert path.read_bytes() == before


# ---------------------------------------------------------------- 12. DST-safe entry


def test_gap_time_is_corrected_with_a_note() -> None:
    res = resolve_local(SPRING, time(2, 30), BERLIN)
    assert not res.ambiguous
    assert res.instant.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert res.instant.astimezone(BERLIN).strftime("%H:%M") == "03:30"
    assert res.instant.utcoffset() == 2 * H
    assert res.note and "02:30" in res.note and "did not exist" in res.note
    assert "03:30" in res.note


def test_repeated_hour_offers_both_instants() -> None:
    res = resolve_local(FALL, time(2, 30), BERLIN)
    assert res.ambiguous
    first, second = res.choices
    assert first.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert second.astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert [c.utcoffset() for c in res.choices] == [2 * H, H]
    assert [to_iso(c) for c in res.choices] == [
        "2026-10-25T02:30:00+02:00",
        "2026-10-25T02:30:00+01:00",
    ]
    assert res.note and "twice" in res.note


@pytest.mark.parametrize("day", [date(2026, 1, 15), date(2026, 7, 15), SPRING, FALL])
def test_ordinary_times_resolve_plainly(day: date) -> None:
    res = resolve_local(day, time(4, 15), BERLIN)
    assert res.note is None and not res.ambiguous
    assert res.instant.astimezone(BERLIN).time() == time(4, 15)


def test_parse_when_on_the_spring_forward_night() -> None:
    now = datetime(2026, 3, 29, 9, 0, tzinfo=BERLIN)
    res = parse_when("02:30", now, BERLIN)
    assert res.instant.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert res.note and "did not exist" in res.note
    again = parse_when("last night 02:30", now, BERLIN)
    assert again.instant == res.instant and again.note == res.note


def test_parse_when_on_the_fall_back_night() -> None:
    now = datetime(2026, 10, 25, 9, 0, tzinfo=BERLIN)
    for text in ("02:30", "last night 2:30", "2026-10-25 02:30"):
        res = parse_when(text, now, BERLIN)
        assert res.ambiguous, text
        assert {c.astimezone(UTC) for c in res.choices} == {
            datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
            datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
        }


def test_parse_when_future_check_uses_the_real_instant() -> None:
    """Datetimes sharing a zone compare on wall clocks and ignore ``fold``; the check that a
    typed time is not in the future must compare real instants."""
    # 02:10 on the second pass through the repeated hour (01:10 UTC).
    now = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=BERLIN)
    res = parse_when("2026-10-25 02:50", now, BERLIN)  # the first 02:50 was 20 minutes ago
    assert res.ambiguous
    assert res.instant.astimezone(UTC) == datetime(2026, 10, 25, 0, 50, tzinfo=UTC)
    # 02:20 on the first pass (00:20 UTC): 02:30 has not happened yet in either reading.
    early = datetime(2026, 10, 25, 2, 20, tzinfo=BERLIN)
    with pytest.raises(WhenError, match="future"):
        parse_when("2026-10-25 02:30", early, BERLIN)
    with pytest.raises(WhenError, match="future"):
        parse_when("2026-10-25T02:30:00+01:00", early, BERLIN)


# ---------------------------------------------------------------- 13. durations in UTC


def test_duration_across_spring_forward_is_two_hours() -> None:
    start = datetime(2026, 3, 29, 1, 0, tzinfo=BERLIN)
    end = datetime(2026, 3, 29, 4, 0, tzinfo=BERLIN)
    assert duration_s(start, end) == 2 * 3600


def test_duration_across_fall_back_is_four_hours() -> None:
    start = datetime(2026, 10, 25, 1, 0, tzinfo=BERLIN)
    end = datetime(2026, 10, 25, 4, 0, tzinfo=BERLIN)
    assert duration_s(start, end) == 4 * 3600


def test_duration_inside_the_repeated_hour() -> None:
    first = datetime(2026, 10, 25, 2, 50, tzinfo=BERLIN)
    second = datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=BERLIN)
    assert duration_s(first, second) == 20 * 60


def test_duration_across_offsets() -> None:
    start = datetime(2026, 3, 29, 1, 0, tzinfo=timezone(H))
    end = datetime(2026, 3, 29, 4, 0, tzinfo=timezone(2 * H))
    assert duration_s(start, end) == 2 * 3600


# ---------------------------------------------------------------- 14. nights


def every_minute(start: datetime, end: datetime) -> list[datetime]:
    t, out = start.astimezone(UTC), []
    end = end.astimezone(UTC)
    while t < end:
        out.append(t)
        t += timedelta(minutes=1)
    return out


@pytest.mark.parametrize(("evening", "hours"), [(date(2026, 3, 28), 23), (date(2026, 10, 24), 25)])
def test_dst_nights_are_one_night_each(evening: date, hours: int) -> None:
    start, end = night_bounds(evening, BERLIN)
    assert end.astimezone(UTC) - start.astimezone(UTC) == hours * H
    minutes = every_minute(start, end)
    assert len(minutes) == hours * 60
    assert {night_of(m, BERLIN) for m in minutes} == {evening}
    assert night_of(start - timedelta(minutes=1), BERLIN) == evening - timedelta(days=1)
    assert night_of(end, BERLIN) == evening + timedelta(days=1)
    # Grouped by their recorded zone, a whole night of events counts as one night.
    counts = group_by_night((m, "Europe/Berlin") for m in minutes[::30])
    assert list(counts) == [evening]


def test_named_by_the_evening_in_the_events_zone() -> None:
    at_0310 = datetime(2026, 11, 22, 3, 10, tzinfo=BERLIN)
    assert night_of(at_0310, BERLIN) == date(2026, 11, 21)
    # The same instant seen from Tokyo is mid-morning on the 22nd: still before noon.
    assert night_of(at_0310, ZoneInfo("Asia/Tokyo")) == date(2026, 11, 21)
    # From New York it is 21:10 on the 21st: the evening of the 21st.
    assert night_of(at_0310, ZoneInfo("America/New_York")) == date(2026, 11, 21)
    # Stored with its offset only, the instant's own offset decides.
    assert night_of(from_iso("2026-11-22T13:10:00+01:00")) == date(2026, 11, 22)


def test_episodes_on_dst_nights_group_one_per_night() -> None:
    events = [
        ("2026-03-28T23:30:00+01:00", "Europe/Berlin"),
        ("2026-03-29T01:59:00+01:00", "Europe/Berlin"),
        ("2026-03-29T03:01:00+02:00", "Europe/Berlin"),
        ("2026-03-29T11:59:00+02:00", "Europe/Berlin"),
        ("2026-10-25T02:30:00+02:00", "Europe/Berlin"),
        ("2026-10-25T02:30:00+01:00", "Europe/Berlin"),
        ("2026-10-25T11:59:00+01:00", "Europe/Berlin"),
    ]
    counts = group_by_night((from_iso(t), z) for t, z in events)
    assert counts == {date(2026, 3, 28): 4, date(2026, 10, 24): 3}


# ---------------------------------------------------------------- through the command line


def run_log(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CRAMPCOACH_DEBUG"}
    env["TZ"] = "Europe/Berlin"
    return subprocess.run(
        [sys.executable, "-m", "crampcoach", "--data-dir", str(data_dir), "log", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_cli_log_at_an_ambiguous_time_asks_which_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_log(data, "--at", "2026-10-25 02:30", "--side", "left")
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "2026-10-25T02:30:00+02:00" in lines[0]
    assert "2026-10-25T02:30:00+01:00" in lines[0]
    assert not (data / "journal.json").exists()  # nothing written on bad input
    # Answering with one of the offered instants saves that instant.
    chosen = run_log(data, "--at", "2026-10-25T02:30:00+01:00", "--side", "left")
    assert "Saved" in chosen.stdout, chosen
    [ep] = Journal.open(data / "journal.json").episodes()
    assert ep.started_at.astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert ep.tz == "Europe/Berlin"


def test_cli_log_in_a_gap_saves_the_corrected_time_with_a_note(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_log(data, "--at", "2026-03-29 02:30")
    assert "Saved" in result.stdout, result
    assert "did not exist" in result.stdout
    [ep] = Journal.open(data / "journal.json").episodes()
    assert to_iso(ep.started_at) == "2026-03-29T03:30:00+02:00"
