"""Pilot tests: patterns (periods, empty state, factors), doctor advice, profile, home banner."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import SelectionList, Static, Tabs

from crampcoach.core.doctor import DISCLAIMER, OWN_THRESHOLD_NOTE
from crampcoach.core.models import CheckIn, Profile
from crampcoach.ui.screens.confirm import ConfirmScreen
from crampcoach.ui.screens.doctor import DoctorScreen
from crampcoach.ui.screens.home import HomeScreen
from crampcoach.ui.screens.patterns import PatternsScreen
from crampcoach.ui.screens.profile import ProfileScreen
from crampcoach.ui.widgets.doctor_banner import DoctorBanner
from tests.ui_support import episode, make_app, open_journal, sample_episodes


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def _press(pilot, *keys: str) -> None:
    await pilot.pause()
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


# ---------------------------------------------------------------- patterns


def _long_history():
    # The five sample nights (all within 4 weeks), one 8 weeks back, one 8 months back.
    return [
        *sample_episodes(),
        episode("2026-09-27 03:00", duration_min=2, side="left", locations=["calf"]),
        episode("2026-03-14 02:00", duration_min=1, side="right", locations=["foot"]),
    ]


async def test_patterns_period_switch_changes_the_numbers(tmp_path):
    app = make_app(tmp_path, episodes=_long_history())
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "p")
        screen = app.screen
        assert isinstance(screen, PatternsScreen)
        head = text_of(screen, "#pt-headline")
        assert "5 cramp nights in the last 28 nights" in head
        assert screen.sub_title == "Patterns · last 4 weeks"
        assert len(screen.patterns.weekly) == 4

        await _press(pilot, "2")
        assert "6 cramp nights in the last 84 nights" in text_of(screen, "#pt-headline")
        assert screen.query_one(Tabs).active == "p84"
        assert len(screen.patterns.weekly) == 12
        assert screen.sub_title == "Patterns · last 12 weeks"

        await _press(pilot, "3")
        head = text_of(screen, "#pt-headline")
        assert "7 cramp nights in the 254 nights since 13 Mar" in head
        assert len(screen.patterns.weekly) == 37

        # The visible switch works with the mouse too.
        await pilot.click("#p28")
        await pilot.pause()
        assert "5 cramp nights in the last 28" in text_of(screen, "#pt-headline")


async def test_patterns_show_charts(tmp_path):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "p")
        screen = app.screen
        weekly = text_of(screen, "#pt-weekly")
        assert "Cramp nights per week" in weekly and "█" in weekly
        hours = text_of(screen, "#pt-hours")
        # The night in order: 18 first, 11 last; 03:00 is the typical hour.
        labels = hours.splitlines()[-1]
        assert labels.index("18") < labels.index("00") < labels.index("03") < labels.index("11")
        assert "03:00–04:00" in hours
        assert "calf" in text_of(screen, "#pt-locations")
        assert "left" in text_of(screen, "#pt-sides")
        assert "2 min" in text_of(screen, "#pt-typical")
        calendar = text_of(screen, "#pt-calendar")
        assert calendar.count("█") >= 5 and "Mon" in calendar
        assert "Mon" in text_of(screen, "#pt-weekdays")
        assert "Cramp-free nights" in text_of(screen, "#pt-streaks")
        factors = text_of(screen, "#pt-factors")
        assert "No evening check-ins in this period yet" in factors
        assert not screen.query_one("#pt-empty").display


async def test_patterns_empty_state_says_what_to_do(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "p")
        screen = app.screen
        assert screen.query_one("#pt-empty").display
        assert "Log a few nights" in text_of(screen, "#pt-empty")
        assert not screen.query_one("#pt-weekly").display
        await _press(pilot, "3", "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_patterns_factor_bars_appear_with_enough_checkins(tmp_path):
    journal = open_journal(tmp_path)
    last = date(2026, 11, 20)
    checkins, episodes = [], []
    for k in range(12):
        night = last - timedelta(days=k)
        alcohol = k % 2 == 0
        checkins.append(CheckIn(night=night, alcohol=alcohol, water_glasses=8))
        if alcohol and k % 4 == 0:
            episodes.append(episode(f"{night + timedelta(days=1)} 03:00", duration_min=1))
    journal.add_checkins(checkins)
    app = make_app(tmp_path, episodes=episodes)
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "p")
        factors = text_of(app.screen, "#pt-factors")
        assert "Alcohol" in factors
        assert "3 of 6 nights had cramps" in factors and " 50%" in factors
        assert "0 of 6" in factors
        assert "Not enough data yet for" in factors  # caffeine: never ticked


@pytest.mark.parametrize("size", [(60, 20), (120, 40)])
async def test_patterns_any_size_any_period(tmp_path, size):
    app = make_app(tmp_path, episodes=_long_history())
    async with app.run_test(size=size) as pilot:
        await _press(pilot, "p", "1", "2", "3", "ctrl+t")
        assert isinstance(app.screen, PatternsScreen)
        assert "cramp nights" in text_of(app.screen, "#pt-headline")


# ---------------------------------------------------------------- doctor


async def test_doctor_lists_reasons_and_whom(tmp_path):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "d")
        screen = app.screen
        assert isinstance(screen, DoctorScreen)
        level = screen.query_one("#doctor-level", Static)
        assert level.has_class("-see-doctor") and not level.has_class("-urgent")
        assert "See a doctor" in text_of(screen, "#doctor-level")
        reasons = [str(s.render()) for s in screen.query(".reason-text").results(Static)]
        assert any("Cramps woke you on 3 of the last 7 nights" in r for r in reasons)
        assert any("on 3 of the last 7 nights and on 5 of the last 30" in r for r in reasons)
        assert "GP (family doctor)" in text_of(screen, "#doctor-whom")
        assert screen.query_one("#doctor-own").display
        assert OWN_THRESHOLD_NOTE in text_of(screen, "#doctor-own")
        disclaimer = text_of(screen, "#doctor-disclaimer")
        assert DISCLAIMER in disclaimer and "not medical advice" in disclaimer
        assert "profile is empty" in text_of(screen, "#doctor-profile")
        await _press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_doctor_urgent_is_unmistakable(tmp_path):
    long = episode("2026-11-21 23:40", duration_min=14, locations=["calf"])
    app = make_app(tmp_path, episodes=[long])
    async with app.run_test(size=(80, 24)) as pilot:
        # Logged earlier: the after-log notice is not shown at start, the screen is.
        await _press(pilot, "d")
        screen = app.screen
        level = screen.query_one("#doctor-level", Static)
        assert level.has_class("-urgent")
        assert "Urgent" in text_of(screen, "#doctor-level")
        assert "urgent appointment" in text_of(screen, "#doctor-level")
        rows = list(screen.query(".reason"))
        assert rows[0].has_class("-urgent")
        assert "lasted 14 min, longer than 10 minutes" in str(
            rows[0].query_one(".reason-text").render()
        )
        # A single long cramp is not "frequent": no own-threshold note.
        assert not screen.query_one("#doctor-own").display


async def test_doctor_with_nothing_to_act_on(tmp_path):
    app = make_app(tmp_path, episodes=[episode("2026-11-10 03:00", duration_min=1)])
    async with app.run_test(size=(60, 20)) as pilot:
        await _press(pilot, "d")
        screen = app.screen
        assert screen.query_one("#doctor-level").has_class("-none")
        assert not screen.query_one("#doctor-whom").display


async def test_profile_with_diabetes_changes_the_doctor_advice(tmp_path):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "d")
        doctor = app.screen
        before = [str(s.render()) for s in doctor.query(".reason-text").results(Static)]
        assert not any("diabetes" in r for r in before)
        await _press(pilot, "p")
        profile = app.screen
        assert isinstance(profile, ProfileScreen)
        assert "never stop a medicine" in text_of(profile, "#profile-note").lower()
        profile.query_one("#conditions", SelectionList).select("diabetes")
        await _press(pilot, "ctrl+s")
        assert app.screen is doctor
        await pilot.pause()
        after = [str(s.render()) for s in doctor.query(".reason-text").results(Static)]
        assert any("noted diabetes" in r for r in after)
        assert "endocrinologist" in text_of(doctor, "#doctor-whom")
        assert "diabetes" in text_of(doctor, "#doctor-profile")
    assert open_journal(tmp_path).profile().conditions == ("diabetes",)


async def test_profile_loads_and_escape_asks_when_changed(tmp_path):
    open_journal(tmp_path).save_profile(
        Profile(age_band="60-74", medicines=("statins",), medicines_other="a water tablet")
    )
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_profile()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProfileScreen)
        assert screen.query_one("#medicines", SelectionList).selected == ["statins"]
        assert screen.query_one("#medicines_other").value == "a water tablet"
        screen.query_one("#pregnant").value = True
        await _press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await _press(pilot, "y")
        assert isinstance(app.screen, HomeScreen)
    assert open_journal(tmp_path).profile().pregnant is False


async def test_w_writes_the_visit_report(tmp_path, monkeypatch):
    from crampcoach.ui.screens.save_file import SaveFileScreen

    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    app = make_app(tmp_path / "data", episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "d", "w")
        assert isinstance(app.screen, SaveFileScreen)  # asks where, Documents by default
        await _press(pilot, "enter")
        report = home / "Documents" / "crampcoach-report-2026-11-22.html"
        text = report.read_text(encoding="utf-8")
        assert "<svg" in text
        assert report.stat().st_mode & 0o777 == 0o600  # health data: private to the user
        assert "stop taking" not in text.lower()


async def test_l_opens_the_when_to_see_a_doctor_article(tmp_path):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await _press(pilot, "d", "l")
        assert type(app.screen).__name__ == "LearnScreen"
        assert app.screen.current.slug == "when-to-see-a-doctor"
        await _press(pilot, "escape")
        assert isinstance(app.screen, DoctorScreen)


# ---------------------------------------------------------------- home banner


async def _banner(app) -> tuple[bool, str, bool]:
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(4):
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        banner = app.screen.query_one(DoctorBanner)
        return banner.display, str(banner.render()), banner.has_class("-urgent")


async def test_banner_with_three_cramp_nights_in_seven(tmp_path):
    # Three cramp nights in the last 7 that did not wake, and three a fortnight before
    # (so "getting worse" stays quiet): only the frequency rule speaks.
    nights = ["2026-11-22 03:10", "2026-11-20 02:40", "2026-11-17 04:05"]
    nights += ["2026-11-02 03:00", "2026-11-04 03:00", "2026-11-06 03:00"]
    quiet = [episode(n, duration_min=1, woke_me=False) for n in nights]
    shown, text, urgent = await _banner(make_app(tmp_path, episodes=quiet))
    assert shown and not urgent
    assert "Worth seeing a doctor" in text
    assert "cramps on 3 of the last 7 nights" in text
    assert "(+" not in text


async def test_banner_names_sleep_when_cramps_woke_you(tmp_path):
    shown, text, _ = await _banner(make_app(tmp_path, episodes=sample_episodes()))
    # (+1: "getting worse" no longer compares against nights before the log began.)
    assert shown and "cramps woke you on 3 of 7 nights" in text and "(+1 more)" in text


async def test_no_banner_with_two_cramp_nights(tmp_path):
    two = [episode("2026-11-22 03:10", duration_min=1), episode("2026-11-19 03:10")]
    shown, _, _ = await _banner(make_app(tmp_path, episodes=two))
    assert not shown


async def test_urgent_banner_in_the_night_theme(tmp_path):
    long = episode("2026-11-21 23:40", duration_min=12)
    shown, text, urgent = await _banner(
        make_app(tmp_path, episodes=[long], theme="crampcoach-night-red")
    )
    assert shown and urgent and "Get medical advice today" in text
    assert "NHS 111" in text  # whom to call when the surgery is closed


async def test_doctor_and_profile_at_60x20(tmp_path):
    long = episode("2026-11-21 23:40", duration_min=14)
    app = make_app(tmp_path, episodes=[*sample_episodes(), long], theme="crampcoach-night-red")
    async with app.run_test(size=(60, 20)) as pilot:
        await _press(pilot, "d")
        level = app.screen.query_one("#doctor-level")
        assert level.has_class("-urgent") and level.region.y < 6
        await _press(pilot, "p", "tab", "space", "ctrl+s")
        assert isinstance(app.screen, DoctorScreen)
    assert open_journal(tmp_path).profile().pregnant is True
