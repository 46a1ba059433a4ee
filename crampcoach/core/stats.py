"""``crampcoach stats --json``: the pattern numbers and the doctor advice as plain data.

The schema is stable and documented in docs/stats-schema.md; bump ``SCHEMA_VERSION``
when a key changes meaning or goes away (adding keys does not bump it).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date, datetime
from typing import Any

from crampcoach.core import vocab
from crampcoach.core.doctor import (
    Advice,
    advise,
    numbers_from_settings,
    thresholds_from_settings,
)
from crampcoach.core.doctor_visit import DoctorVisit
from crampcoach.core.models import CheckIn, Episode, Profile, RoutineRun, Settings
from crampcoach.core.patterns import (
    WEEKDAYS,
    Patterns,
    Summary,
    Tally,
    compute_patterns,
    index_episodes,
    journal_first_night,
    local_start,
    percent,
)
from crampcoach.core.times import to_iso

SCHEMA_VERSION = 2  # 2: trend.direction may be "unknown" (a trend the journal cannot know yet)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _num(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 2)


def _plain(value: Any) -> Any:
    """Make a value JSON-safe (tuples to lists, dates to ISO text)."""
    if isinstance(value, datetime):
        return to_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


def _tally(tally: Tally, allowed: tuple[str, ...]) -> dict[str, Any]:
    counts = dict.fromkeys(allowed, 0)
    counts.update(dict(tally.counts))
    return {"counts": counts, "total": tally.total, "unknown": tally.unknown}


def _summary(summary: Summary) -> dict[str, Any]:
    return {
        "count": summary.count,
        "median": _num(summary.median),
        "min": _num(summary.minimum),
        "max": _num(summary.maximum),
    }


def _side(nights: int, cramp_nights: int) -> dict[str, int]:
    return {
        "nights": nights,
        "cramp_nights": cramp_nights,
        "percent": percent(cramp_nights, nights),
    }


def advice_json(advice: Advice, thresholds: Mapping[str, float] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "level": advice.level,
        "headline": advice.headline,
        "whom": list(advice.whom),
        "note_own_threshold": advice.note_own_threshold,
        "notes": list(advice.notes),
        "help": list(advice.help),
        "reasons": [
            {
                "rule_id": r.rule_id,
                "level": r.level,
                "text": r.text,
                "whom": list(r.whom),
                "numbers": _plain(r.numbers),
            }
            for r in advice.reasons
        ],
    }
    if thresholds is not None:
        data["thresholds"] = {k: _num(v) for k, v in thresholds.items()}
    return data


def patterns_json(p: Patterns) -> dict[str, Any]:
    """Everything in the schema except ``generated_at`` and ``advice``."""
    longest = None
    if p.longest is not None:
        longest = {
            "id": p.longest.episode.id,
            "started_at": to_iso(local_start(p.longest)),
            "night": p.longest.night.isoformat(),
            "duration_s": p.longest.episode.duration_s,
        }
    duration = _summary(p.duration)
    duration = {
        "count": duration["count"],
        "median_s": duration["median"],
        "min_s": duration["min"],
        "max_s": duration["max"],
        "longest": longest,
    }
    return {
        "period": {
            "first_night": _day(p.period.first_night),
            "last_night": _day(p.period.last_night),
            "nights": p.period.nights,
            "days": p.period.days,
            "tracked_from": _day(p.period.tracked_from),
            "tracked_nights": p.period.tracked_nights,
            "settled_until": _day(p.period.settled_until),
        },
        "nights": {
            "last_7": p.nights.last_7,
            "last_30": p.nights.last_30,
            "woke_last_7": p.nights.woke_last_7,
            "woke_last_30": p.nights.woke_last_30,
            "in_period": p.nights.in_period,
            "episodes_in_period": p.nights.episodes_in_period,
        },
        "weekly": [
            {
                "first_night": w.first_night.isoformat(),
                "last_night": w.last_night.isoformat(),
                "cramp_nights": w.cramp_nights,
                "episodes": w.episodes,
                "tracked_nights": w.tracked_nights,
            }
            for w in p.weekly
        ],
        "trend": {
            "window": p.trend.window,
            "recent": p.trend.recent,
            "previous": p.trend.previous,
            "recent_first": p.trend.recent_first.isoformat(),
            "previous_first": p.trend.previous_first.isoformat(),
            "known": p.trend.known,
            "direction": p.trend.direction,
            "clear": p.trend.clear,
            "ratio": _num(p.trend.ratio),
        },
        "hours": {
            "counts": list(p.hours.counts),
            "total": p.hours.total,
            "typical_hour": p.hours.typical_hour,
            "typical_count": p.hours.typical_count,
        },
        "weekdays": p.weekdays.as_dict(),
        "locations": _tally(p.locations, vocab.LOCATIONS),
        "sides": _tally(p.sides, vocab.SIDES),
        "triggers": _tally(p.triggers, vocab.TRIGGERS),
        "duration": duration,
        "intensity": _summary(p.intensity),
        "factors": [
            {
                "key": f.key,
                "label": f.label,
                "triggers": list(f.triggers),
                "comparable": f.comparable,
                "enough": f.enough,
                "with": _side(f.with_nights, f.with_cramp_nights),
                "without": _side(f.without_nights, f.without_cramp_nights),
                "text": f.text,
            }
            for f in p.factors
        ],
        "relief": [
            {
                "method": r.method,
                "label": r.label,
                "episodes": r.episodes,
                "timed_episodes": r.timed_episodes,
                "median_duration_s": _num(r.median_duration_s),
                "text": r.text,
            }
            for r in p.relief
        ],
        "bedtime": {
            "enough": p.bedtime.enough,
            "with": _side(p.bedtime.with_nights, p.bedtime.with_cramp_nights),
            "without": _side(p.bedtime.without_nights, p.bedtime.without_cramp_nights),
            "text": p.bedtime.text,
        },
        "streaks": {
            "current": p.streaks.current,
            "longest": p.streaks.longest,
            "current_since": _day(p.streaks.current_since),
            "counted_until": _day(p.streaks.counted_until),
        },
    }


def stats_json(
    episodes: Iterable[Episode],
    checkins: Iterable[CheckIn],
    runs: Iterable[RoutineRun],
    profile: Profile | None,
    settings: Settings | None,
    now: datetime,
    *,
    days: int | None = None,
    bedtime_routine_ids: Collection[str] = (),
    visits: Iterable[DoctorVisit] = (),
) -> dict[str, Any]:
    """The stable JSON document for ``crampcoach stats --json`` (see docs/stats-schema.md)."""
    settings = settings or Settings()
    boundary = settings.night_boundary_hour
    index = index_episodes(episodes, boundary)
    checkins, runs = list(checkins), list(runs)
    p = compute_patterns(
        index, checkins, runs, now=now, days=days, bedtime_routine_ids=bedtime_routine_ids
    )
    thresholds = thresholds_from_settings(settings)
    advice = advise(
        index,
        profile,
        now=now,
        thresholds=thresholds,
        first_night=journal_first_night(index, checkins, runs),
        visits=visits,
        numbers=numbers_from_settings(settings),
    )
    out: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "generated_at": to_iso(now),
        "boundary_hour": boundary,
    }
    out.update(patterns_json(p))
    out["advice"] = advice_json(advice, thresholds)
    return out


__all__ = [
    "SCHEMA_VERSION",
    "WEEKDAYS",
    "advice_json",
    "local_start",
    "patterns_json",
    "stats_json",
]
