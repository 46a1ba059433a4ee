"""End to end: `crampcoach now` in a real pseudo-terminal, real clock."""

from __future__ import annotations

from crampcoach.store import pending
from tests.pty_support import ESCAPE, Terminal
from tests.ui_support import open_journal


def test_now_goes_straight_into_the_calf_routine_and_saves_the_episode(tmp_path):
    env = {"CRAMPCOACH_DATA_DIR": str(tmp_path), "TZ": "Europe/Berlin"}
    term = Terminal(["now", "--location", "calf"], env)
    screen = term.wait_for("Straighten your leg")
    assert "Calf cramp" in screen
    assert "Welcome" not in screen  # `now` never waits behind the welcome
    assert "step 1 of 6" in screen
    assert "Cramp so far" in screen  # the cramp's own clock, from the first screen
    term.wait_for("Go")  # the 3 s get-ready passed on the real clock
    term.send(" ")
    term.wait_for("Paused")
    term.send(" ")
    term.send(ESCAPE)
    term.wait_for("Leave this routine?")
    term.send(ESCAPE)  # keep going
    term.wait_for("Calf cramp  ·  step")
    term.send(ESCAPE)
    term.wait_for("Leave this routine?")
    term.send("x")
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


def test_now_with_a_corrupt_journal_still_plays_and_keeps_the_cramp(tmp_path):
    journal_file = tmp_path / "journal.json"
    journal_file.write_bytes(b'{"episodes": {"1": ')  # a journal cut off mid-write
    before = journal_file.read_bytes()
    env = {"CRAMPCOACH_DATA_DIR": str(tmp_path), "TZ": "Europe/Berlin"}
    term = Terminal(["now", "--location", "foot"], env)
    term.wait_for("Sit up and straighten your leg")
    term.send(ESCAPE)
    term.wait_for("Leave this routine?")
    term.send("x")
    term.wait_for("Has it passed?")
    term.send("y")
    term.send("5")
    term.wait_for("5 of 10")
    term.send("\r")
    screen = term.wait_for("Kept safely")
    assert "next time the journal opens" in " ".join(screen.split())
    term.send("\r")
    term.wait_for("could not be read")  # the error screen is still there, and says why
    term.send("q")
    assert term.wait_exit() == 1  # the journal is still broken: not a clean exit
    assert journal_file.read_bytes() == before
    (path,) = pending.pending_files(tmp_path)
    episode, _ = pending.read_pending(path)
    assert episode.locations == ("foot",) and episode.intensity == 5
