"""Home: last night at a glance, the 30-night strip, the doctor banner, and every key."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from crampcoach.core.summary import home_summary
from crampcoach.core.vocab import label
from crampcoach.store import Journal
from crampcoach.ui.app import ACTIONS
from crampcoach.ui.format import duration_words, local_time, night_name
from crampcoach.ui.widgets.doctor_banner import DoctorBanner
from crampcoach.ui.widgets.night_strip import NightStrip


class HomeScreen(Screen[None]):
    TITLE = "crampcoach"
    SUB_TITLE = "Home"
    BINDINGS = [
        # The footer shows the night-time keys; the menu grid shows them all.
        *(
            Binding(key, f"app.{action}", title.split(" ")[0], id=action, show=key in "flrhpd")
            for key, action, title, _ in ACTIONS
        ),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="home"):
            yield DoctorBanner(id="doctor-banner")
            with Horizontal(id="glance"):
                yield Static(id="last-night", classes="card")
                yield Static(id="counts", classes="card")
            yield NightStrip(id="strip")
            with Grid(id="menu"):
                for key, _, title, _ in ACTIONS:
                    yield Static(f"[b]{key}[/b] {title}", classes="menu-item")
                yield Static("[b]?[/b] Help", classes="menu-item")
                yield Static("[b]q[/b] Quit", classes="menu-item")
        yield Footer()

    def on_mount(self) -> None:
        # Paint the screen first, then read the journal: the first frame never waits on data.
        self.call_after_refresh(self.refresh_summary)

    def on_screen_resume(self) -> None:
        self.refresh_summary()

    def refresh_summary(self) -> None:
        app = self.app
        journal = app.journal  # type: ignore[attr-defined]
        if journal is None:
            return
        now = app.now()  # type: ignore[attr-defined]
        boundary = app.settings.night_boundary_hour  # type: ignore[attr-defined]
        try:
            episodes = journal.episodes()
        except Exception as exc:  # a journal error becomes the error screen
            from crampcoach.store import JournalError

            if isinstance(exc, JournalError):
                app.show_error(exc)  # type: ignore[attr-defined]
                return
            raise
        s = home_summary(episodes, now, boundary)
        last = s.last_night
        if last.had_cramp:
            first = last.episodes[0]
            where = ", ".join(label(x) for x in first.locations) or "leg"
            count = len(last.episodes)
            more = f" ({count} episodes)" if count > 1 else ""
            text = (
                f"[b]Last night[/b] ({night_name(last.night)})\n"
                f"Cramp at {local_time(first.started_at, app.zone)}{more}\n"  # type: ignore[attr-defined]
                f"{where}, {duration_words(last.total_duration_s)}"
            )
        else:
            text = (
                f"[b]Last night[/b] ({night_name(last.night)})\n"
                "No cramp logged. [dim]Press l to log one.[/dim]"
            )
        self.query_one("#last-night", Static).update(text)
        if s.last_episode is not None and not last.had_cramp:
            ep = s.last_episode
            self.query_one("#last-night", Static).update(
                text + f"\nLast episode: {ep.started_at.astimezone(app.zone):%a %d %b %H:%M}"  # type: ignore[attr-defined]
            )
        self.query_one("#counts", Static).update(
            f"[b]Cramp nights[/b]\nlast 7 nights: {s.cramp_nights_7}\n"
            f"last 30 nights: {s.cramp_nights_30}"
        )
        self.query_one(NightStrip).nights = s.strip
        # The doctor rules import the pattern code; check them once the summary is painted.
        self.call_after_refresh(self._refresh_banner, journal, now)

    def _refresh_banner(self, journal: Journal, now: datetime) -> None:
        from crampcoach.advice_text import current_advice

        advice = current_advice(journal, now)
        self.query_one(DoctorBanner).show_advice(advice)
