from tests.ui_support import make_app, FakeClock
from crampcoach.ui.screens.player import PlayerScreen

async def test_smoke(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        r = app.catalog.get("first-aid-calf")
        app.push_screen(PlayerScreen(r))
        await pilot.pause()
        s = app.screen
        clock.advance(4)
        s.sync()
        await pilot.pause()
        print(app.export_screenshot() [:100])
        print(s.query_one("#countdown").value, s.query_one("#step-title").render())
        clock.advance(500)
        s.sync(); await pilot.pause()
        print(s.result)
        print(app.journal.runs())
