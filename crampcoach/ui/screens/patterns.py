"""Patterns: charts of when and where cramps come, and what goes with them.

The numbers come from ``crampcoach.core.patterns``; this screen only draws them (block
characters in theme colours, see :mod:`crampcoach.ui.charts`). Keys 1, 2, 3 (or the tabs)
switch the period between 4 weeks, 12 weeks and the whole journal.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static, Tab, Tabs

from crampcoach.core import vocab
from crampcoach.core.dates import day_label
from crampcoach.core.pattern_index import IndexKeeper
from crampcoach.core.patterns import (
    MIN_NIGHTS_PER_SIDE,
    WEEKDAYS,
    FactorResult,
    NightIndex,
    Patterns,
    compute_patterns,
    format_duration,
    percent,
    plural,
    weekly,
)
from crampcoach.ui import charts
from crampcoach.ui.text import user_markup
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.footer import Footer

if TYPE_CHECKING:  # the store loads with the journal, after the first frame
    from crampcoach.core.models import CheckIn, RoutineRun

# (tab id, days or None for all, tab label, words for the sub-title)
PERIODS: tuple[tuple[str, int | None, str, str], ...] = (
    ("p28", 28, "1 · 4 weeks", "last 4 weeks"),
    ("p84", 84, "2 · 12 weeks", "last 12 weeks"),
    ("pall", None, "3 · all", "all nights"),
)
NIGHT_HOURS: tuple[int, ...] = tuple((18 + k) % 24 for k in range(18))  # 18:00 → 11:00
MAX_WEEKS = 104
EMPTY_TEXT = (
    "[b]No cramps logged yet.[/b]\n\n"
    "Log a few nights (press [b]l[/b] on the home screen after a cramp; first aid, "
    "[b]f[/b], offers to log it too) and your patterns appear here: which nights, what "
    "time, which muscle, and what helped.\n\n"
    "The evening check-in ([b]c[/b]) adds water, caffeine, shoes and the like, so the app "
    "can show what goes with your cramp nights."
)


def _title(text: str) -> str:
    return f"[b $primary]{text}[/]"


# One for the app's life: reopening Patterns reuses the index while the episodes are unchanged.
_KEEPER = IndexKeeper()


class PatternsScreen(CrampCoachAppAccess, Screen[None]):
    SUB_TITLE = "Patterns"
    CSS_PATH = "../styles/patterns.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("1", "period('p28')", "4 weeks", id="period-4w"),
        Binding("2", "period('p84')", "12 weeks", id="period-12w"),
        Binding("3", "period('pall')", "All", id="period-all"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.period_id = "p28"
        self._index: NightIndex | None = None
        self._checkins: list[CheckIn] = []
        self._runs: list[RoutineRun] = []
        self._bedtime: frozenset[str] = frozenset()
        self.patterns: Patterns | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Tabs(*(Tab(label, id=pid) for pid, _, label, _ in PERIODS), id="period")
        with VerticalScroll(id="patterns"):
            yield Static(EMPTY_TEXT, id="pt-empty", classes="empty")
            yield Static(id="pt-headline")
            yield Static(id="pt-weekly", classes="chart")
            with Horizontal(id="pt-calendar-row", classes="pair"):
                yield Static(id="pt-calendar", classes="chart")
                yield Static(id="pt-weekdays", classes="chart")
            yield Static(id="pt-hours", classes="chart")
            with Horizontal(id="pt-where-row", classes="pair"):
                yield Static(id="pt-locations", classes="chart")
                yield Static(id="pt-sides", classes="chart")
            yield Static(id="pt-triggers", classes="chart")
            yield Static(id="pt-typical", classes="chart")
            yield Static(id="pt-factors", classes="chart")
            yield Static(id="pt-bedtime", classes="chart")
            yield Static(id="pt-relief", classes="chart")
            yield Static(id="pt-streaks", classes="chart")
            yield Static(
                "Patterns show what goes together, not what causes what.",
                id="pt-note",
                classes="hint",
            )
        yield Footer()

    # ------------------------------------------------------------ data

    def on_mount(self) -> None:
        # No load here: the screen-resume that follows the first mount loads (once).
        self.query_one("#patterns", VerticalScroll).focus()

    def on_screen_resume(self) -> None:
        self.load()

    def on_journal_changed(self) -> None:
        self.load()

    def load(self) -> None:
        app = self.cc_app
        boundary = app.settings.night_boundary_hour

        data = app.journal_read(
            lambda journal: (journal.episodes(), journal.checkins(), journal.runs())
        )
        if data is None:
            return
        episodes, self._checkins, self._runs = data
        self._index = _KEEPER.index(episodes, boundary)
        try:
            self._bedtime = frozenset(r.id for r in app.catalog.of_kind("bedtime"))
        except Exception:  # a broken user routine must not hide the patterns
            self._bedtime = frozenset()
        self.show()

    def compute(self) -> Patterns | None:
        if self._index is None:
            return None
        app = self.cc_app
        days = next(d for pid, d, _, _ in PERIODS if pid == self.period_id)
        weeks = 4 if days == 28 else 12
        p = compute_patterns(
            self._index,
            self._checkins,
            self._runs,
            now=app.now(),
            days=days,
            bedtime_routine_ids=self._bedtime,
            weeks=weeks,
        )
        if days is None:
            # The whole journal: one bar per week since the first record.
            count = max(1, min(MAX_WEEKS, math.ceil(p.period.nights / 7)))
            from dataclasses import replace

            first = p.period.tracked_from
            p = replace(p, weekly=weekly(self._index, p.period.last_night, count, first))
        return p

    # ------------------------------------------------------------ actions

    def action_back(self) -> None:
        self.dismiss(None)

    def action_period(self, period_id: str) -> None:
        self.query_one("#period", Tabs).active = period_id

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        if event.tab is None or event.tab.id is None:
            return
        event.stop()
        if event.tab.id != self.period_id or self.patterns is None:
            self.period_id = event.tab.id
            self.show()

    def on_resize(self) -> None:
        if self.patterns is not None:
            self.draw(self.patterns)

    # ------------------------------------------------------------ drawing

    @property
    def chart_width(self) -> int:
        # The scroll area's inner width: screen minus padding and scrollbar.
        return max(40, self.size.width - 5)

    def show(self) -> None:
        p = self.compute()
        if p is None:
            return
        self.patterns = p
        words = next(w for pid, _, _, w in PERIODS if pid == self.period_id)
        self.sub_title = f"Patterns · {words}"
        self.draw(p)

    def draw(self, p: Patterns) -> None:
        empty = self._index is None or len(self._index) == 0
        self.query_one("#pt-empty").display = empty
        for widget in self.query("#patterns > Static, #patterns > Horizontal"):
            if widget.id not in ("pt-empty",):
                widget.display = not empty
        if empty:
            return
        w = self.chart_width
        self._set("#pt-headline", self.headline(p))
        self._set("#pt-weekly", self.weekly_chart(p, w))
        cal_width = max(20, w - 34)
        self._set("#pt-calendar", self.calendar(p, cal_width))
        self._set("#pt-weekdays", self.weekday_bars(p))
        self._set("#pt-hours", self.hour_chart(p, w))
        self._set("#pt-locations", self.tally("Where", p.locations, vocab.LOCATIONS))
        self._set("#pt-sides", self.tally("Which leg", p.sides, vocab.SIDES))
        self._set("#pt-triggers", self.tally("Noted with cramps", p.triggers, vocab.TRIGGERS))
        self._set("#pt-typical", self.typical(p))
        self._set("#pt-factors", self.factors(p, w))
        self._set("#pt-bedtime", self.bedtime(p, w))
        self._set("#pt-relief", self.relief(p, w))
        self._set("#pt-streaks", self.streaks(p))

    def _set(self, selector: str, markup: str) -> None:
        self.query_one(selector, Static).update(markup)

    # Each part below returns markup; none reads the journal.

    def headline(self, p: Patterns) -> str:
        n = p.nights
        from crampcoach.core.pattern_words import span_words

        span = span_words(p.period, self.cc_app.now().date())
        trend = p.trend.text[0].upper() + p.trend.text[1:]
        arrow = {"up": "▲", "down": "▼", "same": "="}[p.trend.direction]
        return (
            f"[b]{plural(n.in_period, 'cramp night')}[/b] in {span} "
            f"({plural(n.episodes_in_period, 'episode')}).\n"
            f"{arrow} {trend}."
        )

    def weekly_chart(self, p: Patterns, width: int) -> str:
        from crampcoach.core.pattern_months import bars_fit

        weeks = list(p.weekly)
        if not bars_fit(len(weeks), width) and p.period.tracked_from is not None:
            return self.monthly_chart(p, width)
        col = max(2, min(10, width // max(1, len(weeks))))
        values = [wk.cramp_nights if wk.tracked_nights else None for wk in weeks]
        rows = charts.column_rows(values, height=4, col_width=col, scale=7, gap=max(1, col // 4))
        lines = [
            _title("Cramp nights per week")
            + charts.paint("  one bar = 7 nights", "$foreground-muted")
        ]
        lines.append(charts.count_row(values, col))
        lines += rows
        lines += [
            charts.paint(row, charts.CALM)
            for row in charts.date_rows([wk.first_night for wk in weeks], col)
        ]
        return "\n".join(lines)

    def monthly_chart(self, p: Patterns, width: int) -> str:
        """Years of nights: one bar per month, the most recent months that fit."""
        from crampcoach.core.pattern_months import monthly

        assert self._index is not None and p.period.tracked_from is not None
        months = list(monthly(self._index, p.period.tracked_from, p.period.last_night))
        shown = months[-max(1, width // 2) :]
        col = max(2, min(10, width // len(shown)))
        values = [m.cramp_nights for m in shown]
        rows = charts.column_rows(values, height=4, col_width=col, scale=31, gap=1)
        more = f", the last {len(shown)} months" if len(shown) < len(months) else ""
        lines = [
            _title("Cramp nights per month")
            + charts.paint(f"  one bar = a month{more}", "$foreground-muted")
        ]
        if col >= 3:
            lines.append(charts.count_row(values, col))
        lines += rows
        month_row = charts.labels_row(
            [
                charts.MONTHS[m.first_night.month - 1][: col - 1]
                if col < 4
                else charts.MONTHS[m.first_night.month - 1]
                for m in shown
            ],
            col,
        )
        years = [
            # The first month's year only when it is not about to collide with January's.
            str(m.first_night.year)
            if m.first_night.month == 1 or (i == 0 and m.first_night.month <= 9)
            else ""
            for i, m in enumerate(shown)
        ]
        lines += [
            charts.paint(month_row, charts.CALM),
            charts.paint(charts.labels_row(years, col), charts.CALM),
        ]
        return "\n".join(lines)

    def calendar(self, p: Patterns, width: int) -> str:
        first, last = p.period.first_night, p.period.last_night
        if p.period.tracked_from is not None and p.period.days is None:
            first = p.period.tracked_from
        index = self._index
        assert index is not None  # patterns are only computed from a loaded index
        nights = index.cramp_nights_list(first, last)
        cramp = {night: len(index.by_night[night]) for night in nights}
        columns = max(4, (width - 4) // 2)
        rows = charts.heat_calendar(cramp, first, last, p.period.tracked_from, columns)
        legend = (
            charts.paint("█", "$error") + " cramp  " + charts.paint("·", charts.CALM) + " quiet"
        )
        return "\n".join([_title("Nights"), *rows, legend])

    def weekday_bars(self, p: Patterns) -> str:
        cramp, tracked = p.weekdays.cramp_nights, p.weekdays.tracked_nights
        lines = [_title("By evening")]
        lines.append("")
        for i, key in enumerate(WEEKDAYS):
            n, of = cramp[i], tracked[i]
            bar = charts.hbar(n, of or 1, 12)
            lines.append(f"{key.capitalize()} {bar} {n}/{of}")
        lines.append(charts.paint("cramp nights / nights", charts.CALM))
        return "\n".join(lines)

    def hour_chart(self, p: Patterns, width: int) -> str:
        counts = [p.hours.counts[h] for h in NIGHT_HOURS]
        col = max(2, min(4, width // len(NIGHT_HOURS)))
        top = max(counts) if any(counts) else 1
        rows = charts.column_rows(counts, height=4, col_width=col, scale=top)
        step = 1 if col >= 3 else 2
        labels = [f"{h:02d}" if i % step == 0 else "" for i, h in enumerate(NIGHT_HOURS)]
        lines = [
            _title("Time of night") + f"  {p.hours.text}",
            charts.count_row(counts, col),
            *rows,
            charts.paint(charts.labels_row(labels, col), charts.CALM),
        ]
        outside = p.hours.total - sum(counts)
        if outside:
            lines.append(
                charts.paint(
                    f"+ {plural(outside, 'episode')} between 12:00 and 18:00", "$foreground-muted"
                )
            )
        return "\n".join(lines)

    def tally(self, title: str, tally: Any, allowed: tuple[str, ...]) -> str:
        lines = [_title(title)]
        counts = dict(tally.counts)
        top = max(counts.values(), default=0)
        if not top:
            lines.append(charts.paint("not noted yet", charts.CALM))
            return "\n".join(lines)
        shown = [k for k in allowed if counts.get(k)]
        width = max(len(vocab.label(k)) for k in shown)
        for key in shown:
            n = counts[key]
            lines.append(f"{vocab.label(key):<{width}} {charts.hbar(n, top, 10)} {n}")
        if tally.unknown:
            lines.append(charts.paint(f"not noted: {tally.unknown}", charts.CALM))
        return "\n".join(lines)

    def typical(self, p: Patterns) -> str:
        d, s = p.duration, p.intensity
        lines = [_title("A typical cramp")]
        if d.median is None:
            lines.append("How long: not noted yet.")
        else:
            span = (
                f" (from {format_duration(d.minimum)} to {format_duration(d.maximum)})"
                if d.count > 1
                else ""
            )
            lines.append(f"How long: [b]{format_duration(d.median)}[/b]{span}")
        if s.median is None:
            lines.append("How strong: not noted yet.")
        else:
            level = round(s.median)
            gauge = charts.paint("■" * level, "$error") + charts.paint(
                "□" * (10 - level), charts.TRACK
            )
            span = f" (from {s.minimum:g} to {s.maximum:g})" if s.count > 1 else ""
            lines.append(f"How strong: {gauge} [b]{s.median:g} of 10[/b]{span}")
        if p.longest is not None:
            today = self.cc_app.now().date()
            lines.append(
                charts.paint(
                    f"Longest: {format_duration(p.longest.episode.duration_s)}, "
                    f"night of {day_label(p.longest.night, today, weekday=False)}",
                    charts.CALM,
                )
            )
        return "\n".join(lines)

    def _pair(self, label: str, a: int, n: int, b: int, m: int, width: int) -> list[str]:
        bar_w = max(8, min(24, width - 40))
        return [
            f"[b]{label}[/b]",
            f"  with    {charts.hbar(percent(a, n), 100, bar_w)} "
            f"{percent(a, n):>3}%  {a} of {n} nights had cramps",
            f"  without {charts.hbar(percent(b, m), 100, bar_w, '$primary')} "
            f"{percent(b, m):>3}%  {b} of {m}",
        ]

    def factors(self, p: Patterns, width: int) -> str:
        lines = [
            _title("Evenings and cramp nights")
            + charts.paint("  from your check-ins", "$foreground-muted")
        ]
        ready = [f for f in p.factors if f.enough]
        waiting = [f for f in p.factors if f.comparable and not f.enough]
        only = [f for f in p.factors if not f.comparable]
        for f in ready:
            lines += self._pair(
                f.label.capitalize(),
                f.with_cramp_nights,
                f.with_nights,
                f.without_cramp_nights,
                f.without_nights,
                width,
            )
        if waiting:
            lines.append(self._waiting_text(waiting, bool(ready)))
        lines += [charts.paint(f.text[0].upper() + f.text[1:] + ".", charts.CALM) for f in only]
        return "\n".join(lines)

    @staticmethod
    def _waiting_text(waiting: list[FactorResult], some_ready: bool) -> str:
        need = MIN_NIGHTS_PER_SIDE
        how = (
            f"Each needs {need} checked-in nights with it and {need} without: "
            "press [b]c[/b] each evening for the check-in."
        )
        if all(f.with_nights + f.without_nights == 0 for f in waiting):
            return f"No evening check-ins in this period yet. {how}"
        parts = ", ".join(
            f"{f.label} ({f.with_nights} with, {f.without_nights} without)" for f in waiting
        )
        head = "Not enough data yet for" if some_ready else "Not enough data yet:"
        return f"{head} {parts}. {how}"

    def bedtime(self, p: Patterns, width: int) -> str:
        b = p.bedtime
        lines = [_title("Bedtime routine")]
        if b.enough:
            lines += self._pair(
                "Nights with the bedtime routine",
                b.with_cramp_nights,
                b.with_nights,
                b.without_cramp_nights,
                b.without_nights,
                width,
            )[1:]
        else:
            share = percent(b.with_nights, b.with_nights + b.without_nights)
            lines.append(
                f"Done on {b.with_nights} of {b.with_nights + b.without_nights} nights "
                f"({share}%). Not enough data yet to compare: {MIN_NIGHTS_PER_SIDE} nights "
                "with it and without it are needed."
            )
        return "\n".join(lines)

    def relief(self, p: Patterns, width: int) -> str:
        lines = [
            _title("What helped")
            + charts.paint("  median length of the cramp", "$foreground-muted")
        ]
        timed = [r for r in p.relief if r.median_duration_s is not None]
        if not timed:
            lines.append(
                charts.paint(
                    "Nothing noted yet. When you log a cramp, tick what helped.", charts.CALM
                )
            )
            return "\n".join(lines)
        top = max(r.median_duration_s or 0 for r in timed)
        name_w = max(len(r.label) for r in timed)
        bar_w = max(6, min(20, width - name_w - 30))
        for r in timed:
            bar = charts.hbar(r.median_duration_s or 0, top, bar_w, "$primary")
            lines.append(
                f"{user_markup(f'{r.label:<{name_w}}')} {bar} "
                f"{format_duration(r.median_duration_s):>7}  "
                + charts.paint(plural(r.episodes, "episode"), charts.CALM)
            )
        return "\n".join(lines)

    def streaks(self, p: Patterns) -> str:
        s = p.streaks
        today = self.cc_app.now().date()
        since = (
            f" (since {day_label(s.current_since, today, weekday=False)})"
            if s.current and s.current_since
            else ""
        )
        return "\n".join(
            [
                _title("Cramp-free nights"),
                f"Now: [b]{plural(s.current, 'night')}[/b]{since} · "
                f"longest: [b]{plural(s.longest, 'night')}[/b]",
            ]
        )
