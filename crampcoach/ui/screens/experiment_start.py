"""Start an experiment: the exact schedule that will be saved, then yes or no."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from crampcoach.core.trial import NIGHTS_DEFAULT, PHASES_DEFAULT
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import user_text
from crampcoach.ui.typed_app import CrampCoachAppAccess

if TYPE_CHECKING:  # types only: habits and trials load when the preview opens
    from rich.text import Text

    from crampcoach.core.trial import Trial
    from crampcoach.habits import Habit

PHASE_CHOICES = (2, 4, 6, 8)
NIGHT_CHOICES = (7, 14, 21, 28)


class StartPreviewScreen(FreshStyles, CrampCoachAppAccess, ModalScreen["Trial | None"]):
    """Dismisses with the saved Trial, or None if cancelled or not saved."""

    BINDINGS = [
        Binding("y", "start", "Start", id="yes"),
        Binding("n,escape", "cancel", "Cancel", id="no"),
        Binding("p", "phases", "Phases", id="phases"),
        Binding("l", "length", "Nights per phase", id="length"),
    ]

    def __init__(self, habit: Habit) -> None:
        super().__init__()
        self.habit = habit
        self.trial: Trial | None = None  # planned in compose, once the app is at hand
        # Drawn once: changing the length or the number of phases keeps the same draw.
        self.seed = secrets.randbits(32)
        self.phases = PHASES_DEFAULT
        self.nights = NIGHTS_DEFAULT

    def _plan(self) -> Trial:
        from crampcoach.core.times import zone_name
        from crampcoach.core.trial import new_trial

        app = self.cc_app
        return new_trial(
            self.habit.id,
            app.now(),
            self.seed,
            nights_per_phase=self.nights,
            phases=self.phases,
            tz=zone_name(app.zone),
            boundary_hour=app.settings.night_boundary_hour,
        )

    def _words(self, t: Trial) -> tuple[Text, Text]:
        from crampcoach.core.trial_text import schedule_lines

        first = t.first_night
        head = user_text(
            f"Start: {self.habit.title}. {t.phase_count} phases of "
            f"{t.nights_per_phase} nights ({t.total_nights // 7} weeks), "
            f"from the night of {first:%a} {first.day} {first:%b}. "
            "y starts it, n cancels; p and l change the phases and their length.",
            style="bold",
        )
        return head, user_text("\n".join(schedule_lines(t)) + "\n")

    def compose(self) -> ComposeResult:
        # The preview is exactly the schedule that will be saved.
        self.trial = trial = self._plan()
        head, schedule = self._words(trial)
        with VerticalScroll(classes="dialog", id="start-preview"):
            yield Static(head, classes="question", id="preview-head")
            yield Static(schedule, id="preview-schedule")
            yield Static(
                user_text(
                    f"ON nights: {self.habit.on}\nOFF nights: {self.habit.off}\n"
                    "Do the evening check-in each night so cramp-free nights count. "
                    "First aid is there on every night."
                ),
                id="preview-arms",
            )
            with Horizontal(classes="buttons"):
                yield Button("Start (y)", id="yes", variant="primary")
                yield Button("Cancel (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "yes":
            self.action_start()
        else:
            self.action_cancel()

    def action_start(self) -> None:
        from crampcoach.core.trial import TrialError

        app = self.cc_app
        trial = self.trial
        if trial is None:  # not composed yet: nothing was shown, so nothing to start
            return
        now, boundary = app.now(), app.settings.night_boundary_hour
        try:
            saved = app.journal_write(lambda journal: journal.start_trial(trial, now, boundary))
        except TrialError as exc:
            app.notify(str(exc), severity="warning")
            self.dismiss(None)
            return
        if saved is not None:
            app.notify(f"Experiment started: {self.habit.title}.")
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_phases(self) -> None:
        self.phases = _next(PHASE_CHOICES, self.phases)
        self._redraw()

    def action_length(self) -> None:
        self.nights = _next(NIGHT_CHOICES, self.nights)
        self._redraw()

    def _redraw(self) -> None:
        self.trial = trial = self._plan()
        head, schedule = self._words(trial)
        self.query_one("#preview-head", Static).update(head)
        self.query_one("#preview-schedule", Static).update(schedule)


def _next(choices: tuple[int, ...], value: int) -> int:
    later = [c for c in choices if c > value]
    return later[0] if later else choices[0]
