"""Patterns works out its numbers in a worker when they are not cheap, and the parts, bound
to the screen's view, draw themselves from the answer."""

from __future__ import annotations

from textual.widgets import Static

from crampcoach.core.pattern_index import IndexKeeper
from crampcoach.ui.screens import patterns as patterns_screen
from crampcoach.ui.screens.patterns import PatternsScreen
from crampcoach.ui.widgets.pattern_part import PatternPart
from tests.ui_support import make_app, open_screen, sample_episodes, settle


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_patterns(pilot) -> PatternsScreen:
    return await open_screen(pilot, "p", PatternsScreen)


async def test_the_worker_path_draws_every_part(tmp_path, monkeypatch):
    # A cold index with every episode "too many" for the UI thread: the worker answers.
    monkeypatch.setattr(patterns_screen, "_KEEPER", IndexKeeper())
    monkeypatch.setattr(patterns_screen, "QUICK", -1)
    calls = []
    real = PatternsScreen._analyse
    monkeypatch.setattr(
        PatternsScreen, "_analyse", lambda self, *a: (calls.append(a), real(self, *a))[1]
    )
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_patterns(pilot)
        assert calls, "the worker was not used"
        assert "5 cramp nights in the 20 nights since you started" in text_of(
            screen, "#pt-headline"
        )
        assert "Cramp nights per week" in text_of(screen, "#pt-weekly")
        await pilot.press("2")
        await settle(pilot)
        assert screen.patterns is not None and len(screen.patterns.weekly) == 12
        assert screen.sub_title == "Patterns · last 12 weeks"


async def test_parts_are_bound_to_the_screen_view_and_redraw_on_width(tmp_path):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_patterns(pilot)
        view = screen.view
        assert view is not None and view.width == 75
        for part in screen.query(PatternPart):
            assert part.view is view  # data_bind: one view, every part
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        assert screen.view is not None and screen.view.width == 55
        assert all(part.view is screen.view for part in screen.query(PatternPart))


async def test_an_answer_for_an_older_request_is_dropped(tmp_path):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_patterns(pilot)
        stale = screen._work_out(screen._reading - 1, "pall")
        before = screen.view
        screen.on_patterns_screen_analysed(stale)
        assert screen.view is before
