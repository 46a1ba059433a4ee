"""Home: last night at a glance, the 30-night strip, the doctor banner, and every key."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from crampcoach.ui.actions import HOME_ACTIONS
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header
from crampcoach.ui.widgets.home_cards import CountsCard, LastNightCard
from crampcoach.ui.widgets.night_strip import NightStrip

if TYPE_CHECKING:  # these load with the numbers, after the first frame
    from crampcoach.core.doctor import Advice
    from crampcoach.core.summary import HomeSummary


class HomeScreen(FreshStyles, CrampCoachAppAccess, Screen[None]):
    TITLE = "crampcoach"
    SUB_TITLE = "Home"
    # Below 23 rows the cards lose their borders so every action stays on screen (60×20).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (23, "-roomy")]
    BINDINGS = [
        # The footer shows the night-time keys; the menu grid shows them all.
        *(
            Binding(
                a.key, f"app.{a.name}", a.title.split(" ")[0], id=a.name, show=a.key in "flrhpd"
            )
            for a in HOME_ACTIONS
            if a.key
        ),
    ]

    # One reading of the journal; the widgets below take their parts of it by data_bind.
    summary: reactive[HomeSummary | None] = reactive(None, init=False)
    strip: reactive[tuple[tuple[date, int | None], ...]] = reactive(())

    def watch_summary(self, s: HomeSummary | None) -> None:
        if s is not None:
            self.strip = s.strip

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="home"):
            # The doctor banner and the experiment line come just after the first frame
            # (_mount_hidden_parts): both are hidden until the journal has been read.
            with Horizontal(id="glance"):
                yield LastNightCard(id="last-night", classes="card").data_bind(HomeScreen.summary)
                yield CountsCard(id="counts", classes="card").data_bind(HomeScreen.summary)
            yield NightStrip(id="strip").data_bind(nights=HomeScreen.strip)
            yield Static(self._menu(), id="menu")
        yield Footer()

    @staticmethod
    def _menu() -> Table:
        """Every home key in three columns: one widget, so the first frame stays cheap."""
        items = [(a.key, a.title) for a in HOME_ACTIONS if a.key and a.menu]
        table = Table.grid(expand=True, padding=(0, 1))
        for _ in range(3):
            table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        cells = [Text.assemble((key, "bold"), " ", title) for key, title in items]
        for row in range(0, len(cells), 3):
            table.add_row(*cells[row : row + 3])
        return table

    def on_mount(self) -> None:
        self.call_after_refresh(self._mount_hidden_parts)

    def _mount_hidden_parts(self) -> None:
        """The banner above the cards and the experiment line below them, both hidden: the
        first frame does not wait for widgets it would not show."""
        if self.query("#doctor-banner"):
            return
        from crampcoach.ui.widgets.doctor_banner import DoctorBanner
        from crampcoach.ui.widgets.experiment_line import ExperimentLine

        home = self.query_one("#home")
        if not home.is_attached:  # the app is closing
            return
        home.mount(DoctorBanner(id="doctor-banner").set_styles("display: none;"), before="#glance")
        home.mount(ExperimentLine(id="experiment-line"), after="#glance")

    def on_screen_resume(self) -> None:
        # Paint first, then read the journal: the first frame never waits on data.
        self.call_after_refresh(self.refresh_summary)

    def on_journal_changed(self) -> None:
        self.refresh_summary()

    def refresh_summary(self) -> None:
        """Fill in last night, the counts, the strip and the doctor banner from the journal."""
        from crampcoach.advice_text import current_advice
        from crampcoach.core.summary import SUMMARY_NIGHTS, home_summary

        app = self.cc_app
        if not app.journal_open:
            return
        now = app.now()

        def read(journal: Any) -> tuple[HomeSummary, Advice]:
            # Only the last 30 nights show here: years of older records are never built.
            recent = journal.episodes_since(now - timedelta(days=SUMMARY_NIGHTS + 2))
            last = None if recent else journal.last_episode()
            boundary = app.settings.night_boundary_hour
            started = journal.first_record_night(boundary)
            summary = home_summary(recent, now, boundary, last, started)
            return summary, current_advice(journal, now)

        found = app.journal_read(read)
        if found is None:
            return
        from crampcoach.ui.widgets.doctor_banner import DoctorBanner
        from crampcoach.ui.widgets.experiment_line import ExperimentLine

        self._mount_hidden_parts()  # if the numbers came first
        summary, advice = found
        self.summary = summary  # the cards and the strip are bound to it
        self.query_one(DoctorBanner).show_advice(advice)
        self.query_one(ExperimentLine).refresh_from(app)
