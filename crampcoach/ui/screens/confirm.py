"""A yes/no question as a modal that dismisses with the answer."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Static

from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import user_text


class ConfirmScreen(FreshStyles, ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="yes"),
        Binding("n", "answer(False)", "No", id="no"),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        """``question`` is plain text (it may quote a path or a note), never markup."""
        super().__init__()
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(user_text(self.question), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes_label} (y)", id="yes", variant="primary")
                yield Button(f"{self.no_label} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ChoiceScreen(FreshStyles, ModalScreen[int | None]):
    """Pick one of a few options by number key (e.g. which 02:30 in a repeated hour)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, options: list[str]) -> None:
        super().__init__()
        self.question = question
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(user_text(self.question), classes="question")
            for i, text in enumerate(self.options, start=1):
                yield Button(user_text(f"{i}. {text}"), id=f"opt-{i}")

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            index = int(event.character)
            if 1 <= index <= len(self.options):
                event.stop()
                self.dismiss(index - 1)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(int(str(event.button.id).split("-")[1]) - 1)

    def action_cancel(self) -> None:
        self.dismiss(None)


def dismiss_unless_changed(
    screen: Screen[Any], changed: bool, question: str, yes: str = "Discard", no: str = "Keep"
) -> None:
    """Leave a form at once if nothing changed; otherwise ask first (escape in every form)."""
    if not changed:
        screen.dismiss(None)
        return

    def answer(leave: bool | None) -> None:
        if leave:
            screen.dismiss(None)

    screen.app.push_screen(ConfirmScreen(question, yes=yes, no=no), answer)
