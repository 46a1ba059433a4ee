"""The Routines screen reads the user's routine files again each time it opens."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from crampcoach import paths
from tests.ui_support import make_app

SHIPPED = Path(__file__).resolve().parent.parent / "content" / "routines" / "bedtime-stretch.toml"


def _mine(text: str) -> str:
    return text.replace('id = "bedtime-stretch"', 'id = "my-evening"', 1).replace(
        "title = ", 'title = "My evening" #', 1
    )


async def test_a_routine_file_added_while_running_shows_on_the_next_opening(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        titles = [str(c) for c in app.screen.query_one(DataTable).get_column("title")]
        assert not any("My evening" in t for t in titles)
        await pilot.press("escape")
        await pilot.pause()
        folder = paths.user_routines_dir(tmp_path)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "my-evening.toml").write_text(_mine(SHIPPED.read_text()))
        await pilot.press("r")
        await pilot.pause()
        titles = [str(c) for c in app.screen.query_one(DataTable).get_column("title")]
        assert any("My evening" in t for t in titles), titles
