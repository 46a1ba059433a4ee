"""Right after a log: a red flag or a long cramp shows the doctor advice at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from crampcoach.core.models import Episode
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import user_text

if TYPE_CHECKING:  # types only: the advice and the app load when a log is saved
    from crampcoach.core.doctor import Advice
    from crampcoach.ui.app import CrampCoachApp


class AdviceNotice(FreshStyles, ModalScreen[bool]):
    """Dismisses True when the user asks for the full advice."""

    BINDINGS = [
        Binding("d", "full", "Full advice", id="full"),
        Binding("escape,enter", "close", "Close", id="close"),
    ]

    def __init__(self, advice: Advice) -> None:
        super().__init__()
        self.advice = advice

    def compose(self) -> ComposeResult:
        from crampcoach.advice_text import advice_lines

        lines = advice_lines(self.advice)
        with Vertical(classes="dialog advice", id="advice-notice") as box:
            box.set_class(self.advice.level == "urgent", "-urgent")
            yield Static(user_text(lines[0], style="bold"), classes="question")
            yield Static(user_text("\n".join(lines[1:])))
            yield Button("Full advice (d)", id="full", variant="primary")
            yield Button("Close (escape)", id="close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "full")

    def action_full(self) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)


def show_advice_after_log(app: CrampCoachApp, episode: Episode) -> None:
    from crampcoach.advice_text import episode_advice

    # With the clock: signs split over one night (swelling, then redness) are urgent together.
    advice = app.journal_read(lambda journal: episode_advice(journal, episode, app.now()))
    if advice is None or advice.level == "none":
        return

    def opened(full: bool | None) -> None:
        if full:
            app.action_doctor()

    app.push_screen(AdviceNotice(advice), opened)
