"""The evening check-in's question for a running experiment: did you keep tonight's arm?

Shown only when an experiment schedules the check-in's night. The answer is saved with the
experiment (not the check-in), so it counts as adherence and makes the night tracked.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import RadioButton, RadioSet, Static

from crampcoach.ui.text import user_text
from crampcoach.ui.typed_app import CrampCoachAppAccess

if TYPE_CHECKING:  # types only: trials and habits load when the check-in opens
    from crampcoach.core.trial import Trial
    from crampcoach.habits import Habit


class ArmQuestion(CrampCoachAppAccess, Vertical):
    DEFAULT_CSS = """
    ArmQuestion { height: auto; }
    ArmQuestion.-hidden { display: none; }
    ArmQuestion RadioSet { layout: horizontal; height: auto; width: auto; margin-left: 1; }
    ArmQuestion RadioSet > RadioButton { width: auto; margin-right: 2; }
    """

    def __init__(self, night: date) -> None:
        super().__init__(id="arm-question")
        self.night = night
        self.trial: Trial | None = None
        self.arm: str | None = None
        self.initial: bool | None = None
        self.habit: Habit | None = None

    def _find(self) -> None:
        from crampcoach.core.nights import episode_night
        from crampcoach.core.trial import kept_on, trial_for_night
        from crampcoach.habits import get_habit

        app = self.cc_app
        boundary = app.settings.night_boundary_hour
        trials = app.journal_read(lambda journal: journal.trials()) or []
        trial = trial_for_night(trials, self.night, boundary)
        arm = trial.arm_of(self.night) if trial is not None else None
        if trial is None or arm is None:
            return  # no experiment schedules this night: no question
        self.trial, self.arm = trial, arm
        self.habit = get_habit(trial.habit)
        routine = self.habit.routine if self.habit else None
        runs = set()
        if routine:
            runs = {
                episode_night(r, boundary)
                for r in app.journal_read(lambda journal: journal.runs()) or []
                if r.routine_id == routine
            }
        self.initial = kept_on(trial, self.night, arm, runs, routine is not None)

    def compose(self) -> ComposeResult:
        self._find()
        if self.trial is None:
            self.add_class("-hidden")
            return
        name = self.habit.name if self.habit else self.trial.habit
        if self.arm == "on":
            question = f"Experiment, an ON night: did you do the {name}?"
        else:
            question = f"Experiment, an OFF night: did you go without the {name}?"
        yield Static(user_text(question), classes="hint")
        with RadioSet(id="arm-kept"):
            yield RadioButton("yes, as planned", value=self.initial is True, id="arm-yes")
            yield RadioButton("no", value=self.initial is False, id="arm-no")

    @property
    def answer(self) -> bool | None:
        if self.trial is None:
            return None
        pressed = self.query_one(RadioSet).pressed_button
        return None if pressed is None else pressed.id == "arm-yes"

    def save(self) -> bool:
        """Save the answer with the experiment; False if the write failed (already shown)."""
        answer = self.answer
        if self.trial is None or answer is None or answer == self.trial.kept.get(self.night):
            return True
        app = self.cc_app
        trial_id, night = self.trial.id, self.night
        saved = app.journal_write(lambda journal: journal.set_trial_kept(trial_id, night, answer))
        return saved is not None
