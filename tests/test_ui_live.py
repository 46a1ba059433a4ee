"""Live journal: a cramp written by another process shows on the open screen without a key."""

from __future__ import annotations

from textual.widgets import Input, Static

from crampcoach.ui.screens.home import HomeScreen
from crampcoach.ui.screens.log_form import LogFormScreen
from tests.ui_support import episode, make_app, open_journal


async def _tick(pilot, app) -> None:
    # What the one-second interval does, without waiting on the wall clock; the new file
    # is read in a worker.
    app.check_journal()
    await app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


async def test_home_shows_a_cramp_logged_elsewhere(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await pilot.pause()
        last = app.screen.query_one("#last-night", Static)
        assert "No cramp logged" in str(last.render())
        await _tick(pilot, app)  # nothing changed: nothing happens
        assert "No cramp logged" in str(last.render())
        other = open_journal(tmp_path)  # a second process: `crampcoach log`
        other.add_episode(episode("2026-11-22 03:10", side="left", locations=["calf"]))
        await _tick(pilot, app)
        assert isinstance(app.screen, HomeScreen)
        assert "Cramp at 03:10" in str(last.render())


async def test_the_poll_is_on_a_one_second_interval(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timers = [t for t in app._timers if t.name == "journal-watch"]
        assert len(timers) == 1 and timers[0]._interval <= 2


async def test_a_form_keeps_what_is_typed_when_the_journal_changes(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("l", "c")
        app.screen.query_one("#duration", Input).value = "3"
        open_journal(tmp_path).add_episode(episode("2026-11-21 23:00", side="right"))
        await _tick(pilot, app)
        assert isinstance(app.screen, LogFormScreen)
        assert app.screen.query_one("#duration", Input).value == "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert len(open_journal(tmp_path).episodes()) == 2


async def test_a_journal_broken_elsewhere_shows_one_error_screen(tmp_path):
    from crampcoach import paths
    from crampcoach.ui.screens.error import ErrorScreen

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        paths.journal_path(tmp_path).write_text("{not json")  # another tool broke it
        await _tick(pilot, app)
        await _tick(pilot, app)
        assert isinstance(app.screen, ErrorScreen)
        assert sum(isinstance(s, ErrorScreen) for s in app.screen_stack) == 1


async def test_history_shows_a_cramp_logged_elsewhere_and_keeps_its_place(tmp_path):
    from textual.widgets import DataTable, Select

    from crampcoach.ui.screens.history import HistoryScreen
    from tests.test_ui_history_window import COUNT, many_episodes

    app = make_app(tmp_path, episodes=many_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        for _ in range(3):
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one(DataTable)
        await pilot.press("o")  # sort by length instead of start
        await pilot.press("slash", *"walk")
        for _ in range(3):
            await pilot.pause()
        assert f"{COUNT - 1} of {COUNT}" in screen.sub_title
        table.focus()
        table.move_cursor(row=25)
        await pilot.pause()
        table.scroll_to(y=20, animate=False, immediate=True)
        await pilot.pause()
        kept, scroll_y = screen.current(), table.scroll_y
        assert kept is not None and table.cursor_row == 25 and scroll_y == 20
        other = open_journal(tmp_path)  # a second process: `crampcoach log --notes …`
        other.add_episode(episode("2026-11-22 05:00", duration_s=10_000, notes="long walk"))
        await _tick(pilot, app)
        assert app.screen is screen
        assert f"{COUNT} of {COUNT + 1}" in screen.sub_title
        assert screen.query_one("#text", Input).value == "walk"
        assert screen.query_one("#period", Select).value == "all"
        assert (screen.sort_key, screen.descending) == ("duration", True)
        # The new, longest episode is the first row; the cursor stayed on its episode.
        assert screen._shown[0].notes == "long walk"
        assert table.get_row_at(0)[7].plain == "long walk"
        current = screen.current()
        assert current is not None and current.id == kept.id
        assert table.cursor_row == 26
        assert table.scroll_y == scroll_y


async def test_the_new_file_is_read_in_a_worker_one_read_at_a_time(tmp_path, monkeypatch):
    import threading

    from crampcoach.store import Journal

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        readers: list[int] = []
        real = Journal.settings

        def settings(journal):
            readers.append(threading.get_ident())
            return real(journal)

        monkeypatch.setattr(Journal, "settings", settings)
        open_journal(tmp_path).add_episode(episode("2026-11-22 03:10"))
        app.check_journal()
        app.check_journal()  # the next poll, while the first read may still run
        await app.workers.wait_for_complete()
        await pilot.pause()
        ui = threading.get_ident()
        # The first read of the new file is the worker's (Home then reads what it shows).
        assert readers[0] != ui and [r for r in readers if r != ui] == readers[:1]
        app.check_journal()  # already read: nothing new
        await app.workers.wait_for_complete()
        assert [r for r in readers if r != ui] == readers[:1]
