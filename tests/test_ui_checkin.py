"""Pilot tests: the evening check-in (one per night, editable, keyboard only, bedtime auto-tick)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from textual.widgets import Checkbox, Input, Static

from crampcoach.core.form_rules import parse_water
from crampcoach.core.models import RoutineRun
from crampcoach.ui.screens.checkin import CheckInScreen, night_words
from crampcoach.ui.screens.confirm import ConfirmScreen
from crampcoach.ui.screens.home import HomeScreen
from tests.ui_support import ZONE, make_app, open_journal

LAST_NIGHT = date(2026, 11, 21)  # NOW is 07:30 on 22 Nov: the check-in is last night's


async def _open(pilot) -> CheckInScreen:
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CheckInScreen)
    return screen


def test_parse_water() -> None:
    assert parse_water("") == (None, "")
    assert parse_water(" 7 ") == (7, "")
    assert parse_water("0") == (0, "")
    assert parse_water("40") == (40, "")
    assert parse_water("41")[1]
    assert parse_water("x")[1]


def test_night_words() -> None:
    def at(day: int, hour: int) -> datetime:
        return datetime(2026, 11, day, hour, 0, tzinfo=ZONE)

    assert night_words(LAST_NIGHT, at(22, 7)) == "last night (Sat 21 Nov)"
    assert night_words(LAST_NIGHT, at(21, 21)) == "tonight (Sat 21 Nov)"
    # Just after midnight the evening has not been slept through: still "tonight".
    assert night_words(LAST_NIGHT, at(22, 0)) == "tonight (the evening of Sat 21 Nov)"
    assert night_words(LAST_NIGHT, at(25, 9)) == "the night of Sat 21 Nov"


async def test_checkin_after_midnight_is_for_the_evening_before(tmp_path):
    app = make_app(tmp_path, now=datetime(2026, 11, 22, 0, 30, tzinfo=ZONE))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        assert "tonight (the evening of Sat 21 Nov)" in str(
            screen.query_one("#checkin-night", Static).render()
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
    (saved,) = open_journal(tmp_path).checkins()
    assert saved.night == LAST_NIGHT


async def test_checkin_saves_and_reopens_edited(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        night = str(screen.query_one("#checkin-night", Static).render())
        assert "last night (Sat 21 Nov)" in night and "new" in night
        # Keyboard only: the number first, then ↓ to a tick, space ticks it.
        await pilot.press("7", "down", "down", "space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    saved = open_journal(tmp_path).checkin_for(LAST_NIGHT)
    assert saved is not None
    assert saved.water_glasses == 7 and saved.alcohol and not saved.caffeine_after_noon

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        assert screen.query_one("#water", Input).value == "7"
        assert screen.query_one("#alcohol", Checkbox).value is True
        assert "editing" in str(screen.query_one("#checkin-night", Static).render())
        screen.query_one("#alcohol", Checkbox).value = False
        screen.query_one("#stressful_day", Checkbox).value = True
        screen.query_one("#water", Input).value = "9"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    journal = open_journal(tmp_path)
    (edited,) = journal.checkins()
    assert edited.id == saved.id and edited.night == LAST_NIGHT
    assert edited.water_glasses == 9 and not edited.alcohol and edited.stressful_day


async def test_evening_checkin_is_for_tonight(tmp_path):
    evening = datetime(2026, 11, 22, 21, 15, tzinfo=ZONE)
    app = make_app(tmp_path, now=evening)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        assert "tonight (Sun 22 Nov)" in str(screen.query_one("#checkin-night", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    (saved,) = open_journal(tmp_path).checkins()
    assert saved.night == date(2026, 11, 22) and saved.water_glasses is None


async def test_water_out_of_range_is_explained_beside_the_field(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        await pilot.press("5", "5")
        await pilot.pause()
        assert "0 to 40" in str(screen.query_one("#err-water", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen  # nothing saved, the form stays
        await pilot.press("backspace")
        await pilot.pause()
        assert str(screen.query_one("#err-water", Static).render()) == ""
    assert open_journal(tmp_path).checkins() == []


async def test_bedtime_routine_ticked_after_a_run_that_evening(tmp_path):
    journal = open_journal(tmp_path)
    start = datetime(2026, 11, 21, 22, 5, tzinfo=ZONE)
    journal.add_run(
        RoutineRun(
            "bedtime-stretch", start, start + timedelta(minutes=4), 6, 6, True, "Europe/Berlin"
        )
    )
    # A morning routine and a bedtime run on another night do not count.
    other = datetime(2026, 11, 20, 22, 0, tzinfo=ZONE)
    journal.add_run(RoutineRun("bedtime-long", other, other, 1, 6, False, "Europe/Berlin"))
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        assert screen.query_one("#bedtime_routine", Checkbox).value is True
        assert "Bedtime stretch" in str(screen.query_one("#bedtime-auto", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = open_journal(tmp_path).checkin_for(LAST_NIGHT)
    assert saved is not None and saved.bedtime_routine


async def test_no_bedtime_tick_without_a_run(tmp_path):
    journal = open_journal(tmp_path)
    morning = datetime(2026, 11, 22, 7, 0, tzinfo=ZONE)  # night of 21 Nov, but not bedtime
    journal.add_run(RoutineRun("morning", morning, morning, 3, 3, True, "Europe/Berlin"))
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(pilot)
        assert screen.query_one("#bedtime_routine", Checkbox).value is False
        assert not screen.query("#bedtime-auto")


async def test_escape_asks_only_when_changed(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        await _open(pilot)
        await pilot.press("down", "space", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert open_journal(tmp_path).checkins() == []


async def test_checkin_fits_60x20(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await _open(pilot)
        await pilot.press("3", "ctrl+s")
        await pilot.pause()
    assert open_journal(tmp_path).checkin_for(LAST_NIGHT).water_glasses == 3
