from tests.ui_support import make_app, FakeClock, open_journal

async def test_smoke(tmp_path):
    (tmp_path / "routines").mkdir()
    (tmp_path / "routines" / "broken.toml").write_text('id = "mine"\ntitle = 3\n')
    (tmp_path / "routines" / "mine.toml").write_text('id = "my-one"\ntitle = "My stretch"\nkind = "bedtime"\nsummary = "x"\n[[steps]]\ntitle = "A"\ntext = "Do a."\nseconds = 10\n')
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        app.save_screenshot("/tmp/scratch/routines.svg")
        await pilot.press("enter")
        await pilot.pause()
        clock.advance(2000); app.screen.sync(); await pilot.pause()
        app.save_screenshot("/tmp/scratch/done.svg")
        await pilot.press("enter")
        await pilot.pause()
        app.save_screenshot("/tmp/scratch/routines2.svg")
