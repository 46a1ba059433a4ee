"""Snapshots of Learn, Settings and the first-run welcome at 80×24 in both themes."""

from __future__ import annotations

import pytest

from tests.ui_support import THEMES, freeze_blink, make_app, opening, snapshot_root


def _app(name: str, theme: str, **kwargs):
    return make_app(snapshot_root(name, theme), theme=theme, **kwargs)


@pytest.mark.parametrize("theme", THEMES)
def test_learn(snap_compare, theme):
    assert snap_compare(_app("learn", theme), terminal_size=(80, 24), run_before=opening("i"))


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
    assert snap_compare(_app("settings", theme), terminal_size=(80, 24), run_before=opening("s"))


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
        _app("welcome", theme, welcomed=False), terminal_size=(80, 24), run_before=opening()
    )
