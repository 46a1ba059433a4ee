"""A clear error screen: what happened, which file, what to do. Nothing is written."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from crampcoach.ui.boundary import Problem, error_problem
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import user_text
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header


class ErrorScreen(FreshStyles, Screen[None]):
    SUB_TITLE = "Problem"
    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="quit"),
        Binding("f", "app.first_aid", "First aid now", id="first-aid"),
        Binding("escape", "leave", "Back", id="back"),
    ]

    def __init__(self, error: BaseException | None, *, fatal: bool = False) -> None:
        """``error`` is usually a JournalError; an OSError or an unexpected exception is
        described in words too. ``fatal`` means there is nothing to go back to."""
        super().__init__()
        self.error = error
        self.fatal = fatal

    def compose(self) -> ComposeResult:
        if self.error is None:
            problem = Problem("The journal is not open", "No journal was opened.")
        else:
            problem = error_problem(self.error)
        yield Header(icon="")
        with Vertical(id="error-box"):
            # The message names files and may echo a file's content: plain text only.
            yield Static(user_text(problem.title, style="bold"), id="error-title")
            yield Static(user_text(problem.message), id="error-message")
            # An unexpected error may come after a save: only journal errors promise this.
            written = "" if problem.unexpected else "Nothing was written. "
            back = "" if self.fatal else " Press escape to go back."
            yield Static(
                Text(
                    f"{written}Press f for first aid (it works without the journal)."
                    f" Press q to quit.{back}"
                ),
                id="error-hint",
            )
        yield Footer()

    def action_leave(self) -> None:
        if self.fatal:
            self.app.exit(1)
        else:
            self.dismiss()
