"""Snapshots of the routine player mid-step and of first aid's questions, in both themes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.ui_support import THEMES, FakeClock, freeze_blink, make_app


def _app(root: Path, theme: str, clock: FakeClock, **kwargs):
    app = make_app(root, theme=theme, clock=clock, **kwargs)
    # No flash: a snapshot taken in the 0.3 s after a step's end would vary.
    app.settings = replace(app.settings, flash=False)
    return app


@pytest.mark.parametrize("theme", THEMES)
def test_player_mid_step(snap_compare, snapshot_root, theme):
    clock = FakeClock()

    async def run_before(pilot) -> None:
        from crampcoach.ui.screens.player import PlayerScreen

        await pilot.pause()
        pilot.app.push_screen(PlayerScreen(pilot.app.catalog.get("first-aid-calf")))
        await pilot.pause()
        # Get ready (3) + straighten (5) + get ready (3) + 7 s into three 5 s toe pulls.
        clock.advance(18)
        pilot.app.screen.sync()
        await pilot.pause()

    app = _app(snapshot_root, theme, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_player_two_sided_step_paused(snap_compare, snapshot_root, theme):
    clock = FakeClock()

    async def run_before(pilot) -> None:
        from crampcoach.ui.screens.player import PlayerScreen

        await pilot.pause()
        pilot.app.push_screen(PlayerScreen(pilot.app.catalog.get("bedtime-stretch")))
        await pilot.pause()
        clock.advance(3 + 10 + 3 + 4)  # the right leg, 4 s in
        pilot.app.screen.sync()
        await pilot.press("space")
        await pilot.pause()

    app = _app(snapshot_root, theme, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_first_aid_where(snap_compare, snapshot_root, theme):
    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        freeze_blink(pilot.app)
        await pilot.pause()

    app = _app(snapshot_root, theme, FakeClock())
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_first_aid_has_it_passed(snap_compare, snapshot_root, theme):
    clock = FakeClock()

    async def run_before(pilot) -> None:
        await pilot.pause()
        clock.advance(500)
        pilot.app.screen.sync()
        await pilot.pause()
        await pilot.pause()
        for key in ("s", "7"):
            await pilot.press(key)
            await pilot.pause()  # each key on the screen it belongs to, never racing a push
        await pilot.pause()

    app = _app(snapshot_root, theme, clock, start="first-aid", location="calf")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("theme", THEMES)
def test_first_aid_safety_net_in_the_player(snap_compare, snapshot_root, theme):
    """Past 10 minutes the player says plainly what to do now, above the step."""
    clock = FakeClock()

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        clock.advance(610)
        await pilot.press("1")
        for _ in range(3):
            await pilot.pause()
        pilot.app.screen.query_one("#cramp-clock").update_now()
        freeze_blink(pilot.app)
        await pilot.pause()

    app = _app(snapshot_root, theme, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
