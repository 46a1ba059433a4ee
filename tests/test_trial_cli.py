"""`crampcoach trial …`: the JSON contract through the console script, and results with a
fixed clock in-process."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from crampcoach import cli, localzone, paths
from crampcoach.core.models import CheckIn
from crampcoach.store import Journal
from tests.factories import BERLIN, episode_on_night, local
from tests.test_cli import journal, ok, run

STATUS_KEYS = {"habit", "state", "phases"}
RESULT_KEYS = {
    "habit",
    "on",
    "off",
    "rate_ratio",
    "ci_low",
    "ci_high",
    "method",
    "verdict",
}


def test_json_contract_through_the_console_script(tmp_path):
    data = tmp_path / "data"
    ok("trial", "start", "bedtime-stretch", "--seed", "11", data=data)
    status = json.loads(ok("trial", "status", "--json", data=data).stdout)
    assert set(status) >= STATUS_KEYS
    assert status["habit"] == "bedtime-stretch" and status["state"] == "running"
    phases = status["phases"]
    assert len(phases) == 4
    for i, p in enumerate(phases):
        first, last = date.fromisoformat(p["first_night"]), date.fromisoformat(p["last_night"])
        assert (last - first).days == 13 and p["arm"] in ("on", "off")
        if i:
            assert first == date.fromisoformat(phases[i - 1]["last_night"]) + timedelta(days=1)
    assert (
        {phases[0]["arm"], phases[1]["arm"]}
        == {phases[2]["arm"], phases[3]["arm"]}
        == {
            "on",
            "off",
        }
    )
    result = json.loads(ok("trial", "result", "--json", data=data).stdout)
    assert set(result) >= RESULT_KEYS
    assert set(result["on"]) >= {"nights", "cramp_nights"}
    assert result["verdict"] == "too-early"
    assert result["rate_ratio"] is result["ci_low"] is result["ci_high"] is None
    assert "exact" in result["method"] and "95%" in result["method"]

    before = journal(data).read_bytes()
    again = run("trial", "start", "warm-shower", data=data)
    assert again.returncode == 2 and "already running" in again.stderr
    assert journal(data).read_bytes() == before

    ok("trial", "stop", data=data)
    assert json.loads(ok("trial", "status", "--json", data=data).stdout)["state"] == "stopped"
    assert run("trial", "stop", data=data).returncode == 2
    ok("trial", "start", "warm-shower", "--phases", "2", "--nights-per-phase", "7", data=data)


@pytest.mark.parametrize(
    "args",
    [
        ["start", "bedtime-stretch", "--phases", "3"],
        ["start", "bedtime-stretch", "--nights-per-phase", "6"],
        ["start", "bedtime-stretch", "--phases", "four"],
        ["start", "magnesium"],
        ["start", "bedtime-stretch", "--seed", "-4"],
    ],
)
def test_bad_designs_are_refused_and_nothing_written(tmp_path, args):
    data = tmp_path / "data"
    # Create the journal (read-only commands such as `stats` never create one).
    Journal.open(paths.journal_path(data)).close()
    before = journal(data).read_bytes()
    proc = run("trial", *args, data=data)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert journal(data).read_bytes() == before


def test_list_status_and_result_without_an_experiment(tmp_path):
    data = tmp_path / "data"
    listed = ok("trial", "list", data=data).stdout
    for habit in (
        "bedtime-stretch (default)",
        "bedtime-long",
        "loose-covers",
        "no-caffeine-after-noon",
        "warm-shower",
        "comfortable-shoes",
    ):
        assert habit in listed
    assert "Evidence:" in listed and "First aid is there on every night" in listed
    for action in ("status", "result"):
        proc = run("trial", action, "--json", data=data)
        assert proc.returncode == 1 and "no experiment yet" in proc.stderr and not proc.stdout


# ---------------------------------------------------------------- in-process, fixed clock


@pytest.fixture
def clock(monkeypatch):
    from zoneinfo import ZoneInfo

    state = {"now": local("2026-11-21", "21:00")}
    monkeypatch.setattr(localzone, "now_local", lambda zone=None: state["now"])
    monkeypatch.setattr(localzone, "local_zone", lambda: ZoneInfo(BERLIN))
    return state


def _main(capsys, root, *args):
    code = cli.main(["--data-dir", str(root), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_finished_experiment_reports_fewer_with_its_numbers(tmp_path, clock, capsys):
    code, _, _ = _main(capsys, tmp_path, "trial", "start", "bedtime-stretch", "--seed", "7")
    assert code == 0
    j = Journal.open(paths.journal_path(tmp_path))
    trial = j.trials()[0]
    on = [n for p in trial.phases if p.arm == "on" for n in _nights(p)]
    off = [n for p in trial.phases if p.arm == "off" for n in _nights(p)]
    j.add_episodes([episode_on_night(n) for n in on[:4] + off[:17]])
    j.add_checkins([CheckIn(night=n) for n in on + off if n not in set(on[:4] + off[:17])])
    clock["now"] = datetime.combine(
        trial.last_night + timedelta(days=1), local("2026-11-21", "09:00").timetz()
    )
    code, out, _ = _main(capsys, tmp_path, "trial", "result", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["state"] == "finished" and doc["verdict"] == "fewer"
    assert doc["on"]["nights"] == doc["off"]["nights"] == 28
    assert (doc["on"]["cramp_nights"], doc["off"]["cramp_nights"]) == (4, 17)
    assert doc["rate_ratio"] == pytest.approx(4 / 17, abs=1e-4)
    assert 0.05 < doc["ci_low"] < doc["rate_ratio"] < doc["ci_high"] < 1
    _, text, _ = _main(capsys, tmp_path, "trial", "result")
    assert "Cramps on 4 of 28 'on' nights and 17 of 28 'off' nights: about a quarter" in text
    _, status, _ = _main(capsys, tmp_path, "trial", "status")
    assert "finished" in status


def _nights(phase):
    return [phase.first_night + timedelta(days=i) for i in range(phase.nights)]


def test_every_trial_action_has_help(tmp_path):
    for action in ("list", "start", "status", "stop", "result"):
        proc = ok("trial", action, "--help", data=tmp_path / "data")
        assert "usage: crampcoach trial" in proc.stdout
    assert "--nights-per-phase" in ok("trial", "start", "--help").stdout
