"""What helped, the bedtime routine and cramp-free streaks.

Split out of ``crampcoach.core.patterns``, which re-exports every name.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection, Iterable, Sequence
from datetime import date, timedelta
from itertools import pairwise

from crampcoach.core import vocab
from crampcoach.core.models import CheckIn, RoutineRun
from crampcoach.core.nights import episode_night
from crampcoach.core.pattern_common import (
    MIN_NIGHTS_PER_SIDE,
)
from crampcoach.core.pattern_factors import (
    _checkins_in,
    _share_text,
)
from crampcoach.core.pattern_index import (
    LoggedEpisode,
    NightIndex,
)
from crampcoach.core.pattern_results import (
    BedtimeResult,
    ReliefResult,
    Streaks,
)


def relief(items: Sequence[LoggedEpisode]) -> tuple[ReliefResult, ...]:
    """Median duration of episodes by relief method, shortest median first."""
    durations: dict[str, list[int]] = {}
    counts: dict[str, int] = {}
    for item in items:
        ep = item.episode
        for method in ep.relief:
            counts[method] = counts.get(method, 0) + 1
            if ep.duration_s is not None:
                durations.setdefault(method, []).append(ep.duration_s)
    order = {k: i for i, k in enumerate(vocab.RELIEF)}
    out = []
    for method, count in counts.items():
        timed = durations.get(method, [])
        out.append(
            ReliefResult(
                method=method,
                label=vocab.label(method),
                episodes=count,
                timed_episodes=len(timed),
                median_duration_s=statistics.median(timed) if timed else None,
            )
        )
    out.sort(
        key=lambda r: (
            r.median_duration_s is None,
            r.median_duration_s or 0,
            -r.episodes,
            order.get(r.method, 99),
        )
    )
    return tuple(out)


def bedtime(
    index: NightIndex,
    checkins: Iterable[CheckIn],
    runs: Iterable[RoutineRun],
    bedtime_routine_ids: Collection[str],
    first: date | None,
    last: date,
    min_per_side: int = MIN_NIGHTS_PER_SIDE,
    *,
    _by_night: dict[date, CheckIn] | None = None,
) -> BedtimeResult:
    """Cramp shares on nights with the bedtime routine and without it.

    A night has the routine when its check-in says so or a run of one of
    ``bedtime_routine_ids`` started that night (evening). All tracked nights count.
    """
    if first is None or first > last:
        enough, text = _share_text("nights with the bedtime routine", 0, 0, 0, 0, min_per_side)
        return BedtimeResult(0, 0, 0, 0, enough, text)
    by_night = _by_night if _by_night is not None else _checkins_in(checkins, first, last)
    with_routine = {night for night, c in by_night.items() if c.bedtime_routine}
    ids = set(bedtime_routine_ids)
    boundary = index.boundary_hour
    for run in runs:
        if run.routine_id in ids:
            night = episode_night(run, boundary)
            if first <= night <= last:
                with_routine.add(night)
    total = (last - first).days + 1
    n = len(with_routine)
    a = sum(1 for night in with_routine if night in index.by_night)
    cramp_total = index.cramp_nights(first, last)
    m = total - n
    b = cramp_total - a
    enough, text = _share_text("nights with the bedtime routine", a, n, b, m, min_per_side)
    return BedtimeResult(n, a, m, b, enough, text)


def streaks(index: NightIndex, first: date | None, settled: date, reference: date) -> Streaks:
    """Current and longest runs of cramp-free nights from ``first`` to ``settled``.

    A cramp in the night in progress (``reference``, if later than ``settled``)
    ends the current run at once.
    """
    if first is None or first > settled:
        return Streaks(0, 0, None, settled)
    cramp = index.cramp_nights_list(first, settled)
    if not cramp:
        current = (settled - first).days + 1
        since: date | None = first
        longest_run = current
    else:
        longest_run = (cramp[0] - first).days
        for a, b in pairwise(cramp):
            longest_run = max(longest_run, (b - a).days - 1)
        current = (settled - cramp[-1]).days
        longest_run = max(longest_run, current)
        since = cramp[-1] + timedelta(days=1) if current else None
    if reference > settled and index.cramp_nights(settled + timedelta(days=1), reference):
        current, since = 0, None
    return Streaks(current, longest_run, since, settled)
