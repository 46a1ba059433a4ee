"""One registry of actions: home keys, help, palette and the README key table agree."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import OptionList

from crampcoach.ui.actions import ALL_ACTIONS, HOME_ACTIONS, home_key_line
from crampcoach.ui.screens.home import HomeScreen
from tests.ui_support import make_app

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_home_keys_come_from_the_registry():
    rows = [line for line in README.read_text().splitlines() if line.startswith("| home |")]
    assert rows == [f"| home | {home_key_line()} |"]


def test_home_bindings_are_the_registry():
    keys = {b.key: b.action for b in HomeScreen.BINDINGS}
    assert keys == {a.key: f"app.{a.name}" for a in HOME_ACTIONS if a.key}


def test_every_registry_action_exists_on_the_app():
    from crampcoach.ui.app import CrampCoachApp

    for action in ALL_ACTIONS:
        assert callable(getattr(CrampCoachApp, f"action_{action.name}", None)), action.name


async def _palette_titles(pilot, query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    for ch in query:
        await pilot.press("space" if ch == " " else ch)
    for _ in range(5):
        await pilot.pause(0.1)
    options = pilot.app.screen.query_one(OptionList)
    titles = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    await pilot.press("escape")
    await pilot.pause()
    return titles


async def test_palette_finds_every_action_in_plain_words(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert len(titles) == len({t.casefold() for t in titles}), "no duplicates"
        for action in ALL_ACTIONS:
            assert any(t.startswith(action.title) for t in titles), action.title
        for word in ("report", "export", "import", "theme", "doctor"):
            found = await _palette_titles(pilot, word)
            assert found and any(word in t.lower() for t in found), word
        bedtime = await _palette_titles(pilot, "bedtime")
        assert any("bedtime routine" in t for t in bedtime)


async def test_palette_starts_a_routine_by_name(tmp_path):
    from crampcoach.ui.screens.player import PlayerScreen

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        (start,) = [
            c
            for c in app.get_system_commands(app.screen)
            if c.title.startswith("Start ") and "bedtime routine" in c.title
        ][:1]
        start.callback()
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)


async def test_screen_keys_in_the_palette_are_plain_and_not_repeated(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert sum(t.split(" ")[0] == "Profile" for t in titles) == 1
        assert not any(": key" in c.help for c in app.get_system_commands(app.screen))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Search notes /" in titles
