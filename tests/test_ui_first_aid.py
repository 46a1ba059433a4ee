"""Pilot tests of first aid now: where → routine → "Has it passed?" → the saved episode."""

from __future__ import annotations

from textual.widgets import Static

from crampcoach.core.first_aid import NOT_PASSED_NOTE
from crampcoach.ui.screens.first_aid import FirstAidScreen, PassedScreen
from crampcoach.ui.screens.home import HomeScreen
from crampcoach.ui.screens.player import PlayerScreen
from crampcoach.ui.screens.routines import RoutinesScreen
from tests.ui_support import NOW, FakeClock, make_app, open_journal


async def settle(pilot, times: int = 2) -> None:
    for _ in range(times):
        await pilot.pause()


async def play_out(pilot, clock: FakeClock, seconds: float = 10_000) -> None:
    """Let the routine on screen run to its end on the fake clock."""
    screen = pilot.app.screen
    assert isinstance(screen, PlayerScreen)
    clock.advance(seconds)
    screen.sync()
    await settle(pilot)


async def test_first_aid_from_home_saves_the_right_episode(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FirstAidScreen)
        shown = app.screen.query_one("#where-question", Static).render()
        assert "Where does it hurt?" in str(shown)
        clock.advance(4)  # finding the key takes a moment; it counts
        await pilot.press("1")
        await settle(pilot)
        player = app.screen
        assert isinstance(player, PlayerScreen)
        assert player.routine.id == "first-aid-calf"
        assert player.close_when_done
        clock.advance(60)
        player.sync()
        clock.advance(136)  # 4 + 196 s in all from pressing f
        player.sync()
        await settle(pilot)
        assert isinstance(app.screen, PassedScreen)
        await pilot.press("y")
        clock.advance(45)  # answering how strong takes time; the cramp had passed already
        await pilot.press("0", "l", "s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    journal = open_journal(tmp_path)
    (episode,) = journal.episodes()
    assert episode.source == "first-aid"
    assert episode.locations == ("calf",)
    assert episode.started_at == NOW
    assert episode.duration_s == 200
    assert episode.intensity == 10  # 0 means 10
    assert episode.side == "left"
    assert episode.woke_me is True
    assert episode.relief == ("stretch", "massage", "stand-on-cold-floor", "legs-raised")
    assert episode.notes == ""
    assert episode.tz == "Europe/Berlin"
    (run,) = journal.runs()
    assert run.routine_id == "first-aid-calf" and run.finished


async def test_skip_saves_no_episode(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert app.screen.routine.id == "first-aid-foot"
        await play_out(pilot, clock)
        assert isinstance(app.screen, PassedScreen)
        await pilot.press("y", "4", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    journal = open_journal(tmp_path)
    assert journal.episodes() == []
    assert len(journal.runs()) == 1  # the run itself is still on record


async def test_k_also_skips(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        assert app.screen.routine.id == "first-aid-calf"  # "other" falls back to the calf
        await play_out(pilot, clock)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert open_journal(tmp_path).episodes() == []


async def test_leaving_early_still_asks_and_not_passed_offers_more(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        player = app.screen
        assert player.routine.id == "first-aid-toes"
        clock.advance(3 + 15 + 3 + 10)  # "Ease your toes back" done, 10 s into spreading
        player.sync()
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")  # yes, leave
        await settle(pilot)
        assert isinstance(app.screen, PassedScreen)
        question = app.screen
        assert not question.query_one("#not-yet").display
        await pilot.press("n")
        await pilot.pause()
        assert question.query_one("#not-yet").display
        assert "again" in str(question.query_one("#not-yet-line", Static).render())
        await pilot.press("7")
        await pilot.press("w")  # the recovery routine
        await settle(pilot)
        player = app.screen
        assert isinstance(player, PlayerScreen)
        assert player.routine.id == "recovery"
        await play_out(pilot, clock, 300)
        assert isinstance(app.screen, PassedScreen)
        assert app.screen.intensity == 7  # remembered from the first answer
        await pilot.press("a")  # not offered before "not yet": nothing happens
        await pilot.pause()
        assert isinstance(app.screen, PassedScreen)
        await pilot.press("n", "enter")  # still not passed, but save it anyway
        await settle(pilot)
    (episode,) = open_journal(tmp_path).episodes()
    assert episode.locations == ("toes",)
    assert episode.intensity == 7
    assert episode.side is None
    assert episode.duration_s == 3 + 15 + 3 + 10 + 300
    # Toe pulls and spreading (tried 10 s) from first aid; walking and legs up from recovery.
    assert episode.relief == ("stretch", "walk", "legs-raised")
    assert episode.notes == NOT_PASSED_NOTE


async def test_play_again_then_passed(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        await play_out(pilot, clock, 200)
        await pilot.press("n", "a")
        await settle(pilot)
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.routine.id == "first-aid-back-thigh"
        await play_out(pilot, clock, 200)
        await pilot.press("y", "3", "b", "enter")
        await settle(pilot)
    journal = open_journal(tmp_path)
    (episode,) = journal.episodes()
    assert episode.locations == ("back-thigh",)
    assert (episode.duration_s, episode.intensity, episode.side) == (400, 3, "both")
    assert episode.relief == ("stretch", "walk")
    assert len(journal.runs()) == 2


async def test_now_with_a_location_skips_the_question(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start="first-aid", location="front-thigh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.routine.id == "first-aid-front-thigh"
        assert "Stand and hold on" in str(app.screen.query_one("#step-title", Static).render())


async def test_long_cramp_shows_urgent_advice_after_saving(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start="first-aid", location="calf")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        await play_out(pilot, clock, 11 * 60)
        await pilot.press("y", "8", "enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "AdviceNotice"
        assert app.screen.advice.level == "urgent"
    (episode,) = open_journal(tmp_path).episodes()
    assert episode.duration_s == 660


async def test_escape_on_the_question_goes_back_without_saving(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FirstAidScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert open_journal(tmp_path).episodes() == []


async def test_broken_user_routine_is_listed_as_invalid(tmp_path):
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "broken.toml").write_text(
        'id = "mine"\ntitle = "Mine"\nkind = "nap"\nsummary = "x"\n'
        '[[steps]]\ntitle = "A"\ntext = "B"\nseconds = 5\n'
    )
    (folder / "not-toml.toml").write_text("this is [ not toml")
    (folder / "mine.toml").write_text(
        'id = "my-stretch"\ntitle = "My stretch"\nkind = "bedtime"\nsummary = "Mine."\n'
        '[[steps]]\ntitle = "Calf"\ntext = "Lean on the wall."\nseconds = 20\n'
    )
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RoutinesScreen)
        table = screen.query_one("#routines")
        assert "(yours)" in str(table.get_row("my-stretch")[0])
        assert str(table.get_row("my-stretch")[2]) == "00:23"  # cells are Text
        listing = str(screen.query_one("#invalid-list", Static).render())
        assert "broken.toml" in listing and "kind" in listing
        assert "not-toml.toml" in listing and "TOML" in listing
        assert "2 files" in str(screen.query_one("#invalid-title", Static).render())


async def test_routines_screen_without_user_files_says_how_to_add_one(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await settle(pilot)
        hint = str(app.screen.query_one("#user-hint", Static).render())
        assert "no routines of your own" in hint and "routines" in hint
        assert not app.screen.query_one("#invalid-list").display
