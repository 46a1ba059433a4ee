"""End to end: `crampcoach now --location calf` in a real pseudo-terminal, real clock."""

from __future__ import annotations

from tests.pty_support import ESCAPE, Terminal
from tests.ui_support import open_journal


def test_now_goes_straight_into_the_calf_routine_and_saves_the_episode(tmp_path):
    env = {"CRAMPCOACH_DATA_DIR": str(tmp_path), "TZ": "Europe/Berlin"}
    term = Terminal(["now", "--location", "calf"], env)
    screen = term.wait_for("Straighten your leg")
    assert "Calf cramp" in screen
    assert "Welcome" not in screen  # `now` never waits behind the welcome
    assert "step 1 of 6" in screen
    term.wait_for("Go")  # the 3 s get-ready passed on the real clock
    term.send(" ")
    term.wait_for("Paused")
    term.send(" ")
    term.send(ESCAPE)
    term.wait_for("Leave this routine?")
    term.send("n")  # keep going
    term.wait_for("Calf cramp  ·  step")
    term.send(ESCAPE)
    term.wait_for("Leave this routine?")
    term.send("y")
    term.wait_for("Has it passed?")
    term.send("y")
    term.send("6")
    term.wait_for("6 of 10")
    term.send("\r")
    term.wait_for("First aid")  # home
    term.send("q")
    assert term.wait_exit() == 0

    journal = open_journal(tmp_path)
    (episode,) = journal.episodes()
    assert episode.source == "first-aid"
    assert episode.locations == ("calf",)
    assert episode.intensity == 6
    assert episode.duration_s is not None and 3 <= episode.duration_s < 60
    (run,) = journal.runs()
    assert run.routine_id == "first-aid-calf" and not run.finished
