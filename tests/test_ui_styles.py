"""Each screen's style sheet is read once, after the first frame, not at its first push."""

from __future__ import annotations

from pathlib import Path

from crampcoach.ui import app as app_module
from tests.ui_support import make_app, settle


def test_every_style_sheet_of_a_screen_is_listed():
    folder = Path(app_module.__file__).parent / "styles"
    sheets = {path.stem for path in folder.glob("*.tcss")} - {"app"}
    assert set(app_module.SCREEN_STYLES) == sheets


async def test_opening_screens_never_reparses_the_style_sheet(tmp_path, monkeypatch):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        reparses: list[int] = []
        reparse = app.stylesheet.reparse

        def counting() -> None:
            reparses.append(1)
            reparse()

        monkeypatch.setattr(app.stylesheet, "reparse", counting)
        for key in ("p", "d", "c", "r", "i", "s", "f"):
            await pilot.press(key)
            await settle(pilot)
            assert type(app.screen).__name__ != "HomeScreen", key
            assert reparses == [], key
            await pilot.press("escape")
            await settle(pilot)
