"""The routine player: a pure state machine over phases, driven by an injected clock.

Remaining time is always ``deadline - clock()``; nothing here counts ticks. A UI may call
``tick()`` as often or as rarely as it likes: a late tick catches up through every phase whose
deadline has passed, and each next deadline is chained from the previous deadline (not from
"now"), so a blocked event loop never stretches the routine.

Navigation works on *units*: one unit is the get-ready phase, the step phase for one side, and
the rest that may follow it. ``next()`` skips to the next *step* — one press skips a two-sided
step whole — except while the first side's step phase is on screen, where it moves on to the
other side (the user is doing the step and wants the other leg). ``back()`` goes to the start of
the previous unit (during a rest: the unit just finished), ``restart_step()`` to the start of
the current one.

``steps_completed`` counts routine steps whose every side was finished: it ran to its end, or
the user pressed ``next()`` after playing most of it (``MOST_OF``). A side skipped at once does
not count, and going back never un-counts a step. ``played_step_s`` holds the seconds each step's
step phases actually ran, summed over its sides, for "what helped".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from crampcoach.core.routines import Routine

PHASE_KINDS: tuple[str, ...] = ("get-ready", "step", "rest")
STATES: tuple[str, ...] = ("idle", "get-ready", "running", "rest", "paused", "done")

# A step side left by ``next()`` counts as done once this share of its time was played.
MOST_OF = 0.5

_STATE_OF_KIND = {"get-ready": "get-ready", "step": "running", "rest": "rest"}
_SIDE_WORDS = {"left": "left leg", "right": "right leg"}


@dataclass(frozen=True)
class Phase:
    """One timed stretch of the routine."""

    index: int
    unit: int
    kind: str  # "get-ready" | "step" | "rest"
    step_index: int
    side: str | None  # "left" | "right" | None
    title: str
    text: str
    duration_s: float
    reps: int | None = None
    pace_s: float | None = None
    caution: str | None = None
    switch_sides: bool = False
    cue: str = ""

    @property
    def heading(self) -> str:
        """Title with the side, e.g. "Calf stretch (left leg)"."""
        if self.side is None:
            return self.title
        return f"{self.title} ({_SIDE_WORDS[self.side]})"


@dataclass(frozen=True)
class PhaseStarted:
    phase: Phase


@dataclass(frozen=True)
class PhaseEnded:
    phase: Phase
    skipped: bool  # True when left early by next/back/restart


@dataclass(frozen=True)
class StepFinished:
    """Every side of a routine step is finished (see module docstring)."""

    step_index: int


@dataclass(frozen=True)
class RoutineFinished:
    played_s: float


Event = PhaseStarted | PhaseEnded | StepFinished | RoutineFinished


def build_phases(routine: Routine, get_ready_s: float = 3) -> tuple[Phase, ...]:
    """Expand a routine's steps into the phases the player runs, in order."""
    phases: list[Phase] = []
    unit = 0
    last = len(routine.steps) - 1
    for si, step in enumerate(routine.steps):
        sides: tuple[str | None, ...] = ("left", "right") if step.per_side else (None,)
        for side in sides:
            switch = side == "right"
            if get_ready_s > 0:
                if switch:
                    cue = "Switch sides. Get ready."
                elif side == "left":
                    cue = "Get ready. Left leg first."
                else:
                    cue = "Get ready."
                phases.append(
                    Phase(
                        index=len(phases),
                        unit=unit,
                        kind="get-ready",
                        step_index=si,
                        side=side,
                        title=step.title,
                        text=step.text,
                        duration_s=float(get_ready_s),
                        caution=step.caution,
                        switch_sides=switch,
                        cue=cue,
                    )
                )
            phases.append(
                Phase(
                    index=len(phases),
                    unit=unit,
                    kind="step",
                    step_index=si,
                    side=side,
                    title=step.title,
                    text=step.text,
                    duration_s=step.duration_s,
                    reps=step.reps,
                    pace_s=step.pace_s,
                    caution=step.caution,
                    switch_sides=switch,
                    cue="Switch sides." if switch else "",
                )
            )
            unit += 1
        if step.rest_s > 0 and si < last:
            phases.append(
                Phase(
                    index=len(phases),
                    unit=unit - 1,  # a rest belongs to the unit it follows
                    kind="rest",
                    step_index=si,
                    side=None,
                    title="Rest",
                    text="Relax your legs and breathe slowly.",
                    duration_s=float(step.rest_s),
                    cue="Rest.",
                )
            )
    return tuple(phases)


class RoutinePlayer:
    """Plays a routine against ``clock`` (e.g. ``time.monotonic``).

    Every command returns the events it caused (also those of phases whose deadline passed
    before the command), so a UI can ring a bell or refresh on them.
    """

    def __init__(
        self, routine: Routine, clock: Callable[[], float], get_ready_s: float = 3
    ) -> None:
        if get_ready_s < 0:
            raise ValueError("get_ready_s must be zero or more")
        if not routine.steps:
            raise ValueError(f"routine {routine.id!r} has no steps")
        self.routine = routine
        self.get_ready_s = get_ready_s
        self._clock = clock
        self._phases = build_phases(routine, get_ready_s)
        self._unit_start: list[int] = []
        for p in self._phases:
            if p.unit == len(self._unit_start):
                self._unit_start.append(p.index)
        self._i = 0
        self._deadline = 0.0
        self._paused_left: float | None = None
        self._started = False
        self._done = False
        self._played_done = 0.0
        self._finished_sides: set[tuple[int, str | None]] = set()
        self._completed_steps: set[int] = set()
        self._played_step: dict[int, float] = {}
        self._ended_clock: float | None = None

    # ------------------------------------------------------------------ commands

    def start(self) -> list[Event]:
        """Begin the first phase now. Does nothing if already started."""
        if self._started:
            return []
        self._started = True
        return self._enter(0, self._clock())

    def tick(self) -> list[Event]:
        """Advance past every phase whose deadline has passed."""
        if not self._started or self._done or self._paused_left is not None:
            return []
        return self._catch_up(self._clock())

    def pause(self) -> list[Event]:
        if not self._running:
            return []
        now = self._clock()
        events = self._catch_up(now)
        if not self._done:
            self._paused_left = max(0.0, self._deadline - now)
        return events

    def resume(self) -> list[Event]:
        if self._paused_left is None or self._done:
            return []
        self._deadline = self._clock() + self._paused_left
        self._paused_left = None
        return []

    def toggle_pause(self) -> list[Event]:
        return self.resume() if self._paused_left is not None else self.pause()

    def next(self) -> list[Event]:
        """Leave the current unit; the step counts as done if its step phase was on screen."""
        if not self._started or self._done:
            return []
        now, events = self._settle()
        if self._done:
            return events
        phase = self._phases[self._i]
        target = self._next_target(phase)
        events += self._leave(now, skipped=True, completes=phase.kind == "step")
        if target >= len(self._unit_start):
            events += self._finish()
        else:
            events += self._enter(self._unit_start[target], now)
        return events

    def back(self) -> list[Event]:
        """Go to the previous unit (during a rest: replay the unit just finished)."""
        if not self._started or self._done:
            return []
        now, events = self._settle()
        if self._done:
            return events
        phase = self._phases[self._i]
        target = phase.unit if phase.kind == "rest" else max(0, phase.unit - 1)
        events += self._leave(now, skipped=True, completes=False)
        events += self._enter(self._unit_start[target], now)
        return events

    def restart_step(self) -> list[Event]:
        """Start the current unit again from its get-ready phase."""
        if not self._started or self._done:
            return []
        now, events = self._settle()
        if self._done:
            return events
        target = self._phases[self._i].unit
        events += self._leave(now, skipped=True, completes=False)
        events += self._enter(self._unit_start[target], now)
        return events

    # ------------------------------------------------------------------ queries

    @property
    def state(self) -> str:
        if not self._started:
            return "idle"
        if self._done:
            return "done"
        if self._paused_left is not None:
            return "paused"
        return _STATE_OF_KIND[self._phases[self._i].kind]

    @property
    def done(self) -> bool:
        return self._done

    @property
    def paused(self) -> bool:
        return self._paused_left is not None

    @property
    def phases(self) -> tuple[Phase, ...]:
        return self._phases

    @property
    def phase(self) -> Phase:
        """The current phase (the last one once done)."""
        return self._phases[self._i]

    @property
    def step_index(self) -> int:
        return self._phases[self._i].step_index

    @property
    def step_count(self) -> int:
        return len(self.routine.steps)

    @property
    def total_s(self) -> float:
        return sum(p.duration_s for p in self._phases)

    def remaining(self) -> float:
        """Seconds left in the current phase: deadline − clock, never negative."""
        if self._done:
            return 0.0
        if not self._started:
            return self._phases[self._i].duration_s
        if self._paused_left is not None:
            return self._paused_left
        return max(0.0, self._deadline - self._clock())

    def elapsed(self) -> float:
        """Seconds played in the current phase."""
        if self._done:
            return 0.0
        return max(0.0, self._phases[self._i].duration_s - self.remaining())

    def overall_remaining(self) -> float:
        """Seconds left in the whole routine if played straight on from here."""
        if self._done:
            return 0.0
        rest = sum(p.duration_s for p in self._phases[self._i + 1 :])
        return self.remaining() + rest

    def rep_now(self) -> int | None:
        """Which rep (1-based) a counted step is on; None for other phases."""
        phase = self._phases[self._i]
        if self._done or phase.kind != "step" or phase.reps is None or not phase.pace_s:
            return None
        rep = int(self.elapsed() // phase.pace_s) + 1
        return max(1, min(phase.reps, rep))

    @property
    def next_title(self) -> str | None:
        """Heading of the next step phase after the current one, if any."""
        if self._done:
            return None
        # From a get-ready phase the step phase of the same unit is what is on screen now;
        # "Next" names the one after it.
        unit = self._phases[self._i].unit
        for p in self._phases[self._i + 1 :]:
            if p.kind == "step" and p.unit != unit:
                return p.heading
        return None

    @property
    def next_moves_to_other_side(self) -> bool:
        """True when ``next()`` would go on to the other side of this step, not a new step."""
        if self._done or not self._started:
            return False
        phase = self._phases[self._i]
        return self._next_target(phase) == phase.unit + 1 and self._is_first_side_step(phase)

    def spoken(self, event: Event) -> str | None:
        """The words to speak for an event: a step's title when it starts, "Switch sides."
        for a second side, "Done." at the end; None for everything else."""
        if isinstance(event, RoutineFinished):
            return "Done."
        if not isinstance(event, PhaseStarted) or event.phase.kind == "rest":
            return None
        phase = event.phase
        if self._unit_start[phase.unit] != phase.index:
            return None  # the step phase after its own get-ready was already announced
        if phase.switch_sides:
            return "Switch sides."
        if phase.side == "left":
            return f"{phase.title}. Left leg first."
        return f"{phase.title}."

    @property
    def steps_completed(self) -> int:
        return len(self._completed_steps)

    @property
    def ended_clock(self) -> float | None:
        """The clock reading when the routine ended (its last deadline, or the last key)."""
        return self._ended_clock

    @property
    def played_step_s(self) -> dict[int, float]:
        """Seconds each step's step phases ran (sides summed), including the one on screen."""
        played = dict(self._played_step)
        if self._started and not self._done:
            phase = self._phases[self._i]
            if phase.kind == "step":
                played[phase.step_index] = played.get(phase.step_index, 0.0) + self.elapsed()
        return played

    @property
    def played_s(self) -> float:
        """Time spent running (pauses excluded), summed from phase deadlines."""
        if self._done or not self._started:
            return self._played_done
        return self._played_done + self.elapsed()

    # ------------------------------------------------------------------ internals

    @property
    def _running(self) -> bool:
        return self._started and not self._done and self._paused_left is None

    def _is_first_side_step(self, phase: Phase) -> bool:
        return phase.kind == "step" and phase.side == "left"

    def _next_target(self, phase: Phase) -> int:
        """The unit ``next()`` goes to: the other side while doing the first one, else the
        first unit of the next step."""
        if self._is_first_side_step(phase):
            return phase.unit + 1
        target = phase.unit + 1
        while target < len(self._unit_start):
            if self._phases[self._unit_start[target]].step_index != phase.step_index:
                break
            target += 1
        return target

    def _settle(self) -> tuple[float, list[Event]]:
        """Read the clock once and process passed deadlines before a navigation command."""
        now = self._clock()
        if self._paused_left is None:
            return now, self._catch_up(now)
        return now, []

    def _catch_up(self, now: float) -> list[Event]:
        events: list[Event] = []
        while not self._done and now >= self._deadline:
            end = self._deadline
            events += self._leave(end, skipped=False, completes=True)
            if self._i + 1 < len(self._phases):
                # Chain from the old deadline so lateness never accumulates.
                events += self._enter(self._i + 1, end)
            else:
                events += self._finish(end)  # it ended at its deadline, not when looked at
        return events

    def _enter(self, index: int, start_at: float) -> list[Event]:
        self._i = index
        phase = self._phases[index]
        if self._paused_left is not None:
            # Navigating while paused stays paused, with the new phase's full time frozen.
            self._paused_left = phase.duration_s
        self._deadline = start_at + phase.duration_s
        return [PhaseStarted(phase)]

    def _leave(self, now: float, *, skipped: bool, completes: bool) -> list[Event]:
        phase = self._phases[self._i]
        if self._paused_left is not None:
            left = self._paused_left
        else:
            left = max(0.0, self._deadline - now)
        played = phase.duration_s if not skipped else phase.duration_s - left
        self._played_done += played
        events: list[Event] = [PhaseEnded(phase, skipped=skipped)]
        if phase.kind == "step":
            self._played_step[phase.step_index] = (
                self._played_step.get(phase.step_index, 0.0) + played
            )
            # Left early: it counts only if most of it was played, never when skipped at once.
            completes = completes and (not skipped or played >= MOST_OF * phase.duration_s)
        if completes and phase.kind == "step":
            self._finished_sides.add((phase.step_index, phase.side))
            step = self.routine.steps[phase.step_index]
            sides: tuple[str | None, ...] = ("left", "right") if step.per_side else (None,)
            if phase.step_index not in self._completed_steps and all(
                (phase.step_index, s) in self._finished_sides for s in sides
            ):
                self._completed_steps.add(phase.step_index)
                events.append(StepFinished(phase.step_index))
        return events

    def _finish(self, at: float | None = None) -> list[Event]:
        self._ended_clock = self._clock() if at is None else at
        self._done = True
        self._paused_left = None
        return [RoutineFinished(self._played_done)]
