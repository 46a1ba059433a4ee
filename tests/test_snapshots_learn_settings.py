"""Snapshots of Learn, Settings and the first-run welcome at 80×24 in both themes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ui_support import freeze_blink, make_app

THEMES = ("crampcoach-dark", "crampcoach-night-red")


def _app(name: str, theme: str, **kwargs):
    # A fixed folder: Settings shows the data folder, so it must not vary between runs.
    root = Path(f"/tmp/crampcoach-snapshot-{name}-{theme}")
    shutil.rmtree(root, ignore_errors=True)
    return make_app(root, theme=theme, **kwargs)


def _opening(*keys: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        freeze_blink(pilot.app)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("theme", THEMES)
def test_learn(snap_compare, theme):
    assert snap_compare(_app("learn", theme), terminal_size=(80, 24), run_before=_opening("i"))


@pytest.mark.parametrize("theme", THEMES)
def test_learn_doctor_article(snap_compare, theme):
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.action_learn("when-to-see-a-doctor")
        await pilot.pause()
        freeze_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(_app("learn-doctor", theme), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_settings(snap_compare, theme):
    assert snap_compare(_app("settings", theme), terminal_size=(80, 24), run_before=_opening("s"))


@pytest.mark.parametrize("theme", THEMES)
def test_settings_data_section(snap_compare, theme):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        pilot.app.screen.query_one("#export-path").focus()
        await pilot.pause()
        freeze_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(_app("settings-data", theme), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_welcome(snap_compare, theme):
    assert snap_compare(
        _app("welcome", theme, welcomed=False), terminal_size=(80, 24), run_before=_opening()
    )
