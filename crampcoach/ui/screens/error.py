"""A clear error screen: what happened, which file, what to do. Nothing is written."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from crampcoach.store import JournalError


class ErrorScreen(Screen[None]):
    SUB_TITLE = "Problem"
    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="quit"),
        Binding("f", "app.first_aid", "First aid now", id="first-aid"),
        Binding("escape", "leave", "Back", id="back"),
    ]

    def __init__(self, error: JournalError | None, *, fatal: bool = False) -> None:
        super().__init__()
        self.error = error
        self.fatal = fatal

    def compose(self) -> ComposeResult:
        title = self.error.title if self.error else "The journal is not open"
        message = str(self.error) if self.error else "No journal was opened."
        yield Header(icon="")
        with Vertical(id="error-box"):
            yield Static(f"[b]{title}[/b]", id="error-title")
            yield Static(message, id="error-message", markup=False)
            yield Static(
                "Nothing was written. Press f for first aid (it works without the journal)."
                " Press q to quit." + ("" if self.fatal else " Press escape to go back."),
                id="error-hint",
            )
        yield Footer()

    def action_leave(self) -> None:
        if self.fatal:
            self.app.exit(1)
        else:
            self.dismiss()
