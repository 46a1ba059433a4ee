"""Home's one line about the personal experiment, and tonight's routine one key away."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from textual.widgets import Static

from crampcoach.ui.text import join_text, user_text

if TYPE_CHECKING:  # types only: trials, habits and the app load after the first frame
    from crampcoach.core.trial import Trial
    from crampcoach.habits import Habit
    from crampcoach.ui.app import CrampCoachApp

# A finished or stopped experiment stays on Home this many nights, pointing to its result.
SHOW_AFTER_NIGHTS = 14
ROUTINE_KEY = "b"


def tonight(app: CrampCoachApp) -> tuple[Trial, Habit | None, str | None] | None:
    """(trial, habit, tonight's arm) for the running experiment, or the latest one with no
    arm; None when there is nothing to show. Journal errors go to the app's error screen."""
    from crampcoach.core.trial import active_trial, coming_night, latest_trial
    from crampcoach.habits import get_habit

    trials = app.journal_read(lambda journal: journal.trials())
    if not trials:
        return None
    now, boundary = app.now(), app.settings.night_boundary_hour
    trial = active_trial(trials, now, boundary)
    if trial is not None:
        return trial, get_habit(trial.habit), trial.arm_of(coming_night(now, boundary))
    trial = latest_trial(trials)
    assert trial is not None
    if coming_night(now, boundary) - trial.done_until(now, boundary) > timedelta(
        days=SHOW_AFTER_NIGHTS
    ):
        return None
    return trial, get_habit(trial.habit), None


def play_tonights_routine(app: CrampCoachApp) -> None:
    found = tonight(app)
    if found is None or found[2] is None:
        app.notify("No experiment is running.", timeout=4)
        return
    _trial, habit, arm = found
    if habit is None or habit.routine is None:
        app.notify("This experiment has no routine to play.", timeout=4)
        return
    if arm != "on":
        app.notify(
            f"Tonight is an OFF night: no {habit.name}. First aid is there as always.", timeout=6
        )
        return
    routine = app.catalog.get(habit.routine)
    if routine is None:
        app.notify(f"The routine {habit.routine} is missing.", severity="warning")
        return
    from crampcoach.ui.screens.player import PlayerScreen

    app.push_screen(PlayerScreen(routine))  # the player saves the run in the journal


class ExperimentLine(Static):
    """One line: 'Experiment: bedtime stretch — tonight ON, phase 2 of 4, night 5 of 14'."""

    DEFAULT_CSS = """
    ExperimentLine { height: auto; padding: 0 1; margin: 0 0 1 0; background: $primary 10%; }
    ExperimentLine.-hidden { display: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        # Hidden until the journal has been read: the first frame never shows an empty bar.
        super().__init__(id=id, classes="-hidden")

    def refresh_from(self, app: CrampCoachApp) -> None:
        from crampcoach.core.trial_text import status_line
        from crampcoach.habits import habit_name

        found = tonight(app)
        if found is None:
            self.add_class("-hidden")
            return
        trial, habit, arm = found
        name = habit.name if habit else habit_name(trial.habit)
        line = status_line(trial, app.now(), name, app.settings.night_boundary_hour)
        hint = ""
        if arm == "on" and habit is not None and habit.routine:
            # On the same line when it fits, else below: never cut mid-word.
            hint = f"{ROUTINE_KEY} plays tonight's {habit.name}"
            room = (self.size.width or app.size.width) - 2
            hint = f" · {hint}" if len(line) + len(hint) + 3 <= room else f"\n{hint}"
        # The habit's name comes from shipped content or, for an unknown id, the journal.
        self.update(join_text(user_text(line), hint))
        self.remove_class("-hidden")
