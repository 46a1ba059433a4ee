"""Small terminals: every home action shows at 60×20 without scrolling; nothing is cut at 80×24."""

from __future__ import annotations

import html
import re

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Static

from crampcoach.core.trial import new_trial
from crampcoach.ui.actions import HOME_ACTIONS
from tests.ui_support import NOW, make_app, open_journal, sample_episodes

ON_FIRST = 7  # a seed whose first phase is ON (as in test_trial_ui)


def _screen_text(app) -> str:
    svg = app.export_screenshot()
    text = html.unescape(re.sub(r"<[^>]+>", "", svg))
    return text.replace("\xa0", " ")


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_every_home_action_shows_without_scrolling(tmp_path, size):
    app = make_app(tmp_path, episodes=sample_episodes())
    # An experiment on an ON night: its line and tonight's-routine key are on Home too.
    trial = new_trial("bedtime-stretch", NOW, ON_FIRST, tz="Europe/Berlin")
    open_journal(tmp_path).start_trial(trial, NOW)
    async with app.run_test(size=size) as pilot:
        for _ in range(3):
            await pilot.pause()
        home = app.screen.query_one("#home", VerticalScroll)
        # The busiest home there is: the doctor banner and the experiment line both shown.
        assert app.screen.query_one("#doctor-banner").display
        line = app.screen.query_one("#experiment-line", Static)
        assert line.display and "-hidden" not in line.classes
        assert home.max_scroll_y == 0
        menu = app.screen.query_one("#menu", Static)
        assert menu.region.bottom <= size[1] - 1  # above the footer
        assert line.region.bottom <= menu.region.y
        shown = _screen_text(app)
        for action in HOME_ACTIONS:
            if action.menu:
                assert f"{action.key} {action.title}" in shown, action.title
        # The one key kept out of the menu grid (it only works on an ON night) is named
        # by the experiment line when it works.
        (routine_key,) = [a.key for a in HOME_ACTIONS if not a.menu]
        assert f"{routine_key} plays tonight's " in shown
