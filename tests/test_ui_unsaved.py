"""ctrl+q and escape never drop typed input without asking, on every form."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input, SelectionList

from crampcoach.ui.screens.confirm import ConfirmScreen
from crampcoach.ui.screens.home import HomeScreen
from tests.ui_support import make_app, sample_episodes

FORMS = {
    "log": ["l"],
    "check-in": ["c"],
    "settings": ["s"],
    "profile": [],  # opened from the palette's action
    "history edit": ["h", "e"],
}


def _change_something(screen) -> None:
    for kind in (Checkbox, SelectionList, Input):
        found = screen.query(kind)
        if found:
            widget = found.first()
            if isinstance(widget, Checkbox):
                widget.value = not widget.value
            elif isinstance(widget, SelectionList):
                widget.toggle(widget.get_option_at_index(0).value)
            else:
                widget.value = widget.value + "1"
            return
    raise AssertionError(f"nothing to change on {screen}")


@pytest.mark.parametrize("form", list(FORMS))
async def test_quit_and_escape_ask_before_discarding(tmp_path, form):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if form == "profile":
            app.action_profile()
        for key in FORMS[form]:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert not isinstance(screen, HomeScreen)
        _change_something(screen)
        await pilot.pause()
        assert screen.changed
        for leave in ("ctrl+q", "escape"):
            await pilot.press(leave)
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen), leave
            await pilot.press("n")
            await pilot.pause()
            assert app.screen is screen and screen.changed
        assert app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running


async def test_quit_without_changes_does_not_ask(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
