"""Journal errors open a clear screen naming the file; nothing is written, no traceback."""

from __future__ import annotations

import errno
import hashlib
import os

from textual.widgets import Input, Static

from crampcoach import paths
from crampcoach.store import CorruptJournal, Journal
from crampcoach.ui.app import CrampCoachApp
from crampcoach.ui.screens.error import ErrorScreen
from crampcoach.ui.screens.log_form import LogFormScreen
from tests.pty_support import Terminal
from tests.ui_support import NOW, ZONE, make_app, open_journal


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_unreadable_journal_opens_the_error_screen(tmp_path):
    journal_file = paths.journal_path(tmp_path)
    journal_file.write_bytes(b'{"episodes": {"1": {"started_at": "2026-11-2')  # cut off
    before = _sha(journal_file)
    try:
        Journal.open(journal_file)
    except CorruptJournal as exc:
        error = exc
    app = CrampCoachApp(None, tmp_path, error=error, now=lambda: NOW, zone=ZONE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        message = str(app.screen.query_one("#error-message", Static).render())
        assert str(journal_file) in message and "kept" in message
        # No way into a screen that would write; f opens first aid, which never writes a
        # broken journal (tests/test_ui_first_aid_broken_journal.py).
        for key in ("l", "h"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, ErrorScreen)
        await pilot.press("q")
    assert _sha(journal_file) == before


async def test_newer_journal_found_while_running_shows_the_error(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("l", "c")  # which leg and where: saving asks otherwise
        # Another, newer crampcoach rewrites the file meanwhile.
        journal_file = paths.journal_path(tmp_path)
        journal_file.write_text('{"meta": {"1": {"schema_version": 99}}}')
        before = _sha(journal_file)
        app.screen.query_one("#duration", Input).value = "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        assert "newer crampcoach" in str(app.screen.query_one("#error-message", Static).render())
        await pilot.press("escape")  # back to the form: what was typed is still there
        await pilot.pause()
        assert isinstance(app.screen, LogFormScreen)
        assert app.screen.query_one("#duration", Input).value == "3"
    assert _sha(journal_file) == before


async def test_disk_full_is_shown_and_the_form_keeps_the_entry(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("l", "c")  # which leg and where: saving asks otherwise
        real_write = os.write

        def full(fd, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "write", full)
        await pilot.press("ctrl+s")
        await pilot.pause()
        monkeypatch.setattr(os, "write", real_write)
        assert isinstance(app.screen, LogFormScreen)
        assert any("disk is full" in str(n.message) for n in app._notifications)
    assert open_journal(tmp_path).episodes() == []


def test_corrupt_journal_in_a_real_terminal_shows_the_error_not_a_traceback(tmp_path):
    journal_file = paths.journal_path(tmp_path)
    journal_file.write_bytes(b"\x00" * 64)
    before = _sha(journal_file)
    term = Terminal([], {"CRAMPCOACH_DATA_DIR": str(tmp_path)})
    screen = term.wait_for("could not be read")
    assert "Traceback" not in screen
    term.send("q")
    assert term.wait_exit() == 1
    assert _sha(journal_file) == before
