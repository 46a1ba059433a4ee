"""Pilot tests: "I saw a doctor about this", help at any hour, the gentle mention level,
and split warning signs after a log."""

from __future__ import annotations

import inspect
from datetime import date

from textual.widgets import Input, SelectionList, Static

from crampcoach.core.models import Profile
from crampcoach.ui.screens.doctor import DoctorScreen
from crampcoach.ui.screens.doctor_seen import DoctorSeenScreen
from crampcoach.ui.widgets.doctor_banner import DoctorBanner
from crampcoach.ui.widgets.leg_picker import LegPicker
from tests.ui_support import NOW, episode, make_app, open_journal


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def _press(pilot, *keys: str) -> None:
    await pilot.pause()
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


NUMB = [episode("2026-11-01 03:00", duration_min=2, red_flags=["numbness"], locations=["calf"])]


async def test_seen_records_a_visit_and_quiets_the_routine_reason(tmp_path):
    app = make_app(tmp_path, episodes=NUMB)
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "d")
        screen = app.screen
        assert isinstance(screen, DoctorScreen)
        assert screen.advice.level == "see-doctor"
        await _press(pilot, "v")
        form = app.screen
        assert isinstance(form, DoctorSeenScreen)
        assert form.query_one("#seen-on", Input).value == NOW.date().isoformat()
        form.query_one("#seen-note", Input).value = "GP [b]checked[/b] nerves"
        await _press(pilot, "ctrl+s")
        assert app.screen is screen
        assert screen.advice.level == "none"
        quiet = text_of(screen, "#doctor-quiet")
        assert "Seen by a doctor on 22 Nov 2026" in quiet
        assert "numbness" in quiet
        assert "GP [b]checked[/b] nerves" in quiet  # the note is shown as typed, never as markup
    visits = open_journal(tmp_path).doctor_visits()
    assert [(v.seen_on, v.note) for v in visits] == [(NOW.date(), "GP [b]checked[/b] nerves")]


async def test_seen_refuses_a_future_date_and_cancel_saves_nothing(tmp_path):
    app = make_app(tmp_path, episodes=NUMB)
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "d", "v")
        form = app.screen
        form.query_one("#seen-on", Input).value = "2026-12-25"
        await _press(pilot, "ctrl+s")
        assert app.screen is form
        assert "in the future" in text_of(form, "#seen-error")
        form.query_one("#seen-on", Input).value = "[red]x"
        await _press(pilot, "ctrl+s")
        assert "[red]x" in text_of(form, "#seen-error")
        await _press(pilot, "escape")
        assert isinstance(app.screen, DoctorScreen)
    assert open_journal(tmp_path).doctor_visits() == []


async def test_seen_is_in_the_command_palette(tmp_path):
    app = make_app(tmp_path, episodes=NUMB)
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "d")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "I saw a doctor about this" in titles
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title == "I saw a doctor about this"
        )
        result = command.callback()
        if inspect.isawaitable(result):
            await result
        await pilot.pause()
        assert isinstance(app.screen, DoctorSeenScreen)
        await _press(pilot, "escape")


async def test_an_urgent_visit_is_never_quieted(tmp_path):
    long = episode("2026-11-21 23:40", duration_min=11)
    app = make_app(tmp_path, episodes=[long])
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "d", "v", "ctrl+s")
        assert app.screen.advice.level == "urgent"
    assert len(open_journal(tmp_path).doctor_visits()) == 1


async def test_doctor_screen_names_help_at_any_hour(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "d")
        help_text = text_of(app.screen, "#doctor-help")
        assert "At any hour" in help_text
        assert "NHS 111" in help_text and "out-of-hours" in help_text
        assert "999" in help_text and "112" in help_text
        assert "breathlessness, chest pain or coughing up blood" in help_text


async def test_profile_context_alone_is_a_gentle_banner(tmp_path):
    app = make_app(tmp_path, episodes=[episode("2026-11-10 03:00", duration_min=1)])
    open_journal(tmp_path).save_profile(Profile(pregnant=True))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(4):
            await pilot.pause()
        banner = app.screen.query_one(DoctorBanner)
        assert banner.display and banner.has_class("-mention") and not banner.has_class("-urgent")
        assert "Worth mentioning at your next visit" in str(banner.render())
        await _press(pilot, "d")
        level = app.screen.query_one("#doctor-level", Static)
        assert level.has_class("-mention") and not level.has_class("-see-doctor")
        assert "next visit" in text_of(app.screen, "#doctor-level")


async def test_split_signs_after_a_log_are_urgent(tmp_path):
    # Swelling of the left calf logged at 02:00; redness of the same calf logged now (07:30).
    early = episode(
        "2026-11-22 02:00", duration_min=2, side="left", locations=["calf"], red_flags=["swelling"]
    )
    app = make_app(tmp_path, episodes=[early])
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "l")
        form = app.screen
        form.query_one("#when", Input).value = "07:00"
        form.query_one("#red_flags", SelectionList).select("redness-or-warmth")
        leg = form.query_one("#leg", LegPicker)
        leg.side, leg.locations = "left", ("calf",)  # the same calf as the swelling
        await _press(pilot, "ctrl+s")
        assert app.screen.__class__.__name__ == "AdviceNotice"
        assert app.screen.advice.level == "urgent"
        assert app.screen.advice.reasons[0].rule_id == "swelling-with-redness"


def test_now_fixture_is_the_morning():
    assert NOW.date() == date(2026, 11, 22)


async def test_history_shows_the_visit_dates(tmp_path):
    from crampcoach.core.doctor_visit import DoctorVisit

    app = make_app(tmp_path, episodes=NUMB)
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "h")
        assert not app.screen.query_one("#history-visits").display
        await _press(pilot, "escape")
        open_journal(tmp_path).add_doctor_visit(DoctorVisit(date(2026, 11, 3)))
        await _press(pilot, "h")
        line = text_of(app.screen, "#history-visits")
        assert line == "Doctor's visit recorded: 3 Nov 2026."


def test_visits_line():
    from crampcoach.core.doctor_visit import DoctorVisit, visits_line

    assert visits_line([]) is None
    many = [DoctorVisit(date(2026, m, 1)) for m in range(1, 7)]
    assert visits_line(many) == (
        "Doctor's visits recorded: 1 Jun 2026, 1 May 2026, 1 Apr 2026, 1 Mar 2026 and 2 earlier."
    )
