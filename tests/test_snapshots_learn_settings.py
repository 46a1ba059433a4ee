"""Snapshots of Learn, Settings and the first-run welcome at 80×24 in both themes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui_support import THEMES, freeze_blink, make_app, opening


def _app(root: Path, theme: str, **kwargs):
    return make_app(root, theme=theme, **kwargs)


@pytest.mark.parametrize("theme", THEMES)
def test_learn(snap_compare, snapshot_root, theme):
    assert snap_compare(_app(snapshot_root, theme), terminal_size=(80, 24), run_before=opening("i"))


@pytest.mark.parametrize("theme", THEMES)
def test_learn_doctor_article(snap_compare, snapshot_root, theme):
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.action_learn("when-to-see-a-doctor")
        await pilot.pause()
        freeze_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(_app(snapshot_root, theme), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_settings(snap_compare, snapshot_root, theme):
    assert snap_compare(_app(snapshot_root, theme), terminal_size=(80, 24), run_before=opening("s"))


@pytest.mark.parametrize("theme", THEMES)
def test_settings_data_section(snap_compare, snapshot_root, theme):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        pilot.app.screen.query_one("#export-path").focus()
        await pilot.pause()
        freeze_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(_app(snapshot_root, theme), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_welcome(snap_compare, snapshot_root, theme):
    assert snap_compare(
        _app(snapshot_root, theme, welcomed=False), terminal_size=(80, 24), run_before=opening()
    )
