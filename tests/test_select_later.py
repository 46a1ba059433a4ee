"""SelectLater: a closed Select's look in the first frame, the real Select right after it."""

from __future__ import annotations

import pytest
from textual.widgets import Select

from crampcoach.ui.screens.history import HistoryScreen
from crampcoach.ui.widgets import select_later
from crampcoach.ui.widgets.select_later import SelectLater
from tests.ui_support import THEMES, make_app, open_screen, sample_episodes, screen_cells, settle


async def _history_cells(tmp_path, theme: str, *, swap: bool) -> list[list[tuple[str, object]]]:
    app = make_app(tmp_path, episodes=sample_episodes(), theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, "h", HistoryScreen)
        assert len(screen.query(Select)) == (2 if swap else 0)
        return screen_cells(app)


@pytest.mark.parametrize("theme", THEMES)
async def test_the_look_is_the_selects_own_cell_for_cell(tmp_path, theme, monkeypatch):
    real = await _history_cells(tmp_path / "real", theme, swap=True)
    monkeypatch.setattr(SelectLater, "_become_select", lambda self: None)
    look = await _history_cells(tmp_path / "look", theme, swap=False)
    assert look == real


async def test_history_has_real_selects_with_the_same_ids_and_values(tmp_path):
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        screen = app.screen
        assert not screen.query(SelectLater)
        assert screen.query_one("#period", Select).value == "all"
        location = screen.query_one("#location", Select)
        assert location.value is Select.NULL and location.prompt == "any place"
        # Mounting announced their first values; the filter did not change.
        assert screen.filter.period == "all" and screen.filter.location is None


async def test_a_screen_closed_before_its_first_frame_is_left_alone(tmp_path, monkeypatch):
    became: list[bool] = []
    real = SelectLater._become_select

    def become(self: SelectLater) -> None:
        became.append(self.is_attached)
        real(self)

    monkeypatch.setattr(select_later.SelectLater, "_become_select", become)
    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, HistoryScreen)
        await pilot.press("h")
        await settle(pilot)
        assert len(app.screen.query(Select)) == 2
    assert became  # the swap ran, and a look no longer on screen changed nothing
