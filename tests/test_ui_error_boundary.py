"""One error boundary: screens reach the journal only through the app, and a read-only or
refusing disk on the first save is a "Not saved" notice with the entry kept in the form."""

from __future__ import annotations

import ast
import errno
import os
from pathlib import Path

import pytest
from textual import work
from textual.widget import Widget
from textual.widgets import Checkbox, DataTable, Input, TextArea

from crampcoach import paths
from crampcoach.ui.boundary import guarded
from crampcoach.ui.screens.checkin import CheckInScreen
from crampcoach.ui.screens.error import ErrorScreen
from crampcoach.ui.screens.history import HistoryScreen
from crampcoach.ui.screens.home import HomeScreen
from crampcoach.ui.screens.log_form import LogFormScreen
from crampcoach.ui.screens.profile import ProfileScreen
from crampcoach.ui.screens.settings import SettingsScreen
from tests.ui_support import episode, make_app

UI = Path(__file__).resolve().parents[1] / "crampcoach" / "ui"
SCREEN_FILES = sorted([*UI.glob("screens/*.py"), *UI.glob("widgets/*.py")])
JOURNAL_ERRORS = {"JournalError", "WriteFailed", "CorruptJournal", "NewerJournal", "JournalLocked"}


# ---------------------------------------------------------------- the boundary is the only way


def _offences(source: str) -> list[str]:
    """Every place a screen module reaches the journal or catches its errors itself."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Attribute) and node.attr in {"journal", "guard"}:
            found.append(f"line {line}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "crampcoach.store"
        ):
            names = {a.name for a in node.names}
            if names & (JOURNAL_ERRORS | {"Journal"}) or node.module == "crampcoach.store.journal":
                found.append(f"line {line}: imports {', '.join(sorted(names))}")
        elif isinstance(node, ast.ExceptHandler) and node.type is not None:
            caught = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
            caught |= {n.attr for n in ast.walk(node.type) if isinstance(n, ast.Attribute)}
            if caught & JOURNAL_ERRORS:
                found.append(f"line {line}: catches a journal error")
        elif isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            if name.endswith("run_worker") or name in {"work", "textual.work"}:
                kwargs = {k.arg: k.value for k in node.keywords}
                value = kwargs.get("exit_on_error")
                if not (isinstance(value, ast.Constant) and value.value is False):
                    found.append(f"line {line}: a worker without exit_on_error=False")
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            decorators = [ast.unparse(d) for d in node.decorator_list]
            if any(d.startswith("work") for d in decorators) and "guarded" not in decorators:
                found.append(f"line {line}: a worker method without @guarded")
    return found


def test_the_scan_finds_each_way_around_the_boundary():
    bad = (
        "from crampcoach.store import JournalError\n"
        "def f(app):\n"
        "    try:\n"
        "        app.journal.episodes()\n"
        "    except JournalError:\n"
        "        pass\n"
        "    app.guard(lambda: 1)\n"
        "    self.run_worker(job, thread=True)\n"
        "@work(thread=True, exit_on_error=False)\n"
        "def load(self):\n"
        "    pass\n"
    )
    found = _offences(bad)
    assert len(found) == 6, found
    good = (
        "def f(app):\n"
        "    app.journal_read(lambda journal: journal.episodes())\n"
        "    self.run_worker(job, thread=True, exit_on_error=False)\n"
        "@work(thread=True, exit_on_error=False)\n"
        "@guarded\n"
        "def load(self):\n"
        "    pass\n"
    )
    assert _offences(good) == []


def test_no_screen_reaches_the_journal_around_the_boundary():
    assert SCREEN_FILES, "no screen modules found"
    offences = {path.name: found for path in SCREEN_FILES if (found := _offences(path.read_text()))}
    assert offences == {}


# ---------------------------------------------------------------- a disk that refuses writes


@pytest.fixture(params=[errno.EROFS, errno.EACCES], ids=["read-only", "permission-denied"])
def refusing_disk(request, monkeypatch, tmp_path):
    """Opening any file under the data folder for writing fails as a read-only disk (or a
    folder without write permission) would: the lock file, temp files and backups alike."""
    code = request.param
    real_open = os.open
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT

    def refusing(path, flags, *args, **kwargs):
        if flags & writing and str(tmp_path) in os.fsdecode(path):
            raise OSError(code, os.strerror(code), os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    def arm() -> None:
        monkeypatch.setattr(os, "open", refusing)

    arm.reason = "read-only" if code == errno.EROFS else "permission was refused"  # type: ignore[attr-defined]
    return arm


def _journal_bytes(root: Path) -> bytes:
    return paths.journal_path(root).read_bytes()


def _not_saved(app) -> str:
    notes = [n for n in app._notifications if n.title == "Not saved"]
    assert notes, [n.message for n in app._notifications]
    return notes[-1].message


async def _open(pilot, key: str, screen_type: type) -> None:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, screen_type)


async def test_log_form_first_save_on_a_refusing_disk_keeps_the_entry(tmp_path, refusing_disk):
    app = make_app(tmp_path)
    before = _journal_bytes(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, "l", LogFormScreen)
        await pilot.press("l", "c")  # left calf: the form's question about no side/place stays out
        await pilot.pause()
        app.screen.query_one("#duration", Input).value = "4"
        app.screen.query_one("#notes", TextArea).text = "woke twice"
        refusing_disk()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LogFormScreen)
        assert app.screen.query_one("#notes", TextArea).text == "woke twice"
        assert app.screen.query_one("#duration", Input).value == "4"
        assert refusing_disk.reason in _not_saved(app)
    assert _journal_bytes(tmp_path) == before


async def test_checkin_save_on_a_refusing_disk_keeps_the_ticks(tmp_path, refusing_disk):
    app = make_app(tmp_path)
    before = _journal_bytes(tmp_path)
    async with app.run_test(size=(80, 30)) as pilot:
        await _open(pilot, "c", CheckInScreen)
        app.screen.query_one("#water", Input).value = "6"
        box = app.screen.query(Checkbox).first()
        box.value = True
        refusing_disk()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.query_one("#water", Input).value == "6"
        assert app.screen.query(Checkbox).first().value is True
        assert refusing_disk.reason in _not_saved(app)
    assert _journal_bytes(tmp_path) == before


async def test_profile_save_on_a_refusing_disk_keeps_the_text(tmp_path, refusing_disk):
    app = make_app(tmp_path)
    before = _journal_bytes(tmp_path)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        app.action_profile()
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        app.screen.query_one("#medicines_other", Input).value = "a new tablet"
        refusing_disk()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        assert app.screen.query_one("#medicines_other", Input).value == "a new tablet"
        assert refusing_disk.reason in _not_saved(app)
    assert _journal_bytes(tmp_path) == before


async def test_settings_save_on_a_refusing_disk_keeps_the_values(tmp_path, refusing_disk):
    app = make_app(tmp_path)
    before = _journal_bytes(tmp_path)
    async with app.run_test(size=(80, 30)) as pilot:
        await _open(pilot, "s", SettingsScreen)
        app.screen.query_one("#get_ready", Input).value = "9"
        refusing_disk()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query_one("#get_ready", Input).value == "9"
        assert app.settings.get_ready_s != 9
        assert refusing_disk.reason in _not_saved(app)
        await pilot.press("ctrl+t")  # the theme switch saves too
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
    assert _journal_bytes(tmp_path) == before


async def test_history_edit_and_delete_on_a_refusing_disk(tmp_path, refusing_disk):
    # With a side and a place, so the edit's save asks nothing before it reaches the disk.
    full = episode("2026-11-22 03:10", duration_s=120, side="left", locations=["calf"])
    app = make_app(tmp_path, episodes=[full])
    before = _journal_bytes(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot, "h", HistoryScreen)
        await _open(pilot, "e", LogFormScreen)
        app.screen.query_one("#duration", Input).value = "7"
        refusing_disk()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LogFormScreen)
        assert app.screen.query_one("#duration", Input).value == "7"
        assert refusing_disk.reason in _not_saved(app)
        app.screen.dismiss(None)
        await pilot.pause()
        await pilot.press("x", "y")  # delete, yes: refused too, the row stays
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one(DataTable).row_count == 1
        assert app.deleted_episodes == []
    assert _journal_bytes(tmp_path) == before


# ---------------------------------------------------------------- unexpected failures


async def test_an_unexpected_error_in_an_action_shows_the_error_screen(tmp_path, monkeypatch):
    app = make_app(tmp_path)

    def broken(self) -> None:
        raise RuntimeError("something odd [/] \x1b]0;pwned\x07")

    monkeypatch.setattr(HistoryScreen, "action_next_sort", broken)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, "h", HistoryScreen)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        message = str(app.screen.query_one("#error-message").render())
        assert "RuntimeError" in message and "[/]" in message and "\x1b" not in message
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)  # still usable
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


class _Probe(Widget):
    """A widget with a worker that fails, as a screen's loader might."""

    @work(thread=True, exit_on_error=False)
    @guarded
    def load(self) -> None:
        raise ValueError("bad data in a screen's worker")


@pytest.mark.parametrize("where", ["screen", "app"])
async def test_a_failed_worker_shows_the_error_screen(tmp_path, where):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if where == "screen":
            probe = _Probe()
            await app.screen.mount(probe)
            worker = probe.load()
        else:

            def job() -> None:
                raise ValueError("bad data in an app worker")

            worker = app.run_worker(job, thread=True, exit_on_error=False)
        for _ in range(50):
            await pilot.pause()
            if worker.is_finished and isinstance(app.screen, ErrorScreen):
                break
        assert isinstance(app.screen, ErrorScreen)
        assert "bad data in" in str(app.screen.query_one("#error-message").render())


async def test_a_read_failing_with_an_os_error_shows_the_error_screen(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        def refused(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", "journal.json")

        monkeypatch.setattr(type(app.journal), "episodes", refused)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        message = str(app.screen.query_one("#error-message").render())
        assert "permission was refused" in message
