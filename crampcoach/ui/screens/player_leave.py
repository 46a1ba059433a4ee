"""First aid's "leave this routine?": x leaves, escape keeps going."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from crampcoach.core.first_aid import CrampClock
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.widgets.cramp_clock import CrampClockPanel


class LeaveRoutineScreen(FreshStyles, ModalScreen[bool]):
    """First aid: leave the routine? ``x`` leaves (the question that follows uses no x),
    escape keeps going. Neither y nor n: those mean something on the next screen."""

    CSS_PATH = "../styles/player.tcss"
    BINDINGS = [
        Binding("x", "answer(True)", "Leave the routine", id="leave-yes"),
        Binding("escape", "answer(False)", "Keep going", id="leave-no"),
    ]

    def __init__(self, cramp: CrampClock) -> None:
        super().__init__()
        self.cramp = cramp

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="leave-dialog"):
            yield CrampClockPanel(self.cramp, id="cramp-clock")
            yield Static("Leave this routine? The steps you did are kept.", classes="question")
            yield Static("x  leave, then say how it went    escape  keep going", id="leave-keys")

    def action_answer(self, leave: bool) -> None:
        self.dismiss(leave)

    def confirm_quit(self) -> bool:
        self.dismiss(True)  # on to the question, which asks before anything is lost
        return True
