"""Patterns: charts of when and where cramps come, and what goes with them.

The journal is read and the numbers are worked out (``crampcoach.core.patterns``) in a
worker; the answer comes back as a message and becomes the screen's ``view``, which every
part is bound to (``ui/widgets/pattern_part.py``) and draws itself from
(``ui/pattern_charts.py``). Keys 1, 2, 3 (or the tabs) switch the period between 4 weeks,
12 weeks and the whole journal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static, Tab, Tabs

from crampcoach.core.pattern_index import IndexKeeper
from crampcoach.core.patterns import NightIndex, Patterns, compute_patterns, weekly
from crampcoach.ui.boundary import guarded
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.pattern_charts import PARTS, ChartData, ChartView
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.focus_scroll import FocusScroll
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header
from crampcoach.ui.widgets.pattern_part import PatternPart

if TYPE_CHECKING:  # the store loads with the journal, after the first frame
    from collections.abc import Sequence

    from crampcoach.core.models import CheckIn, Episode, RoutineRun

# (tab id, days or None for all, tab label, words for the sub-title)
PERIODS: tuple[tuple[str, int | None, str, str], ...] = (
    ("p28", 28, "1 · 4 weeks", "last 4 weeks"),
    ("p84", 84, "2 · 12 weeks", "last 12 weeks"),
    ("pall", None, "3 · all", "all nights"),
)
MAX_WEEKS = 104
EMPTY_TEXT = (
    "[b]No cramps logged yet.[/b]\n\n"
    "Log a few nights (press [b]l[/b] on the home screen after a cramp; first aid, "
    "[b]f[/b], offers to log it too) and your patterns appear here: which nights, what "
    "time, which muscle, and what helped.\n\n"
    "The evening check-in ([b]c[/b]) adds water, caffeine, shoes and the like, so the app "
    "can show what goes with your cramp nights."
)

# The parts a 24-line terminal shows first; the others draw in the frame after (ViewPart).
FIRST_SCREENFUL = frozenset({"pt-headline", "pt-weekly", "pt-calendar", "pt-weekdays"})

# One for the app's life: reopening Patterns reuses the index while the episodes are unchanged.
_KEEPER = IndexKeeper()
# At most this many episodes new to the index are indexed on the UI thread.
QUICK = 200


def prepare(episodes: Sequence[Episode], boundary_hour: int) -> None:
    """Index the journal's nights ahead of the first opening (the app's warm-up thread)."""
    _KEEPER.index(episodes, boundary_hour)


def analyse(
    index: NightIndex,
    checkins: list[CheckIn],
    runs: list[RoutineRun],
    *,
    now: datetime,
    period_id: str,
    bedtime: frozenset[str],
) -> Patterns:
    """The numbers for one period; for the whole journal, a bar per week since the first."""
    days = next(d for pid, d, _, _ in PERIODS if pid == period_id)
    p = compute_patterns(
        index,
        checkins,
        runs,
        now=now,
        days=days,
        bedtime_routine_ids=bedtime,
        weeks=4 if days == 28 else 12,
    )
    if days is None:
        count = max(1, min(MAX_WEEKS, math.ceil(p.period.nights / 7)))
        p = replace(p, weekly=weekly(index, p.period.last_night, count, p.period.tracked_from))
    return p


class PatternsScreen(FreshStyles, CrampCoachAppAccess, Screen[None]):
    AUTO_FOCUS = "#patterns"  # focused as the screen is built (ui/fresh_styles.py)
    SUB_TITLE = "Patterns"
    CSS_PATH = "../styles/patterns.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("1", "period('p28')", "4 weeks", id="period-4w"),
        Binding("2", "period('p84')", "12 weeks", id="period-12w"),
        Binding("3", "period('pall')", "All", id="period-all"),
    ]

    # What every part draws from; parts are bound to it (data_bind) and redraw themselves.
    view: reactive[ChartView | None] = reactive(None)

    @dataclass
    class Analysed(Message):
        """The worker's answer: the period's numbers and the nights they came from."""

        patterns: Patterns
        index: NightIndex
        reading: int

    def __init__(self) -> None:
        super().__init__()
        self.period_id = "p28"
        self.patterns: Patterns | None = None
        # Bumped by each request, so an older worker's answer is dropped.
        self._reading = 0

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Tabs(*(Tab(label, id=pid) for pid, _, label, _ in PERIODS), id="period")
        with FocusScroll(id="patterns"):
            yield Static(EMPTY_TEXT, id="pt-empty", classes="empty")
            part = {
                part_id: PatternPart(
                    draw, id=part_id, later=part_id not in FIRST_SCREENFUL
                ).data_bind(PatternsScreen.view)
                for part_id, draw in PARTS.items()
            }
            yield part["pt-headline"]
            yield part["pt-weekly"]
            yield Horizontal(
                part["pt-calendar"], part["pt-weekdays"], id="pt-calendar-row", classes="pair"
            )
            yield part["pt-hours"]
            yield Horizontal(
                part["pt-locations"], part["pt-sides"], id="pt-where-row", classes="pair"
            )
            for part_id in (
                "pt-triggers",
                "pt-typical",
                "pt-factors",
                "pt-bedtime",
                "pt-relief",
                "pt-streaks",
            ):
                yield part[part_id]
            yield Static(
                "Patterns show what goes together, not what causes what.",
                id="pt-note",
                classes="hint",
            )
        yield Footer()

    # No load on mount: the screen-resume that follows the first mount loads (once).

    def on_screen_resume(self) -> None:
        self.load()

    def on_journal_changed(self) -> None:
        self.load()

    # ------------------------------------------------------------ data

    def load(self) -> None:
        """Read the journal and work out the current period's numbers.

        With the journal in memory and its nights already indexed (the app indexes them in
        the background once the journal opens: ``prepare``), this takes a few milliseconds
        and the charts are part of the screen's first frame. Otherwise (the disk changed,
        years of new episodes) a worker does it and the frame paints meanwhile."""
        self._reading += 1
        app = self.cc_app
        if app.journal_read(lambda journal: not journal.changed_since_last_read()):
            episodes = app.journal_read(lambda journal: journal.episodes())
            if episodes is not None and _KEEPER.missing(episodes, self._boundary) <= QUICK:
                self.on_patterns_screen_analysed(self._work_out(self._reading, self.period_id))
                return
        self._analyse(self._reading, self.period_id)

    @property
    def _boundary(self) -> int:
        return self.cc_app.settings.night_boundary_hour

    @work(thread=True, exclusive=True, group="patterns", exit_on_error=False)
    @guarded
    def _analyse(self, reading: int, period_id: str) -> None:
        answer = self._work_out(reading, period_id)
        if answer is not None:
            self.post_message(answer)

    def _work_out(self, reading: int, period_id: str) -> Analysed | None:
        app = self.cc_app
        data = app.journal_read(
            lambda journal: (journal.episodes(), journal.checkins(), journal.runs())
        )
        if data is None:
            return None
        episodes, checkins, runs = data
        index = _KEEPER.index(episodes, self._boundary)
        try:
            bedtime = frozenset(r.id for r in app.catalog.of_kind("bedtime"))
        except Exception:  # a broken user routine must not hide the patterns
            bedtime = frozenset()
        p = analyse(index, checkins, runs, now=app.now(), period_id=period_id, bedtime=bedtime)
        return self.Analysed(p, index, reading)

    def on_patterns_screen_analysed(self, message: Analysed | None) -> None:
        if message is None or message.reading != self._reading:
            return
        self.patterns = message.patterns
        words = next(w for pid, _, _, w in PERIODS if pid == self.period_id)
        self.sub_title = f"Patterns · {words}"
        empty = len(message.index) == 0
        self.query_one("#patterns").set_class(empty, "-empty")
        data = (
            None if empty else ChartData(message.patterns, message.index, self.cc_app.now().date())
        )
        self.view = ChartView(data, self.chart_width)

    # ------------------------------------------------------------ actions

    def action_back(self) -> None:
        self.dismiss(None)

    def action_period(self, period_id: str) -> None:
        self.query_one("#period", Tabs).active = period_id

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab is None or event.tab.id is None:
            return
        event.stop()
        if event.tab.id != self.period_id:
            self.period_id = event.tab.id
            self.load()

    def on_resize(self) -> None:
        view = self.view
        if view is not None and view.width != self.chart_width:
            self.view = ChartView(view.data, self.chart_width)

    @property
    def chart_width(self) -> int:
        # The scroll area's inner width: screen minus padding and scrollbar. Before its
        # first layout the screen has no size yet; it will fill the app.
        width = self.size.width or self.app.size.width
        return max(40, width - 5)
