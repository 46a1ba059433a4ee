"""One episode, every field, in words."""

from __future__ import annotations

from datetime import tzinfo

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from crampcoach.core.models import Episode
from crampcoach.core.nights import episode_night
from crampcoach.core.vocab import label
from crampcoach.ui.format import duration_words, night_name
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import user_text
from crampcoach.ui.typed_app import CrampCoachAppAccess


def _words(values: tuple[str, ...]) -> str:
    return ", ".join(label(v) for v in values) or "—"


def describe(episode: Episode, zone: tzinfo, boundary_hour: int = 12) -> str:
    started = episode.started_at.astimezone(zone)
    rows = [
        ("Started", started.strftime("%a %d %b %Y, %H:%M")),
        ("Night", night_name(episode_night(episode, boundary_hour))),
        ("Lasted", duration_words(episode.duration_s)),
        ("Leg", episode.side or "—"),
        ("Where", _words(episode.locations)),
        ("Strength", f"{episode.intensity} of 10" if episode.intensity else "not noted"),
        ("Woke me", "yes" if episode.woke_me else "no"),
        ("Triggers", _words(episode.triggers)),
        ("What helped", _words(episode.relief)),
        ("Warning signs", _words(episode.red_flags)),
        ("Logged by", label(episode.source)),
        ("Notes", episode.notes or "—"),
    ]
    return "\n".join(f"{k:<14} {v}" for k, v in rows)


class EpisodeDetailScreen(FreshStyles, CrampCoachAppAccess, ModalScreen[str | None]):
    """Dismisses with "edit" or "delete" when asked, else None."""

    BINDINGS = [
        Binding("escape,enter,q", "close", "Close", id="close"),
        Binding("e", "choose('edit')", "Edit", id="edit"),
        Binding("x", "choose('delete')", "Delete", id="delete"),
    ]

    def __init__(self, episode: Episode) -> None:
        super().__init__()
        self.episode = episode

    def compose(self) -> ComposeResult:
        app = self.cc_app
        with VerticalScroll(classes="dialog", id="episode-detail"):
            yield Static("[b]Episode[/b]  [$foreground-muted]e edit · x delete · escape close[/]")
            yield Static(
                user_text(describe(self.episode, app.zone, app.settings.night_boundary_hour))
            )

    def action_close(self) -> None:
        self.dismiss(None)

    def action_choose(self, what: str) -> None:
        self.dismiss(what)
