"""Pilot tests of the routine player on a fake monotonic clock: no real waiting anywhere."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Digits, Static

from crampcoach.ui.format import clock
from crampcoach.ui.screens.confirm import ConfirmScreen
from crampcoach.ui.screens.player import PlayerScreen
from crampcoach.ui.screens.routines import RoutinesScreen
from tests.ui_support import FakeClock, make_app, open_journal


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def countdown(screen) -> str:
    return screen.query_one("#countdown", Digits).value


async def open_player(app, pilot, routine_id: str) -> PlayerScreen:
    app.push_screen(PlayerScreen(app.catalog.get(routine_id)))
    await pilot.pause()
    assert isinstance(app.screen, PlayerScreen)
    return app.screen


async def step(
    pilot, clock: FakeClock, screen: PlayerScreen, seconds: float, settle: bool = True
) -> None:
    """Move the fake clock, let the player look at it (widgets update at once), and let the
    screen settle unless told not to (many steps in a row)."""
    clock.advance(seconds)
    screen.sync()
    if settle:
        await pilot.pause()


async def test_every_shipped_routine_plays_to_the_end_and_is_recorded(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        routines = app.catalog.routines
        assert len(routines) >= 11
        for routine in routines:
            screen = await open_player(app, pilot, routine.id)
            player = screen.player
            assert text(screen, "#safety") == routine.safety
            seen_titles = set()
            while not player.done:
                phase = player.phase
                # Half-way through each phase the screen shows that phase and its time.
                await step(pilot, clock, screen, player.remaining() / 2, settle=False)
                if player.done:
                    break
                assert text(screen, "#step-title") == phase.heading
                assert countdown(screen) == clock_text(player.remaining())
                assert f"step {phase.step_index + 1} of {len(routine.steps)}" in text(
                    screen, "#routine-line"
                )
                seen_titles.add(phase.title)
                await step(pilot, clock, screen, player.remaining() + 0.001, settle=False)
            await pilot.pause()
            assert {s.title for s in routine.steps} <= seen_titles
            assert screen.result is not None and screen.result.finished
            assert "Done" in text(screen, "#step-title")
            assert countdown(screen) == "00:00"
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, PlayerScreen)
    runs = open_journal(tmp_path).runs()
    assert sorted(r.routine_id for r in runs) == sorted(r.id for r in routines)
    by_id = {r.id: r for r in routines}
    for run in runs:
        routine = by_id[run.routine_id]
        assert run.finished
        assert run.steps_completed == run.steps_total == len(routine.steps)
        assert run.tz == "Europe/Berlin"


def clock_text(seconds: float) -> str:
    return clock(seconds)


async def test_countdown_follows_the_clock_and_pause_freezes_it(tmp_path):
    fake = FakeClock()
    app = make_app(tmp_path, clock=fake)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_player(app, pilot, "first-aid-calf")
        assert text(screen, "#phase-state") == "Get ready"
        assert countdown(screen) == "00:03"
        await step(pilot, fake, screen, 3.5)  # into "Straighten your leg", 5 s
        assert text(screen, "#step-title") == "Straighten your leg"
        assert countdown(screen) == "00:05"
        await step(pilot, fake, screen, 2)
        assert countdown(screen) == "00:03"
        await pilot.press("space")
        assert "Paused" in text(screen, "#phase-state")
        assert screen.has_class("-paused")
        await step(pilot, fake, screen, 60)
        assert countdown(screen) == "00:03"
        assert text(screen, "#step-title") == "Straighten your leg"
        await pilot.press("space")
        await pilot.pause()
        assert text(screen, "#phase-state") == "Go"
        await step(pilot, fake, screen, 1)
        assert countdown(screen) == "00:02"


async def test_next_back_and_restart_step(tmp_path):
    fake = FakeClock()
    app = make_app(tmp_path, clock=fake)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_player(app, pilot, "first-aid-calf")
        await pilot.press("n")
        assert text(screen, "#step-title") == "Pull your toes towards you"
        assert "step 2 of 6" in text(screen, "#routine-line")
        await pilot.press("right")
        assert text(screen, "#step-title") == "Stand on a cool floor"
        await pilot.press("b")
        assert text(screen, "#step-title") == "Pull your toes towards you"
        await pilot.press("left")
        assert text(screen, "#step-title") == "Straighten your leg"
        await pilot.press("n")
        await step(pilot, fake, screen, 3 + 7)  # get ready, then 7 s of three 5 s pulls
        assert text(screen, "#reps") == "rep 2 of 3"
        assert countdown(screen) == "00:08"
        assert text(screen, "#next") == "Next: Stand on a cool floor"
        assert "Careful:" in text(screen, "#caution")
        await pilot.press("r")
        assert text(screen, "#phase-state") == "Get ready"
        assert countdown(screen) == "00:03"
        assert text(screen, "#step-title") == "Pull your toes towards you"


async def test_switch_sides_cue_on_two_sided_steps(tmp_path):
    fake = FakeClock()
    app = make_app(tmp_path, clock=fake)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_player(app, pilot, "bedtime-stretch")
        assert "Left leg first" in text(screen, "#cue")
        assert text(screen, "#step-title") == "Calf stretch, 1 of 3 (left leg)"
        await step(pilot, fake, screen, 3 + 10 + 0.5)  # get ready, left side, into switch
        assert "Switch sides" in text(screen, "#cue")
        assert screen.query_one("#cue").display
        assert text(screen, "#step-title") == "Calf stretch, 1 of 3 (right leg)"
        await step(pilot, fake, screen, 3 + 10)  # right side done: the rest
        assert text(screen, "#phase-state") == "Rest"
        assert "left in all" in text(screen, "#routine-line")


async def test_bell_and_flash_at_a_step_end_and_both_can_be_silenced(tmp_path):
    fake = FakeClock()
    app = make_app(tmp_path, clock=fake)
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_player(app, pilot, "first-aid-calf")
        await step(pilot, fake, screen, 3.1)  # get-ready ends: no bell
        assert rings == []
        # The first step ends. Look at once: on a busy machine a pause can outlast the flash.
        await step(pilot, fake, screen, 5, settle=False)
        assert rings == [1]
        assert screen.query_one("#clock-row").has_class("-flash")
        await pilot.pause(0.4)
        assert not screen.query_one("#clock-row").has_class("-flash")
        await pilot.press("n")  # skipping a step is not a step's end
        assert rings == [1]

        app.settings = replace(app.settings, bell=False, flash=False)
        await pilot.press("escape", "y")
        await pilot.pause()
        screen = await open_player(app, pilot, "first-aid-calf")
        await step(pilot, fake, screen, 3.1 + 5)
        assert text(screen, "#step-title") == "Pull your toes towards you"
        assert rings == [1]
        assert not screen.query_one("#clock-row").has_class("-flash")


async def test_escape_asks_and_a_left_run_is_recorded(tmp_path):
    fake = FakeClock()
    app = make_app(tmp_path, clock=fake)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_player(app, pilot, "first-aid-calf")
        await step(pilot, fake, screen, 3 + 5 + 3 + 15)  # steps 1 and 2 done
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        fake.advance(30)  # deciding takes a while; the routine waits
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        assert not screen.player.paused
        assert text(screen, "#step-title") == "Stand on a cool floor"
        assert countdown(screen) == "00:03"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, PlayerScreen)
        result = screen.result
        assert result is not None and not result.finished
        assert result.steps_completed == 2
        assert result.relief == ("stretch",)
    (run,) = open_journal(tmp_path).runs()
    assert run.routine_id == "first-aid-calf"
    assert not run.finished
    assert (run.steps_completed, run.steps_total) == (2, 6)


async def test_routines_screen_plays_and_shows_last_done(tmp_path):
    fake = FakeClock()
    app = make_app(tmp_path, clock=fake)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
        table = app.screen.query_one("#routines")
        ids = [str(key.value) for key in table.rows]
        assert ids == [r.id for r in app.catalog.routines]
        assert str(table.get_row("bedtime-stretch")[2]) == "03:26"  # cells are Text
        assert str(table.get_row("bedtime-stretch")[3]) == "never"
        table.move_cursor(row=ids.index("bedtime-stretch"))
        await pilot.press("enter")
        await pilot.pause()
        player = app.screen
        assert isinstance(player, PlayerScreen)
        assert player.routine.id == "bedtime-stretch"
        await step(pilot, fake, player, 10_000)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)
        row = app.screen.query_one("#routines").get_row("bedtime-stretch")
        assert str(row[3]) == "today 07:30"
    (run,) = open_journal(tmp_path).runs()
    assert run.routine_id == "bedtime-stretch" and run.finished


async def test_small_terminal_does_not_crash(tmp_path):
    fake = FakeClock()
    app = make_app(tmp_path, clock=fake)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_player(app, pilot, "daytime-complex")
        await step(pilot, fake, screen, 40)
        await pilot.press("n", "b", "space", "space", "r")
        await pilot.pause()
        assert text(screen, "#step-title")
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RoutinesScreen)


async def test_resize_during_a_routine_keeps_time_and_place(tmp_path):
    fake = FakeClock()
    app = make_app(tmp_path, clock=fake)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_player(app, pilot, "first-aid-calf")
        await step(pilot, fake, screen, 5.5)  # 2.5 s into "Straighten your leg"
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert app.screen is screen
        assert text(screen, "#step-title") == "Straighten your leg"
        assert countdown(screen) == "00:03"
        await pilot.resize_terminal(100, 30)
        await step(pilot, fake, screen, 1)
        assert countdown(screen) == "00:02"


class FakeSpeaker:
    """Records what would be spoken; never starts a process."""

    def __init__(self, available: bool = True) -> None:
        self.said: list[str] = []
        self.available = available

    def say(self, text: str) -> str | None:
        if not self.available:
            return "No speech command was found."
        self.said.append(text)
        return None


async def test_an_all_skipped_routine_is_not_praised(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_player(app, pilot, "bedtime-stretch")
        while not screen.player.done:
            await pilot.press("n")
        await pilot.pause()
        assert "Well done" not in text(screen, "#step-title")
        assert "No step was done" in text(screen, "#step-title")
        await pilot.press("enter")
        await pilot.pause()
        screen = await open_player(app, pilot, "first-aid-foot")
        await step(pilot, clock, screen, 10_000)
        assert text(screen, "#step-title") == "Done. Well done."


async def test_get_ready_next_names_the_following_step_and_one_press_skips_two_sides(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_player(app, pilot, "bedtime-stretch")
        routine = screen.routine
        first = routine.steps[0]
        assert first.per_side
        assert screen.player.phase.kind == "get-ready"
        assert text(screen, "#step-title") == f"{first.title} (left leg)"
        # Not the step on screen again: the other leg comes next, and n says it skips.
        assert text(screen, "#next") == f"Next: {first.title} (right leg)  ·  n: skip this step"
        await pilot.press("n")  # one press skips both legs
        await pilot.pause()
        assert screen.player.step_index == 1 and screen.player.phase.side == "left"
        await step(pilot, clock, screen, 3.1)  # now doing the left leg of step 2
        assert "n: on to the other leg" in text(screen, "#next")
        await pilot.press("n")
        await pilot.pause()
        assert screen.player.step_index == 1 and screen.player.phase.side == "right"


async def test_spoken_cues_are_off_by_default_and_v_turns_them_on(tmp_path):
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    app.speaker = FakeSpeaker()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.settings.spoken_cues is False
        screen = await open_player(app, pilot, "bedtime-stretch")
        await step(pilot, clock, screen, 3.1)
        assert app.speaker.said == []
        await pilot.press("v")
        await pilot.pause()
        assert app.settings.spoken_cues is True
        assert open_journal(tmp_path).settings().spoken_cues is True  # kept for next time
        title = screen.routine.steps[0].title
        assert app.speaker.said == [f"{title}."]  # what is on screen, at once
        await step(pilot, clock, screen, screen.player.remaining() + 0.01)
        assert app.speaker.said[-1] == "Switch sides."
        await step(pilot, clock, screen, 10_000)
        assert app.speaker.said[-1] == "Done."
        second = screen.routine.steps[1].title
        assert f"{second}. Left leg first." in app.speaker.said
        await pilot.press("enter")
        await pilot.pause()


async def test_without_a_speech_command_v_says_how_to_get_one(tmp_path):
    from crampcoach.speech import HOW_TO_GET, SystemSpeaker

    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    app.speaker = SystemSpeaker(which=lambda name: None, platform="linux")
    shown: list[str] = []
    real_notify = app.notify

    def notify(message, **kwargs):
        shown.append(str(message))
        return real_notify(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_player(app, pilot, "morning")
        await pilot.press("v")
        await pilot.pause()
        assert HOW_TO_GET in shown
        assert "espeak-ng" in HOW_TO_GET and "spd-say" in HOW_TO_GET


async def test_settings_has_spoken_cues_off_and_says_how_to_get_a_voice(tmp_path, monkeypatch):
    import shutil

    from textual.widgets import Checkbox

    monkeypatch.setattr(shutil, "which", lambda name: None)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        for _ in range(3):
            await pilot.pause()
        box = app.screen.query_one("#spoken_cues", Checkbox)
        assert box.value is False
        assert "espeak-ng" in str(app.screen.query_one("#speech-hint", Static).render())
