"""Filtering and sorting the episode history (pure, so tests need no terminal)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from crampcoach.core.models import Episode
from crampcoach.core.nights import episode_night, night_of

PERIODS: dict[str, int | None] = {
    "all": None,
    "7 nights": 7,
    "30 nights": 30,
    "90 nights": 90,
    "365 nights": 365,
}


@dataclass(frozen=True)
class HistoryFilter:
    period: str = "all"
    location: str | None = None
    text: str = ""


def filter_episodes(
    episodes: Sequence[Episode],
    flt: HistoryFilter,
    now: datetime,
    boundary_hour: int = 12,
) -> list[Episode]:
    days = PERIODS.get(flt.period)
    first_night: date | None = None
    if days is not None:
        first_night = night_of(now, None, boundary_hour) - timedelta(days=days - 1)
    needle = flt.text.strip().casefold()
    out = []
    for ep in episodes:
        if first_night is not None and episode_night(ep, boundary_hour) < first_night:
            continue
        if flt.location and flt.location not in ep.locations:
            continue
        if needle and needle not in ep.notes.casefold():
            continue
        out.append(ep)
    return out


SORT_KEYS: dict[str, Callable[[Episode], Any]] = {
    "started": lambda e: e.started_at,
    "duration": lambda e: (e.duration_s is None, e.duration_s or 0),
    "side": lambda e: e.side or "",
    "where": lambda e: ",".join(e.locations),
    "intensity": lambda e: (e.intensity is None, e.intensity or 0),
    "flags": lambda e: len(e.red_flags),
}


def sort_episodes(episodes: Sequence[Episode], key: str, descending: bool) -> list[Episode]:
    return sorted(episodes, key=SORT_KEYS.get(key, SORT_KEYS["started"]), reverse=descending)


@dataclass(frozen=True)
class IndexedEpisode:
    """An episode with what filtering needs worked out once: its night and folded notes."""

    episode: Episode
    night: date
    folded_notes: str
    started_ts: float  # timestamps sort far faster than aware datetimes compare


def index_episodes(episodes: Sequence[Episode], boundary_hour: int = 12) -> list[IndexedEpisode]:
    """Precompute each episode's night and case-folded notes (done once, off the UI thread),
    so a keystroke in the search box only compares strings."""
    return [
        IndexedEpisode(
            ep, episode_night(ep, boundary_hour), ep.notes.casefold(), ep.started_at.timestamp()
        )
        for ep in episodes
    ]


def filter_indexed(
    index: Sequence[IndexedEpisode],
    flt: HistoryFilter,
    now: datetime,
    boundary_hour: int = 12,
) -> list[IndexedEpisode]:
    """The same answer as ``filter_episodes`` over the indexed episodes, without recomputing."""
    days = PERIODS.get(flt.period)
    first_night = None
    if days is not None:
        first_night = night_of(now, None, boundary_hour) - timedelta(days=days - 1)
    needle = flt.text.strip().casefold()
    location = flt.location
    return [
        item
        for item in index
        if (first_night is None or item.night >= first_night)
        and (not location or location in item.episode.locations)
        and (not needle or needle in item.folded_notes)
    ]


def sort_indexed(items: Sequence[IndexedEpisode], key: str, descending: bool) -> list[Episode]:
    """``sort_episodes`` over indexed episodes: the same order, faster by start time."""
    if key not in SORT_KEYS or key == "started":
        ordered = sorted(items, key=lambda i: i.started_ts, reverse=descending)
    else:
        by = SORT_KEYS[key]
        ordered = sorted(items, key=lambda i: by(i.episode), reverse=descending)
    return [i.episode for i in ordered]
