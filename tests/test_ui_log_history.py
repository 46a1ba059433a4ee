"""Pilot tests: home, logging (3 a.m. and morning), validation, edit, delete/undo, filters."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import DataTable, Input, Select, SelectionList, Static, TextArea

from crampcoach.ui.screens.history import HistoryScreen
from crampcoach.ui.screens.home import HomeScreen
from crampcoach.ui.screens.log_form import LogFormScreen
from tests.ui_support import (
    NOW,
    ZONE,
    episode,
    make_app,
    open_journal,
    sample_episodes,
    settle,
)


async def test_home_shows_last_night_and_counts(tmp_path):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        last = str(app.screen.query_one("#last-night", Static).render())
        assert "03:10" in last and "calf" in last
        counts = str(app.screen.query_one("#counts", Static).render())
        assert "last 7 nights: 3" in counts
        assert "since you started (20 nights): 5" in counts  # the first entry was 20 nights ago


async def test_log_with_defaults_takes_two_keys(tmp_path):
    app = make_app(
        tmp_path, episodes=[episode("2026-11-10 03:00", side="right", locations=["foot"])]
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogFormScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    episodes = open_journal(tmp_path).episodes()
    assert len(episodes) == 2
    new = episodes[-1]
    assert new.started_at == NOW
    # Side and location default to the last ones used.
    assert new.side == "right" and new.locations == ("foot",)
    assert new.source == "manual" and new.tz == "Europe/Berlin"


async def test_log_in_the_morning_for_last_night(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        form.query_one("#when", Input).value = "03:10"
        form.query_one("#duration", Input).value = "4"
        await pilot.press("l", "c")  # left, calf
        form.query_one("#notes", TextArea).text = "woke twice"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    (saved,) = open_journal(tmp_path).episodes()
    assert saved.started_at == datetime(2026, 11, 22, 3, 10, tzinfo=ZONE)
    assert saved.duration_s == 240 and saved.locations == ("calf",)
    assert saved.notes == "woke twice"


async def test_quick_pick_sets_last_night_time(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("l", "c")  # which leg and where
        quick = app.screen.query_one("#quick", Static)
        await pilot.click("#quick", offset=(str(quick.render()).index("03:00") + 1, 0))
        await pilot.pause()
        assert app.screen.query_one("#when", Input).value == "03:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
    (saved,) = open_journal(tmp_path).episodes()
    assert saved.started_at.astimezone(ZONE).strftime("%d %H:%M") == "22 03:00"


async def test_validation_errors_show_beside_fields_and_nothing_is_written(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("l", "c")  # which leg and where
        form = app.screen
        form.query_one("#when", Input).value = "tomorrow-ish"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LogFormScreen)
        assert "not a time" in str(form.query_one("#err-when", Static).render())
        form.query_one("#when", Input).value = "now"
        form.query_one("#duration", Input).value = "-3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LogFormScreen)
        assert "minutes" in str(form.query_one("#err-duration", Static).render())
        form.query_one("#notes", TextArea).text = "x" * 2001
        form.query_one("#duration", Input).value = "1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "2000" in str(form.query_one("#err-notes", Static).render())
    assert open_journal(tmp_path).episodes() == []


async def test_cancel_asks_when_something_changed(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        app.screen.query_one("#duration", Input).value = "3"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmScreen"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LogFormScreen)
        assert app.screen.query_one("#duration", Input).value == "3"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert open_journal(tmp_path).episodes() == []


async def test_red_flag_shows_doctor_advice_at_once(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        flags = app.screen.query_one("#red_flags", SelectionList)
        flags.select("swelling")
        flags.select("redness-or-warmth")
        await pilot.press("l", "c")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "AdviceNotice"
        assert app.screen.advice.level == "urgent"


async def test_long_episode_shows_urgent_advice(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("l", "c")  # which leg and where
        app.screen.query_one("#duration", Input).value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "AdviceNotice"
        assert app.screen.advice.level == "urgent"


async def test_write_failure_keeps_the_entry_in_the_form(tmp_path, monkeypatch):
    import errno
    import os

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("l", "c")  # which leg and where
        app.screen.query_one("#duration", Input).value = "7"

        def full(fd, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "write", full)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, LogFormScreen)
        assert app.screen.query_one("#duration", Input).value == "7"
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    (saved,) = open_journal(tmp_path).episodes()
    assert saved.duration_s == 420


async def test_history_newest_first_edit_delete_undo(tmp_path):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 5
        first = app.screen.current()
        assert first.started_at.astimezone(ZONE).strftime("%d %H:%M") == "22 03:10"
        # Edit in the same form.
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, LogFormScreen)
        app.screen.query_one("#duration", Input).value = "9"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        # Delete after a confirmation, then undo.
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert table.row_count == 4
        assert len(open_journal(tmp_path).episodes()) == 4
        await pilot.press("u")
        await settle(pilot)
        assert table.row_count == 5
    episodes = open_journal(tmp_path).episodes()
    assert len(episodes) == 5
    assert episodes[-1].duration_s == 540


async def test_history_delete_can_be_refused(tmp_path):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
    assert len(open_journal(tmp_path).episodes()) == 5


async def test_history_filters_and_sort(tmp_path):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(DataTable)
        screen.query_one("#location", Select).value = "calf"
        await settle(pilot)
        assert table.row_count == 3
        screen.query_one("#period", Select).value = "7 nights"
        await settle(pilot)
        assert table.row_count == 2
        screen.query_one("#location", Select).clear()
        screen.query_one("#period", Select).value = "all"
        await pilot.press("slash")
        await pilot.press(*"walk")
        await settle(pilot)
        assert table.row_count == 1
        screen.query_one("#text", Input).value = ""
        await settle(pilot)
        await pilot.press("escape")  # leaves the search box first
        await pilot.press("o")  # sort by duration, longest first
        await settle(pilot)
        assert screen.sort_key == "duration"
        assert screen.current().duration_s == 180


async def test_history_empty_state_says_what_to_do(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        assert "Press escape, then l" in str(app.screen.query_one("#empty", Static).render())


async def test_enter_shows_the_episode(tmp_path):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "EpisodeDetailScreen"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)


async def test_theme_switch_persists(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "crampcoach-night-red"
    assert open_journal(tmp_path).settings().theme == "crampcoach-night-red"


async def test_help_lists_every_home_key(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = "\n".join(str(s.render()) for s in app.screen.query(".help-section"))
        for key in "lfrhpdcisq":
            assert f"{key} " in text


async def test_command_palette_lists_every_action(tmp_path):
    from crampcoach.ui.actions import ALL_ACTIONS

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)):
        titles = [c.title for c in app.get_system_commands(app.screen)]
    for action in ALL_ACTIONS:
        # Home actions carry their key after the words: "Log a cramp l".
        expected = f"{action.title} {action.key}" if action.key else action.title
        assert expected in titles


async def test_small_terminal_does_not_crash(tmp_path):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(60, 20)) as pilot:
        for key in ("l", "escape", "h", "escape", "question_mark", "escape"):
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_command_palette_offers_the_current_screens_keys(tmp_path):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        # Plain words with the key after them.
        assert {"Edit e", "Delete x", "Undo delete u", "Sort o"} <= set(commands)
        await commands["Sort o"].callback()
        await pilot.pause()
        assert app.screen.sort_key == "duration"


async def test_resize_during_the_log_form_keeps_what_was_typed(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("l", "c")  # which leg and where
        form = app.screen
        form.query_one("#duration", Input).value = "6"
        form.query_one("#notes", TextArea).text = "calf, left"
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#duration", Input).value == "6"
        await pilot.press("ctrl+s")
        await pilot.pause()
    (saved,) = open_journal(tmp_path).episodes()
    assert saved.duration_s == 360 and saved.notes == "calf, left"


async def test_theme_hint_styles_the_first_frame_and_follows_the_journal(tmp_path):
    from crampcoach.ui.app import CrampCoachApp
    from crampcoach.ui.theme_hint import read_hint

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
    assert read_hint(tmp_path) == "crampcoach-night-red"

    # As the command line starts it: the journal opens after the first frame.
    opened = []

    def opener():
        opened.append(True)
        return open_journal(tmp_path)

    again = CrampCoachApp(
        None, tmp_path, opener=opener, theme_hint=read_hint(tmp_path), now=lambda: NOW, zone=ZONE
    )
    assert again.theme == "crampcoach-night-red" and not opened  # before any journal read
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert opened and isinstance(again.screen, HomeScreen)
        assert "Nothing logged yet" in str(again.screen.query_one("#counts", Static).render())

    # A stale hint is corrected from the journal, which stays the source of truth.
    (tmp_path / "theme").write_text("crampcoach-dark")
    third = CrampCoachApp(
        None,
        tmp_path,
        opener=lambda: open_journal(tmp_path),
        theme_hint="crampcoach-dark",
        now=lambda: NOW,
        zone=ZONE,
    )
    async with third.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert third.theme == "crampcoach-night-red"
    assert read_hint(tmp_path) == "crampcoach-night-red"


async def test_home_shows_a_cramp_logged_tonight(tmp_path):
    from datetime import datetime as dt

    evening = dt(2026, 11, 22, 23, 40, tzinfo=ZONE)
    app = make_app(
        tmp_path, episodes=[episode("2026-11-22 23:10", locations=["calf"])], now=evening
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        card = str(app.screen.query_one("#last-night", Static).render())
        assert card.startswith("Tonight") and "23:10" in card
