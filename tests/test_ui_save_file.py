"""Report and export from the app ask where to write, refuse the data folder, and say where
they wrote in a message that stays until dismissed."""

from __future__ import annotations

from textual.widgets import Input, Static

from crampcoach.ui.screens.save_file import SaveFileScreen
from crampcoach.ui.write_target import refusal
from tests.ui_support import make_app, sample_episodes


async def test_report_goes_to_documents_by_default_and_says_where(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    data = tmp_path / "data"
    app = make_app(data, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_report()
        await pilot.pause()
        assert isinstance(app.screen, SaveFileScreen)
        target = app.screen.query_one("#target", Input)
        assert target.value == str(home / "Documents" / "crampcoach-report-2026-11-22.html")
        await pilot.press("enter")
        await pilot.pause()
        said = str(app.screen.query_one("#result", Static).render())
        assert "Report written to" in said and str(home / "Documents") in said
        assert isinstance(app.screen, SaveFileScreen)  # stays until dismissed
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SaveFileScreen)
    assert "<html" in (home / "Documents" / "crampcoach-report-2026-11-22.html").read_text()


async def test_export_refuses_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    app = make_app(tmp_path / "data", episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_export()
        await pilot.pause()
        app.screen.query_one("#target", Input).value = str(tmp_path / "data" / "journal.json")
        await pilot.press("enter")
        await pilot.pause()
        said = str(app.screen.query_one("#result", Static).render())
        assert "data folder" in said
        app.screen.query_one("#target", Input).value = str(tmp_path / "eps.json")
        await pilot.press("enter")
        await pilot.pause()
    assert '"started_at"' in (tmp_path / "eps.json").read_text()


def test_refusal_covers_the_folder_its_files_and_backups(tmp_path):
    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    assert refusal(data, data)
    assert refusal(data / "journal.json", data)
    assert refusal(data / "backups" / "x.json", data)
    assert refusal(tmp_path, data)  # a folder, not a file
    assert refusal(tmp_path / "missing" / "r.html", data)
    assert refusal(tmp_path / "r.html", data) is None
