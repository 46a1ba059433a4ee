"""Home: last night at a glance, the 30-night strip, the doctor banner, and every key."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from crampcoach.core.dates import day_label
from crampcoach.core.vocab import label
from crampcoach.ui.actions import HOME_ACTIONS
from crampcoach.ui.format import duration_words, local_time
from crampcoach.ui.text import user_markup
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.doctor_banner import DoctorBanner
from crampcoach.ui.widgets.experiment_line import ExperimentLine
from crampcoach.ui.widgets.night_strip import NightStrip

if TYPE_CHECKING:  # these load with the numbers, after the first frame
    from crampcoach.core.doctor import Advice
    from crampcoach.core.summary import HomeSummary


class HomeScreen(CrampCoachAppAccess, Screen[None]):
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

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="home"):
            # Hidden until the rules have run: no empty bar, and the first layout fits the screen.
            yield DoctorBanner(id="doctor-banner").set_styles("display: none;")
            with Horizontal(id="glance"):
                yield Static(id="last-night", classes="card")
                yield Static(id="counts", classes="card")
            yield ExperimentLine(id="experiment-line")
            yield NightStrip(id="strip")
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
        summary, advice = found
        self._show(summary, advice)
        self.query_one(ExperimentLine).refresh_from(app)

    def _show(self, s: HomeSummary, advice: Advice) -> None:
        from crampcoach.core.summary import count_lines

        zone = self.cc_app.zone
        last = s.tonight or s.last_night
        heading = "Tonight" if s.tonight else "Last night"
        today = self.cc_app.now().date()
        # The night's evening date: "Last night · Tue 01 Dec" (with the year if not this year).
        lines = [f"[b]{heading}[/b] · {day_label(last.night, today)}"]
        if last.had_cramp:
            first = last.episodes[0]
            where = user_markup(", ".join(label(x) for x in first.locations) or "leg")
            count = len(last.episodes)
            more = f" ({count} episodes)" if count > 1 else ""
            lines.append(f"Cramp at {local_time(first.started_at, zone)}{more}")
            lines.append(f"{where}, {duration_words(last.total_duration_s)}")
        else:
            lines.append("No cramp logged. [$foreground-muted]Press l to log one.[/]")
            if s.last_episode is not None:
                ep = s.last_episode
                lines.append(f"Last episode: {ep.started_at.astimezone(zone):%a %d %b %H:%M}")
        self.query_one("#last-night", Static).update("\n".join(lines))
        self.query_one("#counts", Static).update(
            "\n".join(["[b]Cramp nights[/b]", *count_lines(s)])
        )
        self.query_one(NightStrip).nights = s.strip
        self.query_one(DoctorBanner).show_advice(advice)
