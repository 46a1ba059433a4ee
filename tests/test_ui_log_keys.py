"""Key-count tests: the two logging paths, pressed key by key, and the saved episode checked."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Static

from crampcoach.ui.screens.confirm import ConfirmScreen
from crampcoach.ui.screens.home import HomeScreen
from crampcoach.ui.screens.log_form import LogFormScreen
from crampcoach.ui.widgets.leg_picker import LegPicker
from tests.ui_support import NOW, ZONE, episode, make_app, open_journal

# 03:10, 4 min, left calf, 7, woke me, long standing — with last time's left calf prefilled.
# "310" reads as 03:10, like "03:10" or "3:10".
MORNING = ["l", "3", "1", "0", "enter", "4", "enter", "7", "space", "ctrl+s"]
# Now, this leg, this place, on a fresh journal.
NIGHT = ["l", "l", "c", "ctrl+s"]


async def _press_all(pilot, keys):
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_night_log_takes_four_keys(tmp_path):
    assert len(NIGHT) <= 4
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _press_all(pilot, NIGHT)
        assert isinstance(app.screen, HomeScreen)
    (saved,) = open_journal(tmp_path).episodes()
    assert saved.started_at == NOW
    assert saved.side == "left" and saved.locations == ("calf",)
    assert saved.woke_me is True and saved.source == "manual"


async def test_morning_log_key_count(tmp_path):
    # Every key is counted, each typed character too: "310" is three presses.
    assert len(MORNING) == 10
    app = make_app(
        tmp_path, episodes=[episode("2026-11-10 02:00", side="left", locations=["calf"])]
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _press_all(pilot, MORNING[:4])
        preview = str(app.screen.query_one("#when-preview", Static).render())
        assert preview == "→ Sun 22 Nov 03:10 (night of Sat 21 Nov)"
        await _press_all(pilot, MORNING[4:])
        assert isinstance(app.screen, HomeScreen)
    saved = open_journal(tmp_path).episodes()[-1]
    assert saved.started_at == datetime(2026, 11, 22, 3, 10, tzinfo=ZONE)
    assert saved.duration_s == 240
    assert saved.side == "left" and saved.locations == ("calf",)
    assert saved.intensity == 7 and saved.woke_me is True
    assert saved.triggers == ("long-standing",)


async def test_prefill_is_labelled_and_toggling_it_is_visible(tmp_path):
    app = make_app(
        tmp_path, episodes=[episode("2026-11-10 02:00", side="left", locations=["calf"])]
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        leg = app.screen.query_one(LegPicker)
        assert "as last time: left, calf" in str(leg.render())
        await pilot.press("c")  # untick the prefilled calf
        await pilot.pause()
        shown = str(leg.render())
        assert "as last time" not in shown and "No place chosen yet" in shown
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Saving with no place asks once...
        assert isinstance(app.screen, ConfirmScreen)
        assert "where" in str(app.screen.query_one(".question", Static).render())
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LogFormScreen)
        await pilot.press("ctrl+s")  # ...and only once.
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    saved = open_journal(tmp_path).episodes()[-1]
    assert saved.side == "left" and saved.locations == ()


async def test_bare_save_on_fresh_journal_asks_about_side_and_place(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one(".question", Static).render())
        assert "which leg and where" in question
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    (saved,) = open_journal(tmp_path).episodes()
    assert saved.side is None and saved.locations == ()


async def test_same_time_and_place_asks_before_saving_again(tmp_path):
    app = make_app(
        tmp_path, episodes=[episode("2026-11-22 03:10", side="left", locations=["calf"])]
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _press_all(pilot, ["l", "0", "3", ":", "1", "5", "ctrl+s"])
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one(".question", Static).render())
        assert "Already logged: Sun 22 Nov 03:10" in question
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, LogFormScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert len(open_journal(tmp_path).episodes()) == 2


async def test_preview_names_the_previous_night_after_midnight(tmp_path):
    half_past = datetime(2026, 12, 1, 0, 30, tzinfo=ZONE)
    app = make_app(tmp_path, now=half_past)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _press_all(pilot, ["l", "0", "0", ":", "1", "0"])
        preview = str(app.screen.query_one("#when-preview", Static).render())
        assert preview == "→ Tue 01 Dec 00:10 (night of Mon 30 Nov)"
