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
# "310" reads as 03:10, like "03:10" or "3:10", and can mean nothing else, so the form moves on to
# "how strong" by itself; 7 answers it and moves on to the triggers; space ticks the first one
# (long standing); a number there starts the minutes below; ctrl+s saves.
MORNING = ["l", "3", "1", "0", "7", "space", "4", "ctrl+s"]
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
    assert len(MORNING) <= 8
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


async def test_each_number_goes_to_the_number_field_at_or_below_the_cursor(tmp_path):
    from textual.widgets import Input

    from crampcoach.ui.widgets.intensity_picker import IntensityPicker

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # "123" could still become 12:30: the form waits for Enter, then for "how strong".
        await _press_all(pilot, ["l", "1", "2", "3"])
        assert app.screen.focused.id == "when"
        await _press_all(pilot, ["enter"])
        assert isinstance(app.screen.focused, IntensityPicker)
        await _press_all(pilot, ["0"])  # 0 is 10, a whole answer: on to the triggers
        assert app.screen.query_one(IntensityPicker).value == 10
        assert app.screen.focused.id == "triggers"
        await _press_all(pilot, ["1", "5"])  # on the trigger list, a number starts the minutes
        assert app.screen.focused.id == "duration"
        assert app.screen.query_one("#duration", Input).value == "15"
        await _press_all(pilot, ["enter", "3"])  # "what helped" takes no number: nothing changes
        assert app.screen.focused.id == "relief"
        assert app.screen.query_one("#duration", Input).value == "15"
        assert app.screen.query_one(IntensityPicker).value == 10


async def test_editing_does_not_jump_away_from_a_complete_time(tmp_path):
    from crampcoach.ui.screens.episode_detail import EpisodeDetailScreen  # noqa: F401

    ep = episode("2026-11-20 03:10", side="left", locations=["calf"])
    app = make_app(tmp_path, episodes=[ep])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(LogFormScreen(open_journal(tmp_path).episodes()[0]))
        await pilot.pause()
        assert isinstance(app.screen.focused, LegPicker)


async def test_numbers_replace_an_edited_time_whole(tmp_path):
    from textual.widgets import Input

    ep = episode("2026-11-20 03:10", side="left", locations=["calf"])
    app = make_app(tmp_path, episodes=[ep])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(LogFormScreen(open_journal(tmp_path).episodes()[0]))
        await pilot.pause()
        await _press_all(pilot, ["0", "2", "4", "5"])
        assert app.screen.query_one("#when", Input).value == "0245"


async def test_the_lower_fields_mount_after_the_first_frame_with_what_the_form_read(tmp_path):
    """Before they are mounted the form reads the lower fields' starting values; once mounted
    the widgets must hold exactly those, or escape would ask about changes nobody made."""
    from textual.widgets import Checkbox, TextArea

    ep = episode(
        "2026-11-20 03:10", side="left", locations=["calf"], relief=["stretch"], notes="woke twice"
    )
    app = make_app(tmp_path, episodes=[ep])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = LogFormScreen(open_journal(tmp_path).episodes()[0])
        app.push_screen(form)
        await pilot.pause()
        assert form._rest_mounted
        assert form.query_one("#notes", TextArea).text == "woke twice"
        assert form.query_one("#woke_me", Checkbox).value is True
        assert form._collect() == form._initial and not form.changed
