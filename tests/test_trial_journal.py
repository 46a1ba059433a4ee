"""The journal's trials table: one running at a time, changes that never undo each other, and
damaged records skipped, never rewritten."""

from __future__ import annotations

import json
from datetime import date

import pytest

from crampcoach import paths
from crampcoach.core.trial import TrialError, new_trial
from crampcoach.store import Journal
from tests.factories import local

START = local("2026-11-21", "21:00")


def _journal(root):
    return Journal.open(paths.journal_path(root), now=lambda: START)


def test_one_experiment_at_a_time_even_from_two_handles(tmp_path):
    a, b = _journal(tmp_path), _journal(tmp_path)
    a.start_trial(new_trial("bedtime-stretch", START, 1), START)
    with pytest.raises(TrialError, match="already running"):
        b.start_trial(new_trial("warm-shower", START, 2), START)
    assert [t.habit for t in a.trials()] == ["bedtime-stretch"]


def test_after_a_stop_a_new_one_may_start(tmp_path):
    j = _journal(tmp_path)
    first = j.start_trial(new_trial("bedtime-stretch", START, 1), START)
    j.stop_trial(first.id, local("2026-11-25", "20:00"))
    j.start_trial(new_trial("warm-shower", local("2026-11-25", "21:00"), 2), START)
    assert [t.habit for t in j.trials()] == ["bedtime-stretch", "warm-shower"]


def test_a_stop_and_an_answer_from_two_handles_both_stay(tmp_path):
    app, cli = _journal(tmp_path), _journal(tmp_path)
    trial = app.start_trial(new_trial("bedtime-stretch", START, 1), START)
    app.trials()  # the app has read the journal before the command line writes
    cli.stop_trial(trial.id, local("2026-11-23", "20:00"))
    app.set_trial_kept(trial.id, date(2026, 11, 21), True)
    saved = _journal(tmp_path).trials()[0]
    assert saved.stopped_at is not None and saved.kept == {date(2026, 11, 21): True}
    # A second stop keeps the first one's time.
    cli.stop_trial(trial.id, local("2026-11-30", "20:00"))
    assert _journal(tmp_path).trials()[0].stopped_at == saved.stopped_at


def test_a_damaged_trial_is_refused_and_the_file_left_alone(tmp_path):
    from crampcoach.store import CorruptJournal

    j = _journal(tmp_path)
    j.start_trial(new_trial("bedtime-stretch", START, 1), START)
    path = paths.journal_path(tmp_path)
    data = json.loads(path.read_text())
    doc = next(iter(data["trials"].values()))
    doc["orders"] = ["sideways"]
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(CorruptJournal, match=r"trials.*orders"):
        _journal(tmp_path).trials()
    assert path.read_bytes() == before


def test_checkin_nights_since_reads_only_the_experiments_nights(tmp_path):
    from crampcoach.core.models import CheckIn

    j = _journal(tmp_path)
    j.add_checkins([CheckIn(night=date(2026, 11, d)) for d in (10, 20, 21, 25)])
    assert _journal(tmp_path).checkin_nights_since(date(2026, 11, 20)) == {
        date(2026, 11, 20),
        date(2026, 11, 21),
        date(2026, 11, 25),
    }
