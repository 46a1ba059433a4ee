"""Snapshots of the Experiments screen: a finished experiment at 80×24 and a running one at
60×20. Regenerate with ``pytest tests/test_snapshots_experiments.py --snapshot-update``."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from crampcoach.core.models import CheckIn
from crampcoach.core.trial import new_trial
from tests.factories import episode_on_night
from tests.ui_support import NOW, make_app, open_journal, opening


def _app(root: Path, *, days_later: int):
    j = open_journal(root)
    trial = new_trial("bedtime-stretch", NOW, 7, tz="Europe/Berlin")
    j.start_trial(trial, NOW)
    on = [
        p.first_night + timedelta(days=i) for p in trial.phases if p.arm == "on" for i in range(14)
    ]
    off = [
        p.first_night + timedelta(days=i) for p in trial.phases if p.arm == "off" for i in range(14)
    ]
    cramps = on[:4] + off[:17]
    end = trial.first_night + timedelta(days=days_later)
    j.add_episodes([episode_on_night(n) for n in cramps if n < end])
    j.add_checkins([CheckIn(night=n) for n in on + off if n not in set(cramps) and n < end])
    return make_app(root, now=NOW + timedelta(days=days_later))


def test_experiments_finished(snap_compare, snapshot_root):
    app = _app(snapshot_root, days_later=60)
    assert snap_compare(app, terminal_size=(80, 24), run_before=opening("x"))


def test_experiments_running_small(snap_compare, snapshot_root):
    app = _app(snapshot_root, days_later=20)
    assert snap_compare(app, terminal_size=(60, 20), run_before=opening("x"))
