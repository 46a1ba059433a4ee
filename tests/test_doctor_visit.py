""" "I saw a doctor about this": the record's gate, the journal table, `crampcoach doctor seen`."""

from __future__ import annotations

import json
from datetime import date

import pytest

from crampcoach import paths
from crampcoach.advice_text import current_advice
from crampcoach.core.doctor_visit import (
    VISIT_NOTE_MAX,
    DoctorVisit,
    latest_visit,
    visit_from_dict,
    visit_to_dict,
)
from crampcoach.core.errors import ValidationError
from crampcoach.core.models import Profile
from crampcoach.store import Journal
from tests.factories import episode_on_night, local
from tests.test_cli import ok, run

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"seen_on": "2026-11-23"}, "seen_on"),  # tomorrow
        ({"seen_on": "22/11/2026"}, "seen_on"),
        ({"seen_on": "2026-02-30"}, "seen_on"),
        ({}, "seen_on"),
        ({"seen_on": 20261122}, "seen_on"),
        ({"seen_on": "1800-01-01"}, "seen_on"),
        ({"seen_on": "2026-11-22", "note": "x" * (VISIT_NOTE_MAX + 1)}, "note"),
        ({"seen_on": "2026-11-22", "note": "ok\x1b[2Jbad"}, "note"),
        ({"seen_on": "2026-11-22", "note": 5}, "note"),
    ],
)
def test_the_gate_refuses_bad_visits(raw, field):
    with pytest.raises(ValidationError) as info:
        visit_from_dict(raw, today=TODAY)
    assert info.value.for_field(field)


def test_the_gate_accepts_today_and_the_past_and_round_trips():
    v = visit_from_dict({"seen_on": "2026-11-22", "note": "  GP: stretch  "}, today=TODAY)
    assert v.seen_on == TODAY and v.note == "GP: stretch"
    p = Profile(medicines=("statins",))
    v2 = DoctorVisit(date(2025, 1, 3), "", profile=p)
    back = visit_from_dict(visit_to_dict(v2))
    assert back == v2 and back.profile == p
    # Stored records are read without "today": a clock set back never hides one.
    assert visit_from_dict({"seen_on": "2030-01-01"}).seen_on == date(2030, 1, 1)


def test_latest_visit_ignores_future_ones():
    visits = [DoctorVisit(date(2026, 11, 1)), DoctorVisit(date(2026, 12, 1))]
    assert latest_visit(visits, TODAY) == visits[0]
    assert latest_visit([], TODAY) is None


def test_journal_keeps_visits_and_refuses_a_damaged_one(tmp_path):
    from crampcoach.store import CorruptJournal

    journal = Journal.open(paths.journal_path(tmp_path))
    assert journal.doctor_visits() == []
    later, earlier = DoctorVisit(date(2026, 11, 20), "seen"), DoctorVisit(date(2026, 10, 2))
    journal.add_doctor_visit(later)
    journal.add_doctor_visit(earlier)
    assert journal.doctor_visits() == [earlier, later]
    raw = json.loads(journal.path.read_text())
    raw["doctor_visits"]["99"] = {"seen_on": "nonsense"}
    journal.path.write_text(json.dumps(raw))
    before = journal.path.read_bytes()
    # The one gate on every load: a damaged visit is named (table, field), nothing written.
    with pytest.raises(CorruptJournal, match=r"doctor_visits.*seen_on"):
        Journal.open(journal.path).doctor_visits()
    assert journal.path.read_bytes() == before


def test_first_record_night_and_red_flag_episodes(tmp_path):
    from tests.factories import checkin, run_at

    journal = Journal.open(paths.journal_path(tmp_path))
    assert journal.first_record_night() is None
    numb = episode_on_night("2026-10-01", red_flags=("numbness",))
    journal.add_episodes([episode_on_night("2026-11-01"), numb])
    assert journal.first_record_night() == date(2026, 10, 1)
    assert journal.episodes_with_red_flags() == [numb]
    journal.add_run(run_at("2026-09-15"))
    assert journal.first_record_night() == date(2026, 9, 15)
    journal.add_checkins([checkin("2026-09-01")])
    assert journal.first_record_night() == date(2026, 9, 1)


def test_a_visit_quiets_the_home_advice_until_something_new(tmp_path):
    journal = Journal.open(paths.journal_path(tmp_path))
    journal.add_episodes([episode_on_night("2026-11-01", red_flags=("numbness",))])
    now = local("2026-11-22", "09:00")
    assert current_advice(journal, now).level == "see-doctor"
    journal.add_doctor_visit(DoctorVisit(date(2026, 11, 10)))
    quiet = current_advice(journal, now)
    assert quiet.level == "none" and quiet.quieted
    journal.add_episodes([episode_on_night("2026-11-20", red_flags=("weakness",))])
    assert current_advice(journal, now).level == "see-doctor"


# ---------------------------------------------------------------- the command line


def test_doctor_seen_records_a_visit(tmp_path):
    ok("log", "--at", "2024-01-15T03:10:00+01:00", "--red-flag", "numbness", data=tmp_path)
    proc = ok("doctor", "seen", "--on", "2024-02-01", "--note", "GP checked", data=tmp_path)
    assert "Saved: a doctor's visit on 1 Feb 2024" in proc.stdout
    visits = Journal.open(paths.journal_path(tmp_path)).doctor_visits()
    assert [(v.seen_on, v.note) for v in visits] == [(date(2024, 2, 1), "GP checked")]
    ok("doctor", "seen", data=tmp_path)  # today
    assert len(Journal.open(paths.journal_path(tmp_path)).doctor_visits()) == 2
    stats = ok("stats", data=tmp_path).stdout
    assert "Last doctor's visit recorded" in stats or "quiet until something new" in stats


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--on", "2999-01-01"], "in the future"),
        (["--on", "yesterday"], "is not a date like"),
        (["--on", "2026-02-30"], "is not a date like"),
        (["--note", "x" * 501], "at most 500 characters"),
        (["--note", "a\x1bb"], "control character"),
        ([], None),
    ],
)
def test_doctor_seen_bad_input_one_line_exit_2_nothing_written(tmp_path, args, words):
    if words is None:
        proc = run("doctor", data=tmp_path)  # no action given
    else:
        proc = run("doctor", "seen", *args, data=tmp_path)
    assert proc.returncode == 2, proc
    assert proc.stderr.count("\n") == 1, proc.stderr
    if words:
        assert words in proc.stderr
    assert (
        not paths.journal_path(tmp_path).exists()
        or not Journal.open(paths.journal_path(tmp_path)).doctor_visits()
    )


def test_doctor_seen_has_help(tmp_path):
    proc = ok("doctor", "seen", "--help")
    assert "--on DATE" in proc.stdout and "--note TEXT" in proc.stdout


def test_log_redness_alone_prints_advice_with_whom_to_call(tmp_path):
    # Finding 1: this printed only "Saved".
    proc = ok(
        "log", "--at", "2024-01-15T03:10:00+01:00", "--red-flag", "redness-or-warmth",
        "--side", "left", "--location", "calf", data=tmp_path,
    )  # fmt: skip
    assert "See a GP soon: today if the redness spreads or hurts." in proc.stdout
    assert "NHS 111" in proc.stdout and "999" in proc.stdout


def test_split_signs_on_one_night_are_urgent_from_the_command_line(tmp_path):
    # Finding 2: swelling first, redness later the same night, same leg.
    from datetime import datetime, timedelta

    earlier = (datetime.now().astimezone() - timedelta(seconds=40)).isoformat(timespec="seconds")
    ok("log", "--at", earlier, "--red-flag", "swelling", "--side", "left", data=tmp_path)
    proc = ok(
        "log", "--at", "now", "--red-flag", "redness-or-warmth", "--side", "left", data=tmp_path
    )
    assert "Get medical advice today" in proc.stdout
    assert "swelling and redness or warmth of your left leg" in proc.stdout
