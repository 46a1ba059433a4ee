"""Pilot tests for Settings: persistence across restarts, validation, reset, export/import."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select, Static

from crampcoach.core.doctor import DEFAULT_THRESHOLDS, THRESHOLD_INFO
from crampcoach.core.form_rules import parse_threshold, parse_thresholds, read_form
from crampcoach.core.models import Settings
from crampcoach.store.transfer import export_csv
from crampcoach.ui.screens.confirm import ConfirmScreen
from crampcoach.ui.screens.home import HomeScreen
from crampcoach.ui.screens.settings import SettingsScreen
from crampcoach.ui.widgets.error_lines import error_line_text
from tests.ui_support import (
    NOW,
    ZONE,
    FakeClock,
    make_app,
    open_journal,
    open_screen,
    sample_episodes,
    settle,
)

NIGHT_RED = "crampcoach-night-red"


def reopen(root: Path):
    """A new app on an existing journal, as after a restart: its settings stay as saved."""
    from crampcoach.ui.app import CrampCoachApp

    return CrampCoachApp(
        open_journal(root), root, now=lambda: NOW, zone=ZONE, monotonic=FakeClock()
    )


async def open_settings(pilot) -> SettingsScreen:
    return await open_screen(pilot, "s", SettingsScreen)


async def type_into(pilot, screen: SettingsScreen, widget_id: str, text: str) -> Input:
    box = screen.query_one(f"#{widget_id}", Input)
    box.focus()
    box.value = ""
    await pilot.press(*text)
    await pilot.pause()
    return box


def error_text(screen: SettingsScreen, field: str) -> str:
    return error_line_text(screen, field)


async def test_settings_survive_a_restart(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        assert screen.sub_title == "Settings"
        # The theme applies at once: right moves to night red, space picks it.
        await pilot.press("right", "space")
        await pilot.pause()
        assert app.theme == NIGHT_RED
        screen.query_one("#bell", Checkbox).focus()
        await pilot.press("space")
        await type_into(pilot, screen, "th-long_episode_min", "8")
        await type_into(pilot, screen, "get_ready", "5")
        await type_into(pilot, screen, "boundary", "14")
        assert screen.changed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not screen.changed
        await pilot.press("escape")  # nothing unsaved: leaves without asking
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    again = reopen(tmp_path)
    saved = again.settings
    assert saved.theme == NIGHT_RED
    assert saved.bell is False and saved.flash is True
    assert saved.get_ready_s == 5 and saved.night_boundary_hour == 14
    assert dict(saved.thresholds) == {"long_episode_min": 8.0}
    assert saved.welcomed is True
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == NIGHT_RED
        screen = await open_settings(pilot)
        assert screen.query_one("#th-long_episode_min", Input).value == "8"
        assert screen.query_one("#bell", Checkbox).value is False
        assert screen.query_one("#theme").pressed_button.name == NIGHT_RED


async def test_invalid_threshold_is_explained_and_nothing_is_saved(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, screen, "get_ready", "4")  # valid, but must not be saved
        await type_into(pilot, screen, "th-woke_nights", "0")
        await type_into(pilot, screen, "th-worse_ratio", "lots")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "whole number of nights" in error_text(screen, "th-woke_nights")
        assert "number of times" in error_text(screen, "th-worse_ratio")
        assert error_text(screen, "get_ready") == ""
        assert screen.focused is screen.query_one("#th-woke_nights")
        assert app.settings.get_ready_s == 3
    saved = open_journal(tmp_path).settings()
    assert saved.get_ready_s == 3
    assert dict(saved.thresholds) == {}


async def test_out_of_range_values_are_refused(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, screen, "get_ready", "31")
        await type_into(pilot, screen, "boundary", "24")
        await type_into(pilot, screen, "th-frequent_short_nights", "9")  # more than 7 nights
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "0 to 30" in error_text(screen, "get_ready")
        assert "0 to 23" in error_text(screen, "boundary")
        assert "more than the 7 nights" in error_text(screen, "th-frequent_short_nights")
        # Fix them: the errors go and the values are saved.
        await type_into(pilot, screen, "get_ready", "0")
        await type_into(pilot, screen, "boundary", "18")
        await type_into(pilot, screen, "th-frequent_short_nights", "4")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_text(screen, "get_ready") == ""
    saved = open_journal(tmp_path).settings()
    assert (saved.get_ready_s, saved.night_boundary_hour) == (0, 18)
    assert dict(saved.thresholds) == {"frequent_short_nights": 4.0}


async def test_reset_thresholds_to_defaults(tmp_path):
    journal = open_journal(tmp_path)
    journal.save_settings(
        Settings(welcomed=True, thresholds={"woke_nights": 4.0, "long_episode_min": 20.0})
    )
    app = reopen(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        assert screen.query_one("#th-woke_nights", Input).value == "4"
        await pilot.press("ctrl+r")
        await pilot.pause()
        for key, value in DEFAULT_THRESHOLDS.items():
            assert screen.query_one(f"#th-{key}", Input).value == f"{value:g}"
        assert screen.changed
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert dict(open_journal(tmp_path).settings().thresholds) == {}


async def test_escape_asks_before_dropping_unsaved_changes(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, screen, "th-recent_nights", "21")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#th-recent_nights", Input).value == "21"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert dict(open_journal(tmp_path).settings().thresholds) == {}


async def test_export_csv_and_json_from_settings(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        path_box = screen.query_one("#export-path", Input)
        # A visible default (Documents), never the hidden data folder.
        default = home / "Documents" / "crampcoach-export-20261122.csv"
        assert path_box.value == str(default)
        screen.query_one("#export").press()
        await pilot.pause()
        lines = default.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("started_at,duration_min,side")
        assert len(lines) == 1 + len(sample_episodes())
        assert "Exported 5 episode(s)" in str(screen.query_one("#export-result").render())

        screen.query_one("#export-format", Select).value = "json"
        await pilot.pause()
        assert path_box.value.endswith("crampcoach-export-20261122.json")
        path_box.focus()
        await pilot.press("enter")  # enter in the path box exports too
        await pilot.pause()
        doc = json.loads((home / "Documents" / "crampcoach-export-20261122.json").read_text())
        assert len(doc["episodes"]) == 5

        # An existing file is only replaced after asking.
        path_box.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()

        path_box.value = str(tmp_path / "no-such-folder" / "out.csv")
        screen.query_one("#export").press()
        await pilot.pause()
        result = screen.query_one("#export-result", Static)
        assert result.has_class("-error") and "does not exist" in str(result.render())


async def test_import_refuses_a_bad_file_by_line_then_imports_a_good_one(tmp_path):
    data = tmp_path / "data"
    app = make_app(data)
    good = export_csv(sample_episodes())
    bad_lines = good.splitlines()
    header = bad_lines[0].split(",")
    row = bad_lines[2].split(",")
    row[header.index("intensity")] = "42"
    bad_lines[2] = ",".join(row)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(bad_lines) + "\n", encoding="utf-8")
    good_file = tmp_path / "good.csv"
    good_file.write_text(good, encoding="utf-8")

    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        box = screen.query_one("#import-path", Input)
        box.value = str(bad)
        screen.query_one("#import").press()
        await pilot.pause()
        result = screen.query_one("#import-result", Static)
        text = str(result.render())
        assert result.has_class("-error")
        assert "Nothing was imported" in text and "line 3: intensity" in text
        assert app.journal.episodes() == []

        box.value = str(good_file)
        box.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "Imported 5 episode(s)" in str(result.render())
        assert not result.has_class("-error")
        # Importing again is harmless: everything is already there.
        screen.query_one("#import").press()
        await pilot.pause()
        assert "Imported 0 episode(s)" in str(result.render())
        assert "5 already in the journal" in str(result.render())
    assert len(open_journal(data).episodes()) == 5


async def test_import_of_a_missing_file_says_so(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        screen.query_one("#import-path", Input).value = "nowhere.csv"
        screen.query_one("#import").press()
        await pilot.pause()
        text = str(screen.query_one("#import-result", Static).render())
        assert "is not a file" in text


async def test_resize_to_60x20_keeps_typed_input(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, screen, "th-recent_nights", "28")
        await type_into(pilot, screen, "import-path", "~/cramps.csv")
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#th-recent_nights", Input).value == "28"
        assert screen.query_one("#import-path", Input).value == "~/cramps.csv"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
    assert dict(open_journal(tmp_path).settings().thresholds) == {"recent_nights": 28.0}


async def test_show_welcome_and_profile_buttons(tmp_path):
    app = make_app(tmp_path)
    asked: list[str] = []
    app.action_profile = lambda: asked.append("profile")  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        screen.query_one("#profile").press()
        await pilot.pause()
        assert asked == ["profile"]
        screen.query_one("#show-welcome").press()
        await pilot.pause()
        from crampcoach.ui.screens.welcome import WelcomeScreen

        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("s")
        await pilot.pause()
        assert app.screen is screen


async def test_data_folder_is_shown(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        assert str(screen.query_one("#data-folder", Static).render()) == str(tmp_path)
        backups = str(screen.query_one("#backups-folder", Static).render())
        assert backups == str(tmp_path / "backups")


def test_threshold_parsing_in_words():
    info = THRESHOLD_INFO["long_episode_min"]
    assert parse_threshold(info, "") == (10.0, "")
    assert parse_threshold(info, "7.5") == (7.5, "")
    assert parse_threshold(info, "7,5") == (7.5, "")
    # The urgent long-cramp limit cannot be raised above the NHS's 10 minutes.
    for bad in ("0", "-3", "abc", "nan", "1e9", "10.5", "1440"):
        value, problem = parse_threshold(info, bad)
        assert value is None and "minutes" in problem
    nights = THRESHOLD_INFO["woke_nights"]
    assert parse_threshold(nights, "2.5")[0] is None
    overrides, problems = parse_thresholds({"woke_nights": "3", "recent_nights": "20"})
    assert overrides == {"recent_nights": 20.0} and problems == {}


def test_read_form_changes_nothing_when_anything_is_wrong():
    base = Settings(welcomed=True)
    raw = {
        "theme": NIGHT_RED,
        "bell": False,
        "flash": True,
        "get_ready": "x",
        "boundary": "12",
        "thresholds": {},
    }
    result = read_form(base, raw)
    assert result.settings is None and set(result.problems) == {"get_ready"}
    result = read_form(base, {**raw, "get_ready": "10"})
    assert result.settings == Settings(theme=NIGHT_RED, bell=False, get_ready_s=10, welcomed=True)


async def test_ctrl_t_while_in_settings_moves_the_theme_choice(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == NIGHT_RED
        assert screen.query_one("#theme").pressed_button.name == NIGHT_RED
        assert not screen.changed  # the theme is kept at once, nothing waits for ctrl+s
    assert open_journal(tmp_path).settings().theme == NIGHT_RED


async def test_help_numbers_and_report_name_are_saved_and_checked(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(pilot)
        await type_into(pilot, screen, "out_of_hours", "[b]111")
        await type_into(pilot, screen, "th-woke_nights", "8")  # more than its 7 nights
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "digits, letters" in error_text(screen, "out_of_hours")
        assert "more than the 7 nights" in error_text(screen, "th-woke_nights")
        await type_into(pilot, screen, "out_of_hours", "116 117")
        await type_into(pilot, screen, "emergency", "112")
        await type_into(pilot, screen, "patient_name", "Ann  Example")
        await type_into(pilot, screen, "th-woke_nights", "3")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = open_journal(tmp_path).settings()
    assert (saved.out_of_hours_number, saved.emergency_number) == ("116 117", "112")
    assert saved.patient_name == "Ann Example"


@pytest.mark.parametrize("waits", [0, 1, 2, 5, 10, 20, 40])
async def test_leaving_while_the_form_is_still_being_built_is_safe(tmp_path, waits):
    """Settings mounts its sections one per frame; escape before the last one must leave
    without a crash (each wait lets a few more frames, and so sections, happen first)."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = SettingsScreen()
        await app.push_screen(screen)  # mounted: its sections are still to come
        for _ in range(waits):
            await asyncio.sleep(0.002)
        screen.action_leave()  # what escape does
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert app._exception is None


async def test_the_whole_form_is_there_after_one_pause(tmp_path):
    """What a key-driven user (or test) sees after Settings has settled: every section."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        for widget_id in ("get_ready", "th-long_episode_min", "patient_name", "export-path"):
            assert screen.query(f"#{widget_id}"), widget_id
        assert not screen.query(".error")  # no error lines until there is something to say
