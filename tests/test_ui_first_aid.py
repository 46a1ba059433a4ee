"""Pilot tests of first aid now: where → routine → the question → the saved episode.

Every clock is a fake one the test moves by hand: "an hour" passes in no time at all.
"""

from __future__ import annotations

from textual.widgets import Input, SelectionList, Static

from crampcoach.core.first_aid import NOT_PASSED_NOTE, PLAYER_KEYS, QUESTION_KEYS, WHERE_KEYS
from crampcoach.core.relief import merge_relief, relief_for
from crampcoach.ui.screens.first_aid import FirstAidScreen
from crampcoach.ui.screens.first_aid_dialogs import DurationScreen, ReliefScreen, SaveOrLeaveScreen
from crampcoach.ui.screens.first_aid_kept import KeptScreen
from crampcoach.ui.screens.first_aid_question import PassedScreen
from crampcoach.ui.screens.home import HomeScreen
from crampcoach.ui.screens.player import PlayerScreen
from crampcoach.ui.screens.player_leave import LeaveRoutineScreen
from crampcoach.ui.screens.routines import RoutinesScreen
from crampcoach.ui.widgets.cramp_clock import CrampClockPanel
from tests.ui_support import NOW, FakeClock, make_app, open_journal


async def settle(pilot, times: int = 2) -> None:
    for _ in range(times):
        await pilot.pause()


async def play_out(pilot, clock: FakeClock, seconds: float = 10_000) -> None:
    """Let the routine on screen run to its end on the fake clock (looked at late on purpose:
    the cramp's clock must stop at the routine's last deadline, not when the screen looks)."""
    screen = pilot.app.screen
    assert isinstance(screen, PlayerScreen)
    clock.advance(seconds)
    screen.sync()
    await settle(pilot)


def length(app, routine_id: str) -> float:
    return app.catalog.get(routine_id).total_seconds(app.settings.get_ready_s)


def panel_text(screen) -> str:
    panel = screen.query_one(CrampClockPanel)
    panel.update_now()
    return str(panel.render())


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
        await play_out(pilot, clock)
        assert isinstance(app.screen, PassedScreen)
        question = app.screen
        total = 4 + round(length(app, "first-aid-calf"))
        assert f"about {total // 60} min" in str(question.query_one("#duration-line").render())
        await pilot.press("y")
        clock.advance(45)  # answering how strong takes time; the cramp had passed already
        await pilot.press("0", "l")
        await pilot.pause()
        # What helped starts from the steps done, and enter keeps it.
        assert "stretching" in str(question.query_one("#relief-line").render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    journal = open_journal(tmp_path)
    (episode,) = journal.episodes()
    assert episode.source == "first-aid"
    assert episode.locations == ("calf",)
    assert episode.started_at == NOW
    assert episode.duration_s == total
    assert episode.intensity == 10  # 0 means 10
    assert episode.side == "left"
    assert episode.woke_me is True
    assert episode.relief == ("stretch", "massage", "stand-on-cold-floor", "legs-raised")
    assert episode.notes == ""
    assert episode.tz == "Europe/Berlin"
    (run,) = journal.runs()
    assert run.routine_id == "first-aid-calf" and run.finished


async def test_the_question_left_open_for_an_hour_does_not_change_the_duration(tmp_path):
    """Finding: the duration ran until Enter, so a question answered in the morning made an
    hours-long cramp and an urgent banner."""
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start="first-aid", location="foot")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        await play_out(pilot, clock)
        assert isinstance(app.screen, PassedScreen)
        clock.advance(3600)
        app.screen._draw_duration()
        assert "about 2 min" in str(app.screen.query_one("#duration-line").render())
        await pilot.press("y", "5", "enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ != "AdviceNotice"  # no false alarm
    (episode,) = open_journal(tmp_path).episodes()
    assert episode.duration_s == round(length(app, "first-aid-foot"))


async def test_still_cramping_then_passed_adds_the_extra_time(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start="first-aid", location="foot")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        await play_out(pilot, clock)
        clock.advance(600)  # the question sat open: never counts
        await pilot.press("s")  # still cramping: the clock runs on from here
        await pilot.pause()
        assert app.screen.query_one("#not-yet").display
        clock.advance(90)
        await pilot.press("y")  # it passed now
        clock.advance(300)  # choosing a strength does not count either
        await pilot.press("4", "enter")
        await settle(pilot)
    (episode,) = open_journal(tmp_path).episodes()
    assert episode.duration_s == round(length(app, "first-aid-foot")) + 90
    assert episode.notes == ""


async def test_skipped_steps_are_not_in_what_helped(tmp_path):
    """Finding: n through everything still listed stretch, massage, cold floor, legs raised."""
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start="first-aid", location="calf")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        player = app.screen
        while isinstance(app.screen, PlayerScreen):
            clock.advance(3.5)  # past the get-ready, then next at once
            player.sync()
            await pilot.press("n")
            await pilot.pause()
        await settle(pilot)
        question = app.screen
        assert isinstance(question, PassedScreen)
        assert "nothing noted" in str(question.query_one("#relief-line").render())
        await pilot.press("y", "enter")
        await settle(pilot)
    (episode,) = open_journal(tmp_path).episodes()
    assert episode.relief == ()
    (run,) = open_journal(tmp_path).runs()
    assert run.steps_completed == 0


async def test_what_helped_and_how_long_are_correctable_in_a_key_or_two(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start="first-aid", location="calf")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        await play_out(pilot, clock)  # 188 s: about 3 min
        await pilot.press("minus")  # it eased sooner: 3 min → 2 min
        await pilot.pause()
        assert app.screen.answers.duration_s == 120
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, DurationScreen)
        await pilot.press("9", "x")
        await pilot.press("enter")  # not a length: it says so and stays
        await pilot.pause()
        assert isinstance(app.screen, DurationScreen)
        assert "Type minutes" in str(app.screen.query_one("#duration-error").render())
        app.screen.query_one(Input).value = "1:30"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PassedScreen)
        assert app.screen.answers.duration_s == 90
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, ReliefScreen)
        chosen = app.screen.query_one(SelectionList)
        assert set(chosen.selected) == {"stretch", "massage", "stand-on-cold-floor", "legs-raised"}
        chosen.deselect("massage")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y", "enter")
        await settle(pilot)
    (episode,) = open_journal(tmp_path).episodes()
    assert episode.duration_s == 90
    assert episode.relief == ("stretch", "stand-on-cold-floor", "legs-raised")


async def test_leaving_early_still_asks_and_still_cramping_offers_more(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        player = app.screen
        assert player.routine.id == "first-aid-toes"
        clock.advance(3 + 15 + 3 + 20)  # "Ease your toes back" done, 20 of 30 s spreading
        player.sync()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LeaveRoutineScreen)
        await pilot.press("x")  # yes, leave
        await settle(pilot)
        assert isinstance(app.screen, PassedScreen)
        question = app.screen
        assert not question.query_one("#not-yet").display
        await pilot.press("s")
        await pilot.pause()
        assert question.query_one("#not-yet").display
        assert "again" in str(question.query_one("#not-yet-line", Static).render())
        await pilot.press("7")
        await pilot.press("w")  # the recovery routine
        await settle(pilot)
        player = app.screen
        assert isinstance(player, PlayerScreen)
        assert player.routine.id == "recovery"
        await play_out(pilot, clock)
        assert isinstance(app.screen, PassedScreen)
        assert app.screen.intensity == 7  # remembered from the first answer
        await pilot.press("a")  # "again" only while still cramping: it still is
        await settle(pilot)
        assert isinstance(app.screen, PlayerScreen)
        await play_out(pilot, clock)
        await pilot.press("enter")  # still not passed, but save it anyway
        await settle(pilot)
    (episode,) = open_journal(tmp_path).episodes()
    assert episode.locations == ("toes",)
    assert episode.intensity == 7
    assert episode.side is None
    toes, recovery = length(app, "first-aid-toes"), length(app, "recovery")
    assert episode.duration_s == 3 + 15 + 3 + 20 + round(recovery) + round(toes)
    toes_r, recovery_r = app.catalog.get("first-aid-toes"), app.catalog.get("recovery")
    assert episode.relief == merge_relief(
        relief_for(toes_r, [0, 1]),  # 20 of 30 s spreading: most of it, so it counts
        relief_for(recovery_r, range(len(recovery_r.steps))),
        relief_for(toes_r, range(len(toes_r.steps))),
    )
    assert episode.notes == NOT_PASSED_NOTE


async def test_again_is_not_offered_before_still_cramping(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start="first-aid", location="back-thigh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        await play_out(pilot, clock)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, PassedScreen)
        await pilot.press("y", "3", "l", "l", "l", "enter")
        await settle(pilot)
    (episode,) = open_journal(tmp_path).episodes()
    assert (episode.intensity, episode.side) == (3, "both")


async def test_escape_on_the_question_asks_before_discarding(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start="first-aid", location="calf")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        await play_out(pilot, clock)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SaveOrLeaveScreen)
        await pilot.press("escape")  # back: nothing lost
        await settle(pilot)
        assert isinstance(app.screen, PassedScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")  # save it
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert len(open_journal(tmp_path).episodes()) == 1


async def test_escape_then_x_discards_and_a_long_cramp_still_gets_the_advice(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start="first-aid", location="calf")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        await play_out(pilot, clock)
        await pilot.press("s")
        clock.advance(11 * 60)  # still cramping, well past 10 minutes
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, KeptScreen)
        shown = str(app.screen.query_one("#kept-lines").render())
        assert "urgent appointment today" in shown and "NHS 111" in shown
    assert open_journal(tmp_path).episodes() == []


async def test_ctrl_q_in_the_player_asks_instead_of_quitting(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start="first-aid", location="calf")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, LeaveRoutineScreen)
        await pilot.press("ctrl+q")  # insisting goes on to the question, which asks again
        await settle(pilot)
        assert isinstance(app.screen, PassedScreen)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, SaveOrLeaveScreen)
        await pilot.press("enter")
        await settle(pilot)
    assert len(open_journal(tmp_path).episodes()) == 1


async def test_long_cramp_shows_urgent_advice_after_saving(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start="first-aid", location="calf")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        await play_out(pilot, clock)
        await pilot.press("s")
        clock.advance(11 * 60)
        await pilot.press("y", "8", "enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "AdviceNotice"
        assert app.screen.advice.level == "urgent"
    (episode,) = open_journal(tmp_path).episodes()
    assert episode.duration_s == round(length(app, "first-aid-calf")) + 660


async def test_the_safety_net_shows_on_every_screen_of_the_flow_from_ten_minutes(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        where = app.screen
        assert "Cramp so far 0:00" in panel_text(where)
        assert "urgent" not in panel_text(where)
        clock.advance(601)  # a long wait on "Where does it hurt?"
        shown = panel_text(where)
        assert "Cramp so far 10:01" in shown and "urgent appointment today" in shown
        assert "NHS 111" in shown and "999" in shown and "112" in shown
        await pilot.press("1")
        await settle(pilot)
        seen = []

        def check() -> None:
            screen = app.screen
            seen.append(type(screen))
            shown = panel_text(screen)
            assert "urgent appointment today" in shown, type(screen).__name__
            assert "NHS 111" in shown and "chest pain" in shown
            assert screen.query_one(CrampClockPanel).has_class("-long")

        check()  # the player
        for key in ("escape", "x", "t", "escape", "h", "escape", "escape"):
            await pilot.press(key)
            await settle(pilot)
            check()
        assert seen == [
            PlayerScreen,
            LeaveRoutineScreen,
            PassedScreen,
            DurationScreen,
            PassedScreen,
            ReliefScreen,
            PassedScreen,
            SaveOrLeaveScreen,
        ]


async def test_f_offers_calf_staying_in_bed(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        assert "staying in bed" in str(app.screen.query_one("#loc-in-bed").label)
        await pilot.press("7")
        await settle(pilot)
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.routine.id == "first-aid-calf-in-bed"
        await play_out(pilot, clock)
        await pilot.press("y", "enter")
        await settle(pilot)
    (episode,) = open_journal(tmp_path).episodes()
    assert episode.locations == ("calf",)


def _binding_keys(screen_cls) -> set[str]:
    keys: set[str] = set()
    for binding in screen_cls.BINDINGS:
        keys.update(k.strip() for k in binding.key.split(","))
    return keys


def test_the_documented_flow_keys_are_the_bound_ones():
    """The key tables in core (checked for clashes there) are what the screens bind."""
    assert _binding_keys(FirstAidScreen) == set(WHERE_KEYS)
    assert _binding_keys(PlayerScreen) - {"enter"} == set(PLAYER_KEYS)  # enter: done, not FA
    assert _binding_keys(PassedScreen) == set(QUESTION_KEYS)
    assert not _binding_keys(LeaveRoutineScreen) & (set(QUESTION_KEYS) - {"escape"})
    assert not _binding_keys(LeaveRoutineScreen) & (set(PLAYER_KEYS) - {"escape"})


async def test_now_with_a_location_skips_the_question(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start="first-aid", location="front-thigh")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 3)
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.routine.id == "first-aid-front-thigh"
        assert "Stand and hold on" in str(app.screen.query_one("#step-title", Static).render())


async def test_escape_on_where_goes_back_without_saving(tmp_path):
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
