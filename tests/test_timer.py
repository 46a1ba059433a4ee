"""The routine player against a fake clock: no sleeps, a 10-minute routine in microseconds."""

from __future__ import annotations

import pytest

from crampcoach.core.routines import Routine, Step
from crampcoach.core.timer import (
    PhaseEnded,
    PhaseStarted,
    RoutineFinished,
    RoutinePlayer,
    StepFinished,
    build_phases,
)


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_routine(*steps: Step, rid: str = "t") -> Routine:
    return Routine(
        id=rid,
        title="Test",
        kind="bedtime",
        locations=(),
        sources=(),
        safety="Stop if it hurts more than the cramp. This is not medical advice.",
        summary="",
        steps=steps,
    )


def simple() -> Routine:
    return make_routine(
        Step("A", "Do A.", seconds=10, rest_s=5),
        Step("B", "Do B.", seconds=20, per_side=True, rest_s=5),
        Step("C", "Do C.", reps=4, pace_s=2.5),
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_phase_plan(clock: FakeClock) -> None:
    phases = build_phases(simple(), get_ready_s=3)
    plan = [(p.kind, p.step_index, p.side, p.duration_s) for p in phases]
    assert plan == [
        ("get-ready", 0, None, 3.0),
        ("step", 0, None, 10.0),
        ("rest", 0, None, 5.0),
        ("get-ready", 1, "left", 3.0),
        ("step", 1, "left", 20.0),
        ("get-ready", 1, "right", 3.0),
        ("step", 1, "right", 20.0),
        ("rest", 1, None, 5.0),
        ("get-ready", 2, None, 3.0),
        ("step", 2, None, 10.0),
    ]
    right = [p for p in phases if p.side == "right"]
    assert all(p.switch_sides for p in right)
    assert "switch sides" in right[0].cue.lower()
    assert right[1].heading == "B (right leg)"
    assert [p.index for p in phases] == list(range(len(phases)))
    player = RoutinePlayer(simple(), clock)
    assert player.total_s == simple().total_seconds(3)


def test_no_get_ready_phases_when_zero(clock: FakeClock) -> None:
    phases = build_phases(simple(), get_ready_s=0)
    assert all(p.kind != "get-ready" for p in phases)
    assert sum(p.duration_s for p in phases) == simple().total_seconds(0)
    # The switch-sides cue moves onto the step phase itself.
    assert [p.cue for p in phases if p.side == "right"] == ["Switch sides."]


def test_idle_before_start(clock: FakeClock) -> None:
    player = RoutinePlayer(simple(), clock)
    assert player.state == "idle"
    assert player.tick() == [] and player.next() == [] and player.pause() == []
    assert player.remaining() == 3.0
    assert player.played_s == 0.0
    events = player.start()
    assert events == [PhaseStarted(player.phase)]
    assert player.state == "get-ready"
    assert player.start() == []


def test_ten_minute_routine_plays_in_microseconds(clock: FakeClock) -> None:
    routine = make_routine(
        *[Step(f"S{i}", "Hold.", seconds=30, per_side=True, rest_s=10) for i in range(9)]
    )
    player = RoutinePlayer(routine, clock, get_ready_s=0)
    assert player.total_s == pytest.approx(9 * 60 + 8 * 10)
    total = player.total_s
    t0 = clock.now
    player.start()
    finished_steps: list[int] = []
    bells = 0
    while not player.done:
        clock.advance(0.25)
        for ev in player.tick():
            if isinstance(ev, StepFinished):
                finished_steps.append(ev.step_index)
            if isinstance(ev, PhaseEnded):
                bells += 1
        assert player.remaining() >= 0
    assert finished_steps == list(range(9))
    assert bells == len(player.phases)
    assert clock.now - t0 == pytest.approx(total, abs=0.25)
    assert player.played_s == pytest.approx(total)
    assert player.steps_completed == 9 == player.step_count
    assert player.state == "done" and player.remaining() == 0 and player.overall_remaining() == 0


def test_remaining_is_deadline_minus_clock(clock: FakeClock) -> None:
    player = RoutinePlayer(simple(), clock)
    player.start()
    clock.advance(1.25)
    assert player.remaining() == pytest.approx(1.75)
    assert player.overall_remaining() == pytest.approx(simple().total_seconds() - 1.25)
    # No tick: remaining still follows the clock, clamped at zero.
    clock.advance(100)
    assert player.remaining() == 0.0
    assert player.state == "get-ready"


def test_pause_freezes_remaining_and_played_time(clock: FakeClock) -> None:
    player = RoutinePlayer(simple(), clock)
    player.start()
    clock.advance(3)
    player.tick()
    assert player.state == "running"
    clock.advance(4)
    player.pause()
    assert player.state == "paused" and player.paused
    assert player.remaining() == pytest.approx(6)
    played = player.played_s
    clock.advance(500)
    assert player.tick() == []
    assert player.remaining() == pytest.approx(6)
    assert player.played_s == pytest.approx(played)
    player.toggle_pause()
    assert player.state == "running"
    clock.advance(5.5)
    assert player.remaining() == pytest.approx(0.5)
    assert player.played_s == pytest.approx(played + 5.5)


def test_pause_after_a_missed_deadline_catches_up_first(clock: FakeClock) -> None:
    player = RoutinePlayer(simple(), clock)
    player.start()
    clock.advance(5)  # get-ready (3 s) is over, 2 s into step A
    events = player.pause()
    assert any(isinstance(e, PhaseEnded) for e in events)
    assert player.phase.kind == "step" and player.remaining() == pytest.approx(8)


def test_tick_after_a_long_block_skips_correctly(clock: FakeClock) -> None:
    player = RoutinePlayer(simple(), clock)
    player.start()
    # Blocked for 30 s: get-ready 3 + A 10 + rest 5 + get-ready 3 = 21, then 9 s into B left.
    clock.advance(30)
    events = player.tick()
    ended = [e.phase.kind for e in events if isinstance(e, PhaseEnded)]
    assert ended == ["get-ready", "step", "rest", "get-ready"]
    assert StepFinished(0) in events
    assert player.phase.kind == "step" and player.phase.side == "left"
    assert player.remaining() == pytest.approx(11)
    assert player.played_s == pytest.approx(30)
    # A block past the end finishes the routine with exact played time.
    clock.advance(10_000)
    events = player.tick()
    assert isinstance(events[-1], RoutineFinished)
    assert player.done
    assert player.played_s == pytest.approx(simple().total_seconds())
    assert player.steps_completed == 3


def test_next_skips_whole_steps_and_counts_only_what_was_mostly_played(clock: FakeClock) -> None:
    player = RoutinePlayer(simple(), clock)
    player.start()
    # From get-ready of A: skip A entirely, it does not count.
    player.next()
    assert (player.phase.kind, player.phase.step_index, player.phase.side) == (
        "get-ready",
        1,
        "left",
    )
    assert player.steps_completed == 0
    clock.advance(3)
    player.tick()
    assert player.state == "running"
    assert player.next_moves_to_other_side
    clock.advance(12)  # 12 of B's 20 s on the left: most of it
    events = player.next()  # left side moved past while on screen
    assert PhaseEnded(player.phases[4], skipped=True) in events
    assert player.phase.side == "right" and player.phase.kind == "get-ready"
    assert player.steps_completed == 0  # right side still to do
    clock.advance(3)
    player.tick()
    assert not player.next_moves_to_other_side
    clock.advance(10)  # half of the right side counts as most of it
    events = player.next()
    assert StepFinished(1) in events
    assert player.steps_completed == 1
    # Next skips the rest after B and lands on C's get-ready.
    assert player.phase.step_index == 2 and player.phase.kind == "get-ready"
    assert player.played_s == pytest.approx(3 + 12 + 3 + 10)
    assert player.played_step_s == {1: pytest.approx(22)}
    player.next()
    assert player.done and player.state == "done"
    assert player.steps_completed == 1


def test_one_press_skips_a_two_sided_step_from_its_get_ready(clock: FakeClock) -> None:
    player = RoutinePlayer(simple(), clock)
    player.start()
    player.next()  # A skipped
    assert (player.phase.step_index, player.phase.side) == (1, "left")
    assert not player.next_moves_to_other_side  # get-ready: n means the next step
    player.next()  # B skipped whole: both sides, one press
    assert player.phase.step_index == 2 and player.phase.kind == "get-ready"
    assert player.steps_completed == 0 and player.played_step_s == {}


def test_a_side_skipped_at_once_is_not_done(clock: FakeClock) -> None:
    player = RoutinePlayer(make_routine(Step("Only", "x", seconds=10)), clock)
    player.start()
    clock.advance(3)
    player.tick()
    clock.advance(4.9)  # under half
    events = player.next()
    assert isinstance(events[-1], RoutineFinished)
    assert player.steps_completed == 0
    assert player.played_step_s == {0: pytest.approx(4.9)}


def test_next_on_last_step_finishes(clock: FakeClock) -> None:
    player = RoutinePlayer(make_routine(Step("Only", "x", seconds=5)), clock)
    player.start()
    clock.advance(3)
    player.tick()
    clock.advance(2.5)
    events = player.next()
    assert isinstance(events[-1], RoutineFinished)
    assert player.steps_completed == 1


def test_spoken_cues_name_each_step_once_then_switch_sides_and_done(clock: FakeClock) -> None:
    player = RoutinePlayer(simple(), clock)
    said = [player.spoken(e) for e in player.start()]
    while not player.done:
        clock.advance(0.5)
        said += [player.spoken(e) for e in player.tick()]
    assert [s for s in said if s] == [
        "A.",
        "B. Left leg first.",
        "Switch sides.",
        "C.",
        "Done.",
    ]


def test_spoken_cues_without_get_ready(clock: FakeClock) -> None:
    player = RoutinePlayer(simple(), clock, get_ready_s=0)
    said = [player.spoken(e) for e in player.start()]
    said += [player.spoken(e) for e in player.next()]
    assert [s for s in said if s] == ["A.", "B. Left leg first."]


def test_back_and_restart(clock: FakeClock) -> None:
    player = RoutinePlayer(simple(), clock)
    player.start()
    clock.advance(3 + 10)  # A done, now resting
    player.tick()
    assert player.state == "rest"
    player.back()  # during rest: replay A
    assert player.phase.step_index == 0 and player.phase.kind == "get-ready"
    assert player.remaining() == 3
    player.next()
    assert player.phase.step_index == 1 and player.phase.side == "left"
    clock.advance(3 + 5)
    player.tick()
    assert player.phase.kind == "step"
    player.restart_step()
    assert player.phase.kind == "get-ready" and player.phase.side == "left"
    assert player.remaining() == 3
    player.back()  # previous unit: A
    assert player.phase.step_index == 0
    player.back()  # already first: restart it
    assert player.phase.index == 0
    assert player.steps_completed == 1  # A ran to its end once; going back keeps it


def test_navigation_while_paused_stays_paused(clock: FakeClock) -> None:
    player = RoutinePlayer(simple(), clock)
    player.start()
    player.pause()
    player.next()
    assert player.state == "paused"
    assert player.remaining() == 3
    clock.advance(60)
    assert player.remaining() == 3
    player.resume()
    clock.advance(1)
    assert player.remaining() == pytest.approx(2)


def test_rep_now_on_counted_steps(clock: FakeClock) -> None:
    player = RoutinePlayer(make_routine(Step("Rises", "Up, down.", reps=4, pace_s=2.5)), clock)
    player.start()
    assert player.rep_now() is None  # get-ready
    clock.advance(3)
    player.tick()
    assert player.rep_now() == 1
    clock.advance(2.4)
    assert player.rep_now() == 1
    clock.advance(0.2)
    assert player.rep_now() == 2
    clock.advance(7.3)
    assert player.rep_now() == 4  # clamped at the last rep
    clock.advance(1)
    player.tick()
    assert player.done and player.rep_now() is None


def test_next_title_and_indexes(clock: FakeClock) -> None:
    player = RoutinePlayer(simple(), clock)
    player.start()
    assert player.step_index == 0 and player.step_count == 3
    # Get-ready of A shows A: "Next" names the step after it, never A again.
    assert player.next_title == "B (left leg)"
    clock.advance(3)
    player.tick()
    assert player.next_title == "B (left leg)"
    player.next()
    assert player.next_title == "B (right leg)"  # get-ready of the left side
    clock.advance(3)
    player.tick()
    assert player.next_title == "B (right leg)"
    clock.advance(20 + 3)
    player.tick()
    assert player.phase.side == "right" and player.next_title == "C"


def test_done_is_terminal(clock: FakeClock) -> None:
    player = RoutinePlayer(simple(), clock)
    player.start()
    clock.advance(10_000)
    player.tick()
    assert player.done
    played = player.played_s
    for action in (
        player.tick,
        player.pause,
        player.resume,
        player.toggle_pause,
        player.next,
        player.back,
        player.restart_step,
        player.start,
    ):
        assert action() == []
        assert player.state == "done"
    assert player.played_s == played


def test_bad_arguments(clock: FakeClock) -> None:
    with pytest.raises(ValueError):
        RoutinePlayer(make_routine(), clock)
    with pytest.raises(ValueError):
        RoutinePlayer(simple(), clock, get_ready_s=-1)
