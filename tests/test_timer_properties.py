"""Invariants of the routine player under random routines, clocks and key presses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from crampcoach.core.routines import Routine, Step
from crampcoach.core.timer import RoutineFinished, RoutinePlayer

steps_st = st.builds(
    Step,
    title=st.just("S"),
    text=st.just("x"),
    seconds=st.one_of(st.none(), st.integers(1, 120)),
    per_side=st.booleans(),
    rest_s=st.integers(0, 30),
).map(
    # Steps without seconds become counted steps, like the validated ones.
    lambda s: (
        s
        if s.seconds is not None
        else Step(s.title, s.text, reps=7, pace_s=1.5, per_side=s.per_side, rest_s=s.rest_s)
    )
)
routines_st = st.lists(steps_st, min_size=1, max_size=6).map(
    lambda steps: Routine("r", "R", "bedtime", (), (), "safe", "", tuple(steps))
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


@settings(max_examples=200, deadline=None)
@given(
    routine=routines_st,
    get_ready=st.sampled_from([0, 3, 5]),
    dts=st.lists(st.floats(0.01, 40, allow_nan=False), min_size=1, max_size=50),
)
def test_played_straight_through_adds_up(
    routine: Routine, get_ready: int, dts: list[float]
) -> None:
    clock = FakeClock()
    player = RoutinePlayer(routine, clock, get_ready_s=get_ready)
    total = routine.total_seconds(get_ready)
    assert player.total_s == pytest.approx(total)
    player.start()
    t0 = clock.now
    finished = []
    i = 0
    while not player.done:
        clock.now += dts[i % len(dts)]
        i += 1
        assert player.remaining() >= 0
        finished += [e for e in player.tick() if isinstance(e, RoutineFinished)]
    assert len(finished) == 1
    assert player.played_s == pytest.approx(total)
    assert finished[0].played_s == pytest.approx(total)
    # Ends on the first tick after the true end: never early, never later than one tick.
    assert clock.now - t0 >= total - 1e-6
    assert player.steps_completed == player.step_count


class PlayerMachine(RuleBasedStateMachine):
    """Random presses and clock jumps; checks the invariants after every one."""

    @initialize(routine=routines_st, get_ready=st.sampled_from([0, 3]))
    def setup(self, routine: Routine, get_ready: int) -> None:
        self.clock = FakeClock()
        self.player = RoutinePlayer(routine, self.clock, get_ready_s=get_ready)
        self.player.start()
        self.was_done = False
        self.last_played = 0.0
        self.last_completed = 0

    @rule(dt=st.floats(0, 200, allow_nan=False))
    def advance_and_tick(self, dt: float) -> None:
        before = self.player.remaining()
        paused = self.player.paused
        self.clock.now += dt
        if paused:
            assert self.player.remaining() == before
        self.player.tick()
        if paused:
            assert self.player.remaining() == before

    @rule(dt=st.floats(0, 5, allow_nan=False))
    def advance_without_tick(self, dt: float) -> None:
        before = self.player.remaining()
        self.clock.now += dt
        after = self.player.remaining()
        if self.player.paused or self.player.done:
            assert after == before
        else:
            assert after <= before

    @rule()
    def pause(self) -> None:
        self.player.pause()

    @rule()
    def resume(self) -> None:
        self.player.resume()

    @rule()
    def toggle(self) -> None:
        self.player.toggle_pause()

    @rule()
    def next(self) -> None:
        self.player.next()

    @rule()
    def back(self) -> None:
        self.player.back()

    @rule()
    def restart(self) -> None:
        self.player.restart_step()

    @precondition(lambda self: not self.player.done)
    @rule()
    def paused_time_does_not_count(self) -> None:
        was_paused = self.player.paused
        if not was_paused:
            self.player.pause()
        played = self.player.played_s
        self.clock.now += 1000
        assert self.player.played_s == played
        if not was_paused:
            self.player.resume()

    @invariant()
    def remaining_never_negative(self) -> None:
        assert self.player.remaining() >= 0
        assert self.player.overall_remaining() >= self.player.remaining() - 1e-9

    @invariant()
    def remaining_within_phase(self) -> None:
        assert self.player.remaining() <= self.player.phase.duration_s + 1e-9

    @invariant()
    def state_is_known(self) -> None:
        assert self.player.state in ("get-ready", "running", "rest", "paused", "done")
        assert (self.player.state == "done") == self.player.done

    @invariant()
    def done_is_terminal(self) -> None:
        if self.was_done:
            assert self.player.done
        self.was_done = self.player.done

    @invariant()
    def counters_only_grow(self) -> None:
        assert self.player.played_s >= self.last_played - 1e-9
        assert self.player.steps_completed >= self.last_completed
        assert self.player.steps_completed <= self.player.step_count
        self.last_played = self.player.played_s
        self.last_completed = self.player.steps_completed


PlayerMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
TestPlayerMachine = PlayerMachine.TestCase
