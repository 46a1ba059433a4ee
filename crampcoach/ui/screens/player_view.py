"""What the player shows of a step, as one value: the screen sets its ``view`` reactive and
each part of the step area, bound to it with ``data_bind``, redraws itself when its own
part changed (the clock ticks ten times a second; most lines change once a step).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.reactive import reactive
from textual.widgets import Digits, ProgressBar, Static

from crampcoach.core.routines import Routine
from crampcoach.core.timer import RoutinePlayer
from crampcoach.ui.format import clock
from crampcoach.ui.text import user_text

STATE_WORDS = {"get-ready": "Get ready", "step": "Go", "rest": "Rest"}


@dataclass(frozen=True)
class StepView:
    """The words of the step area; an empty cue or caution is not shown at all."""

    routine_line: str = ""
    cue: str = ""
    step_title: str = ""
    step_text: str = ""
    countdown: str = "00:00"
    phase_state: str = ""
    reps: str = ""
    progress: tuple[float, float] = (1.0, 0.0)  # (total, done) of the step's bar
    caution: str = ""
    next: str = ""


def step_view(routine: Routine, player: RoutinePlayer) -> StepView:
    """The current phase of a routine being played (or paused)."""
    phase = player.phase
    left = player.remaining()
    rep = player.rep_now()
    return StepView(
        routine_line=(
            f"{routine.title}  ·  step {player.step_index + 1} of {player.step_count}"
            f"  ·  {clock(player.overall_remaining())} left in all"
        ),
        cue=phase.cue,
        step_title=phase.heading,
        step_text=phase.text,
        countdown=clock(left),
        phase_state="Paused · space to go on" if player.paused else STATE_WORDS[phase.kind],
        reps=f"rep {rep} of {phase.reps}" if rep is not None else "",
        progress=(max(phase.duration_s, 0.001), phase.duration_s - left),
        caution=f"Careful: {phase.caution}" if phase.caution else "",
        next=next_line(player),
    )


def done_view(routine: Routine, steps_done: int) -> StepView:
    """The end of a routine; praise only what was done: an all-skipped one is not "well done"."""
    return StepView(
        routine_line=f"{routine.title}  ·  {steps_done} of {len(routine.steps)} steps done",
        step_title="Done. Well done."
        if steps_done
        else "Routine ended. No step was done this time.",
        step_text="Your run is saved. Press enter or escape to close.",
        phase_state="Finished",
        progress=(1.0, 1.0),
    )


def next_line(player: RoutinePlayer) -> str:
    """What comes next, and what n does when it is not simply "go there"."""
    following = player.next_title
    line = f"Next: {following}" if following else "Last step."
    if player.next_moves_to_other_side:
        return line + "  ·  n: on to the other leg"
    if player.phase.side is not None or player.phase.kind == "get-ready":
        return line + ("  ·  n: skip this step" if following else "  ·  n: finish")
    return line


class StepLine(Static):
    """One line of the step area: the ``part`` of the bound view, as plain text."""

    view: reactive[StepView | None] = reactive(None)

    def __init__(self, part: str, *, hide_when_empty: bool = False, id: str) -> None:
        super().__init__(id=id, markup=False)
        self.part = part
        self.hide_when_empty = hide_when_empty

    def watch_view(self, old: StepView | None, new: StepView | None) -> None:
        if new is None:
            return
        words = getattr(new, self.part)
        if old is not None and getattr(old, self.part) == words:
            return
        self.update(user_text(words))
        if self.hide_when_empty:
            self.display = bool(words)


class StepCountdown(Digits):
    """The big countdown."""

    view: reactive[StepView | None] = reactive(None)

    def watch_view(self, old: StepView | None, new: StepView | None) -> None:
        if new is not None and (old is None or old.countdown != new.countdown):
            self.update(new.countdown)


class StepProgress(ProgressBar):
    """How far into the step."""

    view: reactive[StepView | None] = reactive(None)

    def watch_view(self, old: StepView | None, new: StepView | None) -> None:
        if new is not None and (old is None or old.progress != new.progress):
            total, done = new.progress
            self.update(total=total, progress=done)
