"""Snapshots of the main screens at 80×24 in both themes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ui_support import freeze_blink, make_app, sample_episodes

THEMES = ("crampcoach-dark", "crampcoach-night-red")


def _app(name: str, theme: str):
    # A fixed folder: nothing path-dependent may differ between runs.
    root = Path("/tmp/crampcoach-snapshots") / name / theme
    shutil.rmtree(root, ignore_errors=True)
    return make_app(root, episodes=sample_episodes(), theme=theme)


def _opening(*keys: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        freeze_blink(pilot.app)
        # Home reads the journal after its first paint: let that settle.
        for _ in range(3):
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("theme", THEMES)
def test_home(snap_compare, theme):
    assert snap_compare(_app("home", theme), terminal_size=(80, 24), run_before=_opening())


@pytest.mark.parametrize("theme", THEMES)
def test_log_form(snap_compare, theme):
    assert snap_compare(_app("log", theme), terminal_size=(80, 24), run_before=_opening("l"))


@pytest.mark.parametrize("theme", THEMES)
def test_history(snap_compare, theme):
    assert snap_compare(_app("history", theme), terminal_size=(80, 24), run_before=_opening("h"))


@pytest.mark.parametrize("theme", THEMES)
def test_help(snap_compare, theme):
    assert snap_compare(
        _app("help", theme), terminal_size=(80, 24), run_before=_opening("question_mark")
    )
