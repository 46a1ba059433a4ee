"""End to end: the installed crampcoach in a real pseudo-terminal, driven by keystrokes."""

from __future__ import annotations

import subprocess

from tests.pty_support import CTRL_S, Terminal, crampcoach_bin


def _cli(env: dict[str, str], *args: str) -> str:
    """Run a crampcoach command with a bare PATH; its standard output."""
    return subprocess.run(
        [crampcoach_bin(), *args],
        env={**env, "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _app_past_welcome(env: dict[str, str]) -> Terminal:
    """The app on a pty; a new journal greets the user first, and s skips the welcome."""
    term = Terminal([], env)
    term.wait_for("Skip")
    term.send("s")
    term.wait_for("Cramp nights")
    return term


def test_log_a_cramp_with_keystrokes_then_export(tmp_path):
    env = {"CRAMPCOACH_DATA_DIR": str(tmp_path), "TZ": "Europe/Berlin"}
    _cli(env, "log", "--at", "2026-11-01T03:00:00+01:00", "--location", "foot")
    term = _app_past_welcome(env)
    term.send("l")
    term.wait_for("When did it start?")
    term.send("l")  # left; the foot is prefilled from the last cramp
    term.wait_for("Chosen: left")
    term.send(CTRL_S)
    term.wait_for("Cramp nights")
    term.send("q")
    assert term.wait_exit() == 0
    out = _cli(env, "export", "--format", "csv").splitlines()
    assert out[0].startswith("started_at,duration_min")
    assert len(out) == 3  # header, the foot cramp from the CLI, the one logged by keys
    assert ",foot," in out[1]
    assert ",left,foot," in out[2]


def test_morning_log_in_eight_keys_on_a_real_terminal(tmp_path):
    """The morning case, typed key by key on a pty: 03:10, how strong 7, long standing, 4 min."""
    import json
    from datetime import datetime, timedelta

    env = {"CRAMPCOACH_DATA_DIR": str(tmp_path), "TZ": "Europe/Berlin"}
    earlier = ["--at", "2026-11-01T03:00:00+01:00", "--side", "left", "--location", "calf"]
    _cli(env, "log", *earlier)
    term = _app_past_welcome(env)
    keys = ["l", "3", "1", "0", "7", " ", "4", CTRL_S]
    assert len(keys) <= 8
    term.send("l")
    term.wait_for("as last time: left, calf")
    for key, shows in zip(keys[1:4], ("→", "→", "03:10 (night of"), strict=True):
        term.send(key)
        term.wait_for(shows)
    term.send("7")
    term.wait_for("7 of 10")
    term.send(" ")
    term.send("4")
    term.send(CTRL_S)
    term.wait_for("Cramp nights")
    term.send("q")
    assert term.wait_exit() == 0
    out = _cli(env, "export", "--format", "json")
    logged = json.loads(out)["episodes"][-1]
    started = datetime.fromisoformat(logged["started_at"])
    assert started.strftime("%H:%M") == "03:10"
    assert timedelta(0) < datetime.now(started.tzinfo) - started < timedelta(hours=36)
    assert logged["duration_s"] == 240 and logged["intensity"] == 7
    assert logged["side"] == "left" and logged["locations"] == ["calf"]
    assert logged["triggers"] == ["long-standing"] and logged["woke_me"] is True
