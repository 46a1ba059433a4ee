"""Small terminals: every home action shows at 60×20 without scrolling; nothing is cut at 80×24."""

from __future__ import annotations

import html
import re

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Static

from crampcoach.ui.actions import HOME_ACTIONS
from tests.ui_support import make_app, sample_episodes


def _screen_text(app) -> str:
    svg = app.export_screenshot()
    text = html.unescape(re.sub(r"<[^>]+>", "", svg))
    return text.replace("\xa0", " ")


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_every_home_action_shows_without_scrolling(tmp_path, size):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=size) as pilot:
        for _ in range(3):
            await pilot.pause()
        home = app.screen.query_one("#home", VerticalScroll)
        assert app.screen.query_one("#doctor-banner").display  # the busiest home there is
        assert home.max_scroll_y == 0
        menu = app.screen.query_one("#menu", Static)
        assert menu.region.bottom <= size[1] - 1  # above the footer
        shown = _screen_text(app)
        for action in HOME_ACTIONS:
            assert f"{action.key} {action.title}" in shown, action.title
