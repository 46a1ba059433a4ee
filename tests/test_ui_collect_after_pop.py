"""A closed screen's garbage is collected once the screen below is shown, in one young
collection, not left to land in the middle of a later screen's opening."""

from __future__ import annotations

import gc

from crampcoach.ui import app as app_module
from crampcoach.ui.screens.home import HomeScreen
from tests.ui_support import make_app, settle


async def test_leaving_a_screen_collects_the_young_generations_once(tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "COLLECT_AFTER_S", 0.001)
    calls: list[tuple[int, ...]] = []
    real = gc.collect
    monkeypatch.setattr(gc, "collect", lambda *a: (calls.append(a), real(*a))[1])
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        calls.clear()
        for key in ("h", "escape", "p", "escape"):
            await pilot.press(key)
            await settle(pilot)
            await pilot.pause(0.02)  # the timer's millisecond, real time
        assert isinstance(app.screen, HomeScreen)
        assert calls and set(calls) == {(1,)}  # young generations only, never a full one
        assert len(calls) <= 2  # at most one per screen left
        assert app._collect_timer is None
