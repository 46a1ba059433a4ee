"""Patterns in the journal: pure functions over episodes, check-ins and routine runs.

Every result carries the numbers behind it, so a screen, the report and
``crampcoach stats --json`` can show them. Nothing here reads the clock: callers hand
in ``now`` (an aware datetime) and the night ``boundary_hour``.

Conventions
- A *cramp night* is a night with at least one logged episode (woken or not).
- Windows such as "the last 7 nights" end with the night that contains ``now``
  (:func:`reference_night`), so a cramp logged a minute ago always counts.
- Shares (factors, bedtime routine) and streaks only use *settled* nights: the
  night that contains ``now`` counts once local midnight has passed, so an evening
  that has not been slept through yet does not look cramp-free.
- Nights before the journal's first record are not counted as cramp-free.
- The language is of association, never cause.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime, timedelta

from crampcoach.core.models import CheckIn, Episode, RoutineRun
from crampcoach.core.nights import DEFAULT_BOUNDARY_HOUR, episode_night
from crampcoach.core.pattern_basics import (
    _summary,
    duration,
    hours,
    intensity,
    locations,
    longest,
    sides,
    trend,
    trend_known,
    trend_spans,
    weekdays,
    weekly,
)
from crampcoach.core.pattern_common import (
    _MONTHS,
    LITTLE_WATER_GLASSES,
    MIN_NIGHTS_PER_SIDE,
    NO_TALLY,
    TREND_WINDOW,
    WEEKDAY_NAMES,
    WEEKDAYS,
    WEEKS,
    format_duration,
    format_night,
    format_number,
    hour_span,
    percent,
    plural,
)
from crampcoach.core.pattern_factors import (
    FACTORS,
    _checkins_in,
    _Factor,
    _present,
    _share_text,
    factors,
)
from crampcoach.core.pattern_habits import (
    bedtime,
    relief,
    streaks,
)
from crampcoach.core.pattern_index import (
    _ZONES,
    LoggedEpisode,
    NightIndex,
    _local_hour,
    _zone,
    index_episodes,
    local_start,
    reference_night,
    settled_night,
    window,
)
from crampcoach.core.pattern_results import (
    BedtimeResult,
    FactorResult,
    HourPattern,
    NightCounts,
    Patterns,
    Period,
    ReliefResult,
    Streaks,
    Summary,
    Trend,
    WeekCount,
    WeekdayPattern,
)
from crampcoach.core.pattern_tally import (
    Tally,
    tally,
    trigger_counts,
)

# Everything the pattern modules define stays importable from here.
__all__ = [
    "FACTORS",
    "LITTLE_WATER_GLASSES",
    "MIN_NIGHTS_PER_SIDE",
    "NO_TALLY",
    "TREND_WINDOW",
    "WEEKDAYS",
    "WEEKDAY_NAMES",
    "WEEKS",
    "_MONTHS",
    "_ZONES",
    "BedtimeResult",
    "FactorResult",
    "HourPattern",
    "LoggedEpisode",
    "NightCounts",
    "NightIndex",
    "Patterns",
    "Period",
    "ReliefResult",
    "Streaks",
    "Summary",
    "Tally",
    "Trend",
    "WeekCount",
    "WeekdayPattern",
    "_Factor",
    "_checkins_in",
    "_local_hour",
    "_present",
    "_share_text",
    "_summary",
    "_zone",
    "bedtime",
    "compute_patterns",
    "duration",
    "factors",
    "format_duration",
    "format_night",
    "format_number",
    "hour_span",
    "hours",
    "index_episodes",
    "intensity",
    "journal_first_night",
    "local_start",
    "locations",
    "longest",
    "percent",
    "plural",
    "reference_night",
    "relief",
    "settled_night",
    "sides",
    "streaks",
    "tally",
    "trend",
    "trend_known",
    "trend_spans",
    "trigger_counts",
    "weekdays",
    "weekly",
    "window",
]


# ---------------------------------------------------------------- everything at once


def journal_first_night(
    index: NightIndex,
    checkins: Iterable[CheckIn],
    runs: Iterable[RoutineRun],
) -> date | None:
    """The earliest night with any record: episode, check-in or routine run."""
    candidates = [d for d in (index.first_night,) if d is not None]
    first_checkin = min((c.night for c in checkins), default=None)
    if first_checkin is not None:
        candidates.append(first_checkin)
    first_run = min((episode_night(r, index.boundary_hour) for r in runs), default=None)
    if first_run is not None:
        candidates.append(first_run)
    return min(candidates, default=None)


def compute_patterns(
    episodes: Iterable[Episode] | NightIndex,
    checkins: Iterable[CheckIn] = (),
    runs: Iterable[RoutineRun] = (),
    *,
    now: datetime,
    boundary_hour: int = DEFAULT_BOUNDARY_HOUR,
    days: int | None = None,
    bedtime_routine_ids: Collection[str] = (),
    weeks: int = WEEKS,
    min_per_side: int = MIN_NIGHTS_PER_SIDE,
) -> Patterns:
    """All patterns for the nights up to the one containing ``now``.

    ``days`` limits the period to that many nights (None: the whole journal). Pass a
    prebuilt :class:`NightIndex` as ``episodes`` to share it with the doctor rules (its
    own boundary hour is then used). ``bedtime_routine_ids`` names the routines whose
    runs count as "bedtime routine done".
    """
    index = (
        episodes if isinstance(episodes, NightIndex) else index_episodes(episodes, boundary_hour)
    )
    boundary_hour = index.boundary_hour
    checkins = list(checkins)
    runs = list(runs)
    ref = reference_night(now, boundary_hour)
    settled = settled_night(now, boundary_hour)
    journal_first = journal_first_night(index, checkins, runs)
    if days is not None:
        first, _ = window(ref, days)
    else:
        first = journal_first if journal_first is not None and journal_first <= ref else ref
    tracked = None if journal_first is None else max(first, journal_first)
    period = Period(first, ref, days, tracked, settled)

    items = index.between(first, ref)
    d7, _ = window(ref, 7)
    d30, _ = window(ref, 30)
    counts = NightCounts(
        last_7=index.cramp_nights(d7, ref),
        last_30=index.cramp_nights(d30, ref),
        woke_last_7=index.woke_nights(d7, ref),
        woke_last_30=index.woke_nights(d30, ref),
        in_period=index.cramp_nights(first, ref),
        episodes_in_period=len(items),
    )
    by_night = _checkins_in(checkins, tracked, settled)
    return Patterns(
        period=period,
        nights=counts,
        weekly=weekly(
            index,
            ref,
            weeks,
            journal_first if journal_first is not None else ref + timedelta(days=1),
        ),
        trend=trend(index, ref, TREND_WINDOW, journal_first),
        hours=hours(items, boundary_hour),
        weekdays=weekdays(index, tracked, ref),
        locations=locations(items),
        sides=sides(items),
        duration=duration(items),
        intensity=intensity(items),
        longest=longest(items),
        factors=factors(index, (), tracked, settled, min_per_side, _by_night=by_night),
        relief=relief(items),
        bedtime=bedtime(
            index, (), runs, bedtime_routine_ids, tracked, settled, min_per_side, _by_night=by_night
        ),
        streaks=streaks(index, tracked, settled, ref),
        triggers=trigger_counts(i.episode for i in items),
    )
