"""End to end: the installed crampcoach in a real pseudo-terminal, driven by keystrokes."""

from __future__ import annotations

import subprocess

from tests.pty_support import CTRL_S, Terminal, crampcoach_bin


def test_log_a_cramp_with_keystrokes_then_export(tmp_path):
    env = {"CRAMPCOACH_DATA_DIR": str(tmp_path), "TZ": "Europe/Berlin"}
    subprocess.run(
        [crampcoach_bin(), "log", "--at", "2026-11-01T03:00:00+01:00", "--location", "foot"],
        env={**env, "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
    )
    term = Terminal([], env)
    # A new journal greets the user first; s skips the welcome, once and for all.
    term.wait_for("Skip")
    term.send("s")
    term.wait_for("Cramp nights")
    term.send("l")
    term.wait_for("When did it start?")
    term.send("l")  # left; the foot is prefilled from the last cramp
    term.wait_for("Chosen: left")
    term.send(CTRL_S)
    term.wait_for("Cramp nights")
    term.send("q")
    assert term.wait_exit() == 0
    out = subprocess.run(
        [crampcoach_bin(), "export", "--format", "csv"],
        env={**env, "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    assert out[0].startswith("started_at,duration_min")
    assert len(out) == 3  # header, the foot cramp from the CLI, the one logged by keys
    assert ",foot," in out[1]
    assert ",left,foot," in out[2]
