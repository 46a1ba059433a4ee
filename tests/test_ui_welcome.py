"""Pilot tests for the first-run welcome: shown once, skip or profile, never again."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from crampcoach.ui.screens.home import HomeScreen
from crampcoach.ui.screens.welcome import WelcomeScreen
from tests.ui_support import NOW, ZONE, FakeClock, make_app, open_journal


def reopen(root: Path):
    """A new app on an existing journal, without touching its settings."""
    from crampcoach.ui.app import CrampCoachApp

    return CrampCoachApp(
        open_journal(root), root, now=lambda: NOW, zone=ZONE, monotonic=FakeClock()
    )


async def test_first_run_shows_the_welcome_once(tmp_path):
    app = make_app(tmp_path, welcomed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WelcomeScreen)
        assert screen.sub_title == "Welcome"
        text = str(screen.query_one("#welcome-text", Static).render())
        assert "Nothing is sent anywhere" in text
        assert "not medical advice" in text
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.settings.welcomed is True
    assert open_journal(tmp_path).settings().welcomed is True

    again = reopen(tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)


async def test_escape_also_skips(tmp_path):
    app = make_app(tmp_path, welcomed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert open_journal(tmp_path).settings().welcomed is True


async def test_profile_key_marks_welcomed_and_opens_the_profile(tmp_path):
    app = make_app(tmp_path, welcomed=False)
    asked: list[str] = []
    app.action_profile = lambda: asked.append("profile")  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("p")
        await pilot.pause()
        assert asked == ["profile"]
        assert not isinstance(app.screen, WelcomeScreen)
    assert open_journal(tmp_path).settings().welcomed is True


async def test_enter_on_the_focused_button_opens_the_profile(tmp_path):
    app = make_app(tmp_path, welcomed=False)
    asked: list[str] = []
    app.action_profile = lambda: asked.append("profile")  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert asked == ["profile"]
    assert open_journal(tmp_path).settings().welcomed is True


async def test_first_aid_from_the_welcome(tmp_path):
    app = make_app(tmp_path, welcomed=False)
    asked: list[object] = []
    app.action_first_aid = lambda location=None: asked.append(location)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert asked == [None]
        assert isinstance(app.screen, HomeScreen)
    assert open_journal(tmp_path).settings().welcomed is True


async def test_welcome_survives_a_small_terminal(tmp_path):
    app = make_app(tmp_path, welcomed=False)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
