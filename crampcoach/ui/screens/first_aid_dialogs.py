"""The question's own small screens: save before leaving, type how long, what helped.

Each shows the cramp's clock on top; ctrl+q on any of them goes back to the question,
which asks before anything is lost.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, SelectionList, Static

from crampcoach.core import vocab
from crampcoach.core.first_aid import CrampClock, parse_duration_text
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.screens.first_aid_text import RELIEF_WORDS, keys
from crampcoach.ui.widgets.cramp_clock import CrampClockPanel
from crampcoach.ui.widgets.text_fields import TextInput


class SaveOrLeaveScreen(FreshStyles, ModalScreen[str]):
    """Escape on the question: save first, leave without saving, or go back."""

    CSS_PATH = "../styles/first_aid.tcss"
    BINDINGS = [
        Binding("enter", "choose('save')", "Save and leave", id="save-leave"),
        Binding("x", "choose('discard')", "Leave without saving", id="discard"),
        Binding("escape", "choose('back')", "Back", id="back"),
    ]

    def __init__(self, cramp: CrampClock) -> None:
        super().__init__()
        self.cramp = cramp

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="save-or-leave"):
            yield CrampClockPanel(self.cramp, id="cramp-clock")
            yield Static("Save this cramp before you go?", classes="ask")
            yield Static(
                keys(("enter", "save it"), ("x", "leave without saving"), ("escape", "back"))
            )

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class DurationScreen(FreshStyles, ModalScreen[int | None]):
    """Type how long it lasted: minutes (4, 4.5), m:ss (4:30) or seconds (90 s)."""

    CSS_PATH = "../styles/first_aid.tcss"
    BINDINGS = [Binding("escape", "cancel", "Back", id="cancel")]

    def __init__(self, cramp: CrampClock) -> None:
        super().__init__()
        self.cramp = cramp

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="duration-dialog"):
            yield CrampClockPanel(self.cramp, id="cramp-clock")
            yield Static("How long did it last? Minutes (4), m:ss (4:30) or seconds (90 s).")
            yield TextInput(id="duration-input", placeholder="minutes")
            yield Static(id="duration-error", markup=False)
            yield Static(keys(("enter", "use it"), ("escape", "back")))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        seconds = parse_duration_text(event.value)
        if seconds is None:
            self.query_one("#duration-error", Static).update(
                "Type minutes like 4 or 4.5, 4:30, or seconds like 90 s (up to a day)."
            )
            return
        self.dismiss(seconds)

    def confirm_quit(self) -> bool:
        self.dismiss(None)  # back to the question, which asks before anything is lost
        return True

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReliefScreen(FreshStyles, ModalScreen[tuple[str, ...] | None]):
    """What helped: the steps done, ticked; space changes one, enter keeps the list."""

    CSS_PATH = "../styles/first_aid.tcss"
    BINDINGS = [
        Binding("enter", "done", "Keep this", id="relief-done", priority=True),
        Binding("escape", "cancel", "Back", id="cancel"),
    ]

    def __init__(self, cramp: CrampClock, relief: tuple[str, ...]) -> None:
        super().__init__()
        self.cramp = cramp
        self.relief = relief

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="relief-dialog"):
            yield CrampClockPanel(self.cramp, id="cramp-clock")
            yield Static("What helped?", classes="ask")
            yield SelectionList[str](
                *((RELIEF_WORDS[r], r, r in self.relief) for r in vocab.RELIEF),
                id="relief-list",
            )
            yield Static(keys(("space", "tick or untick"), ("enter", "keep"), ("escape", "back")))

    def selected(self) -> tuple[str, ...]:
        chosen = set(self.query_one("#relief-list", SelectionList).selected)
        return tuple(r for r in vocab.RELIEF if r in chosen)

    def action_done(self) -> None:
        self.dismiss(self.selected())

    def confirm_quit(self) -> bool:
        self.dismiss(None)  # back to the question, which asks before anything is lost
        return True

    def action_cancel(self) -> None:
        self.dismiss(None)
