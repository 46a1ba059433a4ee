"""The finished or stopped experiment in `stats --json` and in the doctor report."""

from __future__ import annotations

import json
from datetime import timedelta

from crampcoach import paths
from crampcoach.core.models import CheckIn
from crampcoach.core.trial import new_trial
from crampcoach.stats_text import report_output, stats_output
from crampcoach.store import Journal
from tests.factories import episode_on_night, local

START = local("2026-11-21", "21:00")


def _journal(tmp_path, *, stop: bool = False):
    j = Journal.open(paths.journal_path(tmp_path), now=lambda: START)
    trial = new_trial("bedtime-stretch", START, 7, tz="Europe/Berlin")
    j.start_trial(trial, START)
    on = [n for p in trial.phases if p.arm == "on" for n in _span(p)]
    off = [n for p in trial.phases if p.arm == "off" for n in _span(p)]
    cramps = on[:4] + off[:17]
    j.add_episodes([episode_on_night(n) for n in cramps])
    j.add_checkins([CheckIn(night=n) for n in on + off if n not in set(cramps)])
    if stop:
        j.stop_trial(trial.id, local("2027-01-02", "20:00"))
    end = local(str(trial.last_night + timedelta(days=1)), "09:00")
    return j, trial, end


def _span(p):
    return [p.first_night + timedelta(days=i) for i in range(p.nights)]


def test_stats_json_has_the_finished_experiment(tmp_path):
    j, _, end = _journal(tmp_path)
    doc = json.loads(stats_output(j, end, as_json=True))
    exp = doc["experiment"]
    assert exp["habit"] == "bedtime-stretch" and exp["state"] == "finished"
    assert exp["verdict"] == "fewer" and exp["on"]["cramp_nights"] == 4
    assert exp["ci_high"] < 1


def test_stats_json_experiment_is_null_while_running_or_absent(tmp_path):
    j, trial, _ = _journal(tmp_path)
    mid = local(str(trial.first_night + timedelta(days=20)), "20:00")
    assert json.loads(stats_output(j, mid, as_json=True))["experiment"] is None
    empty = Journal.open(paths.journal_path(tmp_path / "other"), now=lambda: START)
    assert json.loads(stats_output(empty, START, as_json=True))["experiment"] is None


def test_report_shows_the_experiment_in_both_formats(tmp_path):
    j, _, end = _journal(tmp_path)
    md = report_output(j, end, fmt="md", days=90)
    assert "## Personal experiment: Bedtime stretch (finished)" in md
    assert "4 phases of 14 nights" in md and "seed 7" in md
    assert "Cramps on 4 of 28 'on' nights and 17 of 28 'off' nights" in md
    assert "Carry-over" in md and "Adherence" in md
    html = report_output(j, end, fmt="html", days=90)
    assert 'id="h-experiment"' in html and "about a quarter as many" in html
    assert "&#x27;on&#x27;" in html  # escaped, never raw


def test_a_stopped_experiment_is_labelled_in_the_report(tmp_path):
    j, _, end = _journal(tmp_path, stop=True)
    md = report_output(j, end, fmt="md", days=90)
    assert "(stopped early)" in md and "Stopped early, after 3 of 4 phases." in md


def test_no_experiment_no_section(tmp_path):
    j = Journal.open(paths.journal_path(tmp_path), now=lambda: START)
    assert "Personal experiment" not in report_output(j, START, fmt="md", days=90)
