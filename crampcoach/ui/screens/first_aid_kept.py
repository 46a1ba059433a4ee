"""Where a first-aid episode went, said to the user: the journal, a side file, or only
this screen (then in words to log by hand). A long cramp also gets the safety net."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from crampcoach.core.first_aid import duration_words, numbers_of, safety_net_lines
from crampcoach.core.models import Episode
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import user_text

if TYPE_CHECKING:
    from crampcoach.ui.app import CrampCoachApp


def tell_where_kept(app: CrampCoachApp, episode: Episode, kept: Any) -> None:
    """Say where ``kept`` (the store's Kept) put the episode; after a save to the journal,
    the doctor advice it may have changed."""
    if kept.where == "journal":
        app.notify("Saved to your journal.", timeout=4)
        from crampcoach.ui.screens.advice_notice import show_advice_after_log

        show_advice_after_log(app, episode)
        return
    lines = safety_net_lines(episode.duration_s or 0, numbers_of(app.settings))
    if kept.where == "pending":
        head = (
            f"Kept safely in {kept.path}. The journal could not take it ({kept.why}); "
            "it will be added the next time the journal opens."
        )
        app.push_screen(KeptScreen(head, lines))
    else:
        head = f"Not saved: {kept.why}. Please write this down and log it later:"
        app.push_screen(KeptScreen(head, (*record_lines(episode, app.zone), "", *lines)))


def record_lines(episode: Episode, zone: Any) -> tuple[str, ...]:
    """The episode in plain words, to log by hand when nothing could be written."""
    when = episode.started_at.astimezone(zone).strftime("%a %d %b %Y %H:%M")
    relief = ", ".join(episode.relief) or "nothing noted"
    return (
        f"  when: {when}",
        f"  how long: {duration_words(episode.duration_s or 0)}",
        f"  where: {episode.side or 'side not said'} {', '.join(episode.locations) or '—'}",
        f"  how strong: {episode.intensity or 'not said'}",
        f"  what helped: {relief}",
        f"  crampcoach log --at {episode.started_at.isoformat(timespec='minutes')} "
        f"--duration {round((episode.duration_s or 0) / 60, 1)}",
    )


class KeptScreen(FreshStyles, ModalScreen[None]):
    """Where the episode went when it is not in the journal, and the safety net if long."""

    CSS_PATH = "../styles/first_aid.tcss"
    BINDINGS = [Binding("escape,enter", "close", "Close", id="close")]

    def __init__(self, head: str, lines: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.head = head
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="kept-dialog"):
            yield Static(user_text(self.head), id="kept-head")
            yield Static(user_text("\n".join(self.lines)), id="kept-lines")
            yield Static("enter or escape closes", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
