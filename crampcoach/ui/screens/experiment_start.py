"""Start an experiment: the exact schedule that will be saved, then yes or no."""

from __future__ import annotations

import secrets
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from crampcoach.ui.text import user_text


class StartPreviewScreen(ModalScreen[Any]):
    """Dismisses with the saved Trial, or None if cancelled or not saved."""

    BINDINGS = [
        Binding("y", "start", "Start", id="yes"),
        Binding("n,escape", "cancel", "Cancel", id="no"),
    ]

    def __init__(self, habit: Any) -> None:
        super().__init__()
        self.habit = habit
        self.trial: Any = None

    def compose(self) -> ComposeResult:
        from crampcoach.core.times import zone_name
        from crampcoach.core.trial import new_trial
        from crampcoach.core.trial_text import schedule_lines

        app: Any = self.app
        # The seed is drawn now, so the preview is exactly the schedule that will be saved.
        self.trial = new_trial(
            self.habit.id,
            app.now(),
            secrets.randbits(32),
            tz=zone_name(app.zone),
            boundary_hour=app.settings.night_boundary_hour,
        )
        t = self.trial
        first = t.first_night
        with VerticalScroll(classes="dialog", id="start-preview"):
            yield Static(
                user_text(
                    f"Start: {self.habit.title}. {t.phase_count} phases of "
                    f"{t.nights_per_phase} nights ({t.total_nights // 7} weeks), "
                    f"from the night of {first:%a} {first.day} {first:%b}. "
                    "y starts it, n cancels.",
                    style="bold",
                ),
                classes="question",
            )
            yield Static(user_text("\n".join(schedule_lines(t)) + "\n"), id="preview-schedule")
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

        app: Any = self.app
        trial = self.trial

        def save() -> Any:
            return app.journal.start_trial(trial, app.now(), app.settings.night_boundary_hour)

        try:
            saved = app.guard(save)
        except TrialError as exc:
            app.notify(str(exc), severity="warning")
            self.dismiss(None)
            return
        if saved is not None:
            app.notify(f"Experiment started: {self.habit.title}.")
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)
