"""Nights run from noon to noon local time and are named by their evening's date.

A night that contains a DST change has 23 or 25 hours; it is still one night,
because grouping works on the local calendar, not on a count of hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_BOUNDARY_HOUR = 12


class _Timed(Protocol):
    """Anything that started at an instant in a known zone (episodes, routine runs)."""

    @property
    def started_at(self) -> datetime: ...

    @property
    def tz(self) -> str | None: ...


def zone_for(tz_name: str | None, fallback: tzinfo | None = None) -> tzinfo | None:
    if tz_name:
        try:
            return ZoneInfo(tz_name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return fallback


def night_of(
    instant: datetime,
    zone: tzinfo | None = None,
    boundary_hour: int = DEFAULT_BOUNDARY_HOUR,
) -> date:
    """The night an instant belongs to, in ``zone`` (or the instant's own offset)."""
    local = instant.astimezone(zone) if zone is not None else instant
    day = local.date()
    return day - timedelta(days=1) if local.hour < boundary_hour else day


def night_bounds(night: date, zone: tzinfo, boundary_hour: int = DEFAULT_BOUNDARY_HOUR):
    """The first and last instant of a night (the end is exclusive)."""
    start = datetime(night.year, night.month, night.day, boundary_hour, tzinfo=zone)
    nxt = night + timedelta(days=1)
    end = datetime(nxt.year, nxt.month, nxt.day, boundary_hour, tzinfo=zone)
    return start, end


def night_range(last: date, count: int) -> list[date]:
    """``count`` nights ending with ``last``, oldest first."""
    return [last - timedelta(days=count - 1 - i) for i in range(count)]


def group_by_night(
    items: Iterable[tuple[datetime, str | None]],
    boundary_hour: int = DEFAULT_BOUNDARY_HOUR,
) -> dict[date, int]:
    """Count events per night, each in its own recorded zone."""
    counts: dict[date, int] = {}
    for instant, tz_name in items:
        night = night_of(instant, zone_for(tz_name), boundary_hour)
        counts[night] = counts.get(night, 0) + 1
    return counts


def episode_night(episode: _Timed, boundary_hour: int = DEFAULT_BOUNDARY_HOUR) -> date:
    """The night of anything with ``started_at`` and ``tz`` (episodes, routine runs)."""
    return night_of(episode.started_at, zone_for(episode.tz), boundary_hour)
