""" "I saw a doctor about this": the date (today unless changed) and an optional note.

The gate is ``crampcoach.core.doctor_visit``; this form only collects the two fields and
shows the gate's words when it refuses them.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from crampcoach.core.doctor_visit import VISIT_NOTE_MAX, DoctorVisit, visit_from_dict
from crampcoach.core.errors import ValidationError
from crampcoach.core.models import Profile
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import user_text
from crampcoach.ui.widgets.text_fields import TextInput


class DoctorSeenScreen(FreshStyles, ModalScreen[DoctorVisit | None]):
    """Dismisses with the visit to save, or None when cancelled."""

    AUTO_FOCUS = "#seen-on"  # focused as the screen is built (ui/fresh_styles.py)

    CSS_PATH = "../styles/doctor.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    def __init__(self, today: date, profile: Profile | None = None) -> None:
        super().__init__()
        self.today = today
        self.profile = profile

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="seen-dialog"):
            yield Static(
                "[b]I saw a doctor about this[/b]\nThe routine reasons shown now go quiet "
                "until something new comes up. Urgent advice never goes quiet.",
                classes="question",
            )
            yield Label("Date of the visit (YYYY-MM-DD)")
            yield TextInput(self.today.isoformat(), id="seen-on")
            yield Label("What the doctor said (optional)")
            yield TextInput(id="seen-note", max_length=VISIT_NOTE_MAX)
            yield Static("", id="seen-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (escape)", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        raw = {
            "seen_on": self.query_one("#seen-on", Input).value,
            "note": self.query_one("#seen-note", Input).value,
            "profile": self.profile,
        }
        try:
            visit = visit_from_dict(raw, today=self.today)
        except ValidationError as exc:
            # The message quotes what was typed: shown as inert text, never as markup.
            self.query_one("#seen-error", Static).update(
                user_text("; ".join(p.message for p in exc.problems))
            )
            return
        self.dismiss(visit)

    def action_cancel(self) -> None:
        self.dismiss(None)
