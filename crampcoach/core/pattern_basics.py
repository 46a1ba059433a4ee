"""Single patterns: weeks, trend, hours, weekdays, where, which leg, typical values.

Split out of ``crampcoach.core.patterns``, which re-exports every name.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from datetime import date, timedelta

from crampcoach.core import vocab
from crampcoach.core.nights import DEFAULT_BOUNDARY_HOUR
from crampcoach.core.pattern_common import (
    TREND_WINDOW,
    WEEKS,
)
from crampcoach.core.pattern_index import (
    LoggedEpisode,
    NightIndex,
    window,
)
from crampcoach.core.pattern_results import (
    HourPattern,
    Summary,
    Trend,
    WeekCount,
    WeekdayPattern,
)
from crampcoach.core.pattern_tally import Tally, tally

# ---------------------------------------------------------------- single patterns


def weekly(
    index: NightIndex,
    last_night: date,
    weeks: int = WEEKS,
    tracked_from: date | None = None,
) -> tuple[WeekCount, ...]:
    """Cramp nights in each of ``weeks`` seven-night blocks ending with ``last_night``,
    oldest first. ``tracked_from`` (the journal's first night) fills ``tracked_nights``."""
    out: list[WeekCount] = []
    for i in range(weeks - 1, -1, -1):
        end = last_night - timedelta(days=7 * i)
        start = end - timedelta(days=6)
        if tracked_from is None:
            tracked = 7
        else:
            tracked = min(7, max(0, (end - max(start, tracked_from)).days + 1))
        out.append(
            WeekCount(
                first_night=start,
                last_night=end,
                cramp_nights=index.cramp_nights(start, end),
                episodes=len(index.between(start, end)),
                tracked_nights=tracked,
            )
        )
    return tuple(out)


def trend_spans(end: date, window_nights: int) -> tuple[date, date, date]:
    """The first night of the earlier span, the last of it and the first of the recent one."""
    first, _ = window(end, window_nights)
    before_last = first - timedelta(days=1)
    before_first, _ = window(before_last, window_nights)
    return before_first, before_last, first


def trend_known(end: date | None, tracked_from: date | None, window_nights: int) -> bool:
    """Whether the journal tracked every night of the earlier span a trend compares against."""
    if end is None or tracked_from is None:
        return False
    before_first, _, _ = trend_spans(end, window_nights)
    return tracked_from <= before_first


def trend(
    index: NightIndex,
    last_night: date,
    window_nights: int = TREND_WINDOW,
    tracked_from: date | None = None,
) -> Trend:
    """The last ``window_nights`` against the ones before; known only when the journal
    (its first record: ``tracked_from``) covers every night of the earlier span."""
    previous_first, previous_last, recent_first = trend_spans(last_night, window_nights)
    return Trend(
        window=window_nights,
        recent=index.cramp_nights(recent_first, last_night),
        previous=index.cramp_nights(previous_first, previous_last),
        recent_first=recent_first,
        previous_first=previous_first,
        known=trend_known(last_night, tracked_from, window_nights),
    )


def hours(
    items: Sequence[LoggedEpisode], boundary_hour: int = DEFAULT_BOUNDARY_HOUR
) -> HourPattern:
    """Episodes per local starting hour; ties for the typical hour go to the earlier
    hour of the night (counting from the boundary hour)."""
    counts = [0] * 24
    for item in items:
        counts[item.hour] += 1
    total = len(items)
    if not total:
        return HourPattern(tuple(counts), 0, None, 0)
    order = [(boundary_hour + k) % 24 for k in range(24)]
    best = max(order, key=lambda h: (counts[h], -order.index(h)))
    return HourPattern(tuple(counts), total, best, counts[best])


def weekdays(index: NightIndex, first: date | None, last: date) -> WeekdayPattern:
    cramp = [0] * 7
    tracked = [0] * 7
    if first is None or first > last:
        return WeekdayPattern(tuple(cramp), tuple(tracked))
    for night in index.cramp_nights_list(first, last):
        cramp[night.weekday()] += 1
    total = (last - first).days + 1
    full, rest = divmod(total, 7)
    tracked = [full] * 7
    for k in range(rest):
        tracked[(first.weekday() + k) % 7] += 1
    return WeekdayPattern(tuple(cramp), tuple(tracked))


def locations(items: Sequence[LoggedEpisode]) -> Tally:
    return tally((i.episode.locations for i in items), vocab.LOCATIONS)


def sides(items: Sequence[LoggedEpisode]) -> Tally:
    return tally((i.episode.side for i in items), vocab.SIDES)


def _summary(values: list[float]) -> Summary:
    if not values:
        return Summary(0, None, None, None)
    return Summary(len(values), statistics.median(values), min(values), max(values))


def duration(items: Sequence[LoggedEpisode]) -> Summary:
    """Durations in seconds."""
    return _summary([i.episode.duration_s for i in items if i.episode.duration_s is not None])


def intensity(items: Sequence[LoggedEpisode]) -> Summary:
    """Intensity on the 1–10 scale."""
    return _summary([i.episode.intensity for i in items if i.episode.intensity is not None])


def longest(items: Sequence[LoggedEpisode]) -> LoggedEpisode | None:
    """The longest timed episode (the earliest of equals)."""
    best: LoggedEpisode | None = None
    for item in items:
        d = item.episode.duration_s
        if d is not None and (best is None or d > (best.episode.duration_s or 0)):
            best = item
    return best
