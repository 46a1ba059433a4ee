"""The Patterns screen's parts as Textual markup, each a function of the numbers and a width.

The numbers come from ``crampcoach.core.patterns``; these only draw them (block characters in
theme colours, see :mod:`crampcoach.ui.charts`). Each part is drawn by its own widget
(``ui/widgets/pattern_part.py``) from the screen's ``ChartView``; nothing here reads the
journal or a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from crampcoach.core import vocab
from crampcoach.core.dates import day_label
from crampcoach.core.patterns import (
    MIN_NIGHTS_PER_SIDE,
    WEEKDAYS,
    FactorResult,
    NightIndex,
    Patterns,
    Trend,
    format_duration,
    percent,
    plural,
)
from crampcoach.ui import charts
from crampcoach.ui.text import user_markup

NIGHT_HOURS: tuple[int, ...] = tuple((18 + k) % 24 for k in range(18))  # 18:00 → 11:00


@dataclass(frozen=True, eq=False)
class ChartData:
    """What every part draws from: one period's numbers, the nights they came from, today."""

    patterns: Patterns
    index: NightIndex
    today: date


@dataclass(frozen=True, eq=False)
class ChartView:
    """The screen's state its parts are bound to: the data and the width to draw it at.

    Compared by identity (``eq=False``): a new view is a new reading, period or width."""

    data: ChartData | None
    width: int


def _title(text: str) -> str:
    return f"[b $primary]{text}[/]"


def headline(v: ChartData, width: int) -> str:
    p = v.patterns
    n = p.nights
    from crampcoach.core.pattern_words import span_words

    span = span_words(p.period, v.today)
    trend = p.trend.text[0].upper() + p.trend.text[1:]
    return (
        f"[b]{plural(n.in_period, 'cramp night')}[/b] in {span} "
        f"({plural(n.episodes_in_period, 'episode')}).\n"
        f"{_trend_mark(p.trend)}{trend}"
    )


def _trend_mark(trend: Trend) -> str:
    """An arrow only for a change big enough to call a trend (``Trend.clear``)."""
    if trend.clear:
        return "▲ " if trend.direction == "up" else "▼ "
    return {"same": "= ", "unknown": ""}.get(trend.direction, "≈ ")


def weekly_chart(v: ChartData, width: int) -> str:
    p = v.patterns
    from crampcoach.core.pattern_months import bars_fit

    weeks = list(p.weekly)
    if not bars_fit(len(weeks), width) and p.period.tracked_from is not None:
        return monthly_chart(v, width)
    col = max(2, min(10, width // max(1, len(weeks))))
    values = [wk.cramp_nights if wk.tracked_nights else None for wk in weeks]
    rows = charts.column_rows(values, height=4, col_width=col, scale=7, gap=max(1, col // 4))
    lines = [
        _title("Cramp nights per week") + charts.paint("  one bar = 7 nights", "$foreground-muted")
    ]
    lines.append(charts.count_row(values, col))
    lines += rows
    lines += [
        charts.paint(row, charts.CALM)
        for row in charts.date_rows([wk.first_night for wk in weeks], col)
    ]
    return "\n".join(lines)


def monthly_chart(v: ChartData, width: int) -> str:
    """Years of nights: one bar per month, the most recent months that fit."""
    p = v.patterns
    from crampcoach.core.pattern_months import monthly

    assert p.period.tracked_from is not None
    months = list(monthly(v.index, p.period.tracked_from, p.period.last_night))
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


def calendar(v: ChartData, width: int) -> str:
    p = v.patterns
    width = max(20, width - 34)  # it shares its row with the weekday bars
    first, last = p.period.first_night, p.period.last_night
    if p.period.tracked_from is not None and p.period.days is None:
        first = p.period.tracked_from
    index = v.index
    nights = index.cramp_nights_list(first, last)
    cramp = {night: len(index.by_night[night]) for night in nights}
    columns = max(4, (width - 4) // 2)
    rows = charts.heat_calendar(cramp, first, last, p.period.tracked_from, columns)
    legend = charts.paint("█", "$error") + " cramp  " + charts.paint("·", charts.CALM) + " quiet"
    return "\n".join([_title("Nights"), *rows, legend])


def weekday_bars(v: ChartData, width: int) -> str:
    p = v.patterns
    cramp, tracked = p.weekdays.cramp_nights, p.weekdays.tracked_nights
    lines = [_title("By evening")]
    lines.append("")
    for i, key in enumerate(WEEKDAYS):
        n, of = cramp[i], tracked[i]
        bar = charts.hbar(n, of or 1, 12)
        lines.append(f"{key.capitalize()} {bar} {n}/{of}")
    lines.append(charts.paint("cramp nights / nights", charts.CALM))
    return "\n".join(lines)


def hour_chart(v: ChartData, width: int) -> str:
    p = v.patterns
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


def _tally(title: str, tally: Any, allowed: tuple[str, ...]) -> str:
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


def typical(v: ChartData, width: int) -> str:
    p = v.patterns
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
        gauge = charts.paint("■" * level, "$error") + charts.paint("□" * (10 - level), charts.TRACK)
        span = f" (from {s.minimum:g} to {s.maximum:g})" if s.count > 1 else ""
        lines.append(f"How strong: {gauge} [b]{s.median:g} of 10[/b]{span}")
    if p.longest is not None:
        today = v.today
        lines.append(
            charts.paint(
                f"Longest: {format_duration(p.longest.episode.duration_s)}, "
                f"night of {day_label(p.longest.night, today, weekday=False)}",
                charts.CALM,
            )
        )
    return "\n".join(lines)


def _pair(label: str, a: int, n: int, b: int, m: int, width: int) -> list[str]:
    bar_w = max(8, min(24, width - 40))
    return [
        f"[b]{label}[/b]",
        f"  with    {charts.hbar(percent(a, n), 100, bar_w)} "
        f"{percent(a, n):>3}%  {a} of {n} nights had cramps",
        f"  without {charts.hbar(percent(b, m), 100, bar_w, '$primary')} "
        f"{percent(b, m):>3}%  {b} of {m}",
    ]


def factors(v: ChartData, width: int) -> str:
    p = v.patterns
    lines = [
        _title("Evenings and cramp nights")
        + charts.paint("  from your check-ins", "$foreground-muted")
    ]
    ready = [f for f in p.factors if f.enough]
    waiting = [f for f in p.factors if f.comparable and not f.enough]
    only = [f for f in p.factors if not f.comparable]
    for f in ready:
        lines += _pair(
            f.label.capitalize(),
            f.with_cramp_nights,
            f.with_nights,
            f.without_cramp_nights,
            f.without_nights,
            width,
        )
    if waiting:
        lines.append(_waiting_text(waiting, bool(ready)))
    lines += [charts.paint(f.text[0].upper() + f.text[1:] + ".", charts.CALM) for f in only]
    return "\n".join(lines)


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


def bedtime(v: ChartData, width: int) -> str:
    p = v.patterns
    b = p.bedtime
    lines = [_title("Bedtime routine")]
    if b.enough:
        lines += _pair(
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


def relief(v: ChartData, width: int) -> str:
    p = v.patterns
    lines = [
        _title("What helped") + charts.paint("  median length of the cramp", "$foreground-muted")
    ]
    timed = [r for r in p.relief if r.median_duration_s is not None]
    if not timed:
        lines.append(
            charts.paint("Nothing noted yet. When you log a cramp, tick what helped.", charts.CALM)
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


def streaks(v: ChartData, width: int) -> str:
    p = v.patterns
    s = p.streaks
    today = v.today
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


def locations(v: ChartData, width: int) -> str:
    return _tally("Where", v.patterns.locations, vocab.LOCATIONS)


def sides(v: ChartData, width: int) -> str:
    return _tally("Which leg", v.patterns.sides, vocab.SIDES)


def triggers(v: ChartData, width: int) -> str:
    return _tally("Noted with cramps", v.patterns.triggers, vocab.TRIGGERS)


Draw = Callable[[ChartData, int], str]

# Each part's widget id and how it is drawn, in the order on screen.
PARTS: dict[str, Draw] = {
    "pt-headline": headline,
    "pt-weekly": weekly_chart,
    "pt-calendar": calendar,
    "pt-weekdays": weekday_bars,
    "pt-hours": hour_chart,
    "pt-locations": locations,
    "pt-sides": sides,
    "pt-triggers": triggers,
    "pt-typical": typical,
    "pt-factors": factors,
    "pt-bedtime": bedtime,
    "pt-relief": relief,
    "pt-streaks": streaks,
}
