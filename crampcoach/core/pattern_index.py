"""The night index: episodes grouped by night, and the windows patterns look at.

Split out of ``crampcoach.core.patterns``, which re-exports every name.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from crampcoach.core.kept_per_record import KeptPerRecord
from crampcoach.core.models import Episode
from crampcoach.core.nights import DEFAULT_BOUNDARY_HOUR, episode_night, night_of, zone_for

# ---------------------------------------------------------------- the night index


@dataclass(frozen=True, slots=True)
class LoggedEpisode:
    """An episode with its night and local starting hour, computed once."""

    episode: Episode
    night: date
    hour: int


class NightIndex:
    """Episodes grouped by night, sorted, with fast range counts.

    Build it once (:func:`index_episodes`) and hand it to the functions here and to
    the doctor rules; the night of each episode is computed only once.
    """

    __slots__ = ("_woke_keys", "boundary_hour", "by_night", "items", "night_keys")

    def __init__(self, items: list[LoggedEpisode], boundary_hour: int) -> None:
        items.sort(key=lambda item: (item.night, item.episode.started_at))
        self.items: tuple[LoggedEpisode, ...] = tuple(items)
        self.boundary_hour = boundary_hour
        by_night: dict[date, list[LoggedEpisode]] = {}
        woke: list[date] = []
        for item in items:
            bucket = by_night.get(item.night)
            if bucket is None:
                by_night[item.night] = [item]
            else:
                bucket.append(item)
        for night, bucket in by_night.items():
            if any(i.episode.woke_me for i in bucket):
                woke.append(night)
        self.by_night: dict[date, list[LoggedEpisode]] = by_night
        self.night_keys: list[date] = list(by_night)  # already sorted
        self._woke_keys = woke

    def __len__(self) -> int:
        return len(self.items)

    @property
    def first_night(self) -> date | None:
        return self.night_keys[0] if self.night_keys else None

    def between(self, first: date, last: date) -> Sequence[LoggedEpisode]:
        """Episodes of the nights ``first`` to ``last`` (both included)."""
        if not self.items or first > last:
            return ()
        lo = bisect_left(self.items, first, key=lambda i: i.night)
        hi = bisect_right(self.items, last, key=lambda i: i.night)
        return self.items[lo:hi]

    def cramp_nights(self, first: date, last: date) -> int:
        """How many nights from ``first`` to ``last`` had at least one episode."""
        if first > last:
            return 0
        return bisect_right(self.night_keys, last) - bisect_left(self.night_keys, first)

    def woke_nights(self, first: date, last: date) -> int:
        """How many nights from ``first`` to ``last`` had an episode that woke the user."""
        if first > last:
            return 0
        return bisect_right(self._woke_keys, last) - bisect_left(self._woke_keys, first)

    def cramp_nights_list(self, first: date, last: date) -> list[date]:
        lo = bisect_left(self.night_keys, first)
        hi = bisect_right(self.night_keys, last)
        return self.night_keys[lo:hi]

    def has_cramp(self, night: date) -> bool:
        return night in self.by_night


def logged_episodes(episodes: Iterable[Episode], boundary_hour: int) -> list[LoggedEpisode]:
    """Each episode's night (in its own recorded zone) and local hour, worked out once."""
    return [
        LoggedEpisode(episode, episode_night(episode, boundary_hour), _local_hour(episode))
        for episode in episodes
    ]


def index_episodes(
    episodes: Iterable[Episode], boundary_hour: int = DEFAULT_BOUNDARY_HOUR
) -> NightIndex:
    """Compute each episode's night (in its own recorded zone) and local hour, once."""
    return NightIndex(logged_episodes(episodes, boundary_hour), boundary_hour)


_ZONES: dict[str, tzinfo | None] = {}


def _zone(tz: str | None) -> tzinfo | None:
    if not tz:
        return None
    zone = _ZONES.get(tz, False)
    if zone is False:
        zone = _ZONES[tz] = zone_for(tz)
    return zone  # type: ignore[return-value]


def _local_hour(episode: Episode) -> int:
    zone = _zone(episode.tz)
    if zone is None:
        return episode.started_at.hour
    return episode.started_at.astimezone(zone).hour


def local_start(item: LoggedEpisode | Episode) -> datetime:
    """When an episode began, in its own recorded zone (or its stored offset)."""
    episode = item.episode if isinstance(item, LoggedEpisode) else item
    zone = _zone(episode.tz)
    return episode.started_at.astimezone(zone) if zone is not None else episode.started_at


def reference_night(now: datetime, boundary_hour: int = DEFAULT_BOUNDARY_HOUR) -> date:
    """The night that contains ``now`` (in ``now``'s own zone): windows end with it."""
    return night_of(now, None, boundary_hour)


def settled_night(now: datetime, boundary_hour: int = DEFAULT_BOUNDARY_HOUR) -> date:
    """The latest night whose local midnight has passed (it has been slept through)."""
    ref = reference_night(now, boundary_hour)
    return ref if now.date() > ref else ref - timedelta(days=1)


def window(last: date, count: int) -> tuple[date, date]:
    """First and last night of the ``count`` nights ending with ``last``."""
    return last - timedelta(days=max(count, 1) - 1), last


class IndexKeeper:
    """Patterns' night index, kept between openings: each episode's night and hour are worked
    out once (``core/kept_per_record``), and the whole index is handed back while every
    episode is the same object."""

    __slots__ = ("_boundary", "_index", "_items")

    def __init__(self) -> None:
        self._items: KeptPerRecord[Episode, LoggedEpisode] = KeptPerRecord()
        self._boundary: int | None = None
        self._index: NightIndex | None = None

    def missing(self, episodes: Sequence[Episode], boundary_hour: int) -> int:
        """How many episodes ``index`` would have to work out anew."""
        if boundary_hour != self._boundary:
            return len(episodes)
        return self._items.missing(episodes, boundary_hour)

    def index(self, episodes: Sequence[Episode], boundary_hour: int) -> NightIndex:
        if (
            self._index is None
            or boundary_hour != self._boundary
            or self._items.missing(episodes, boundary_hour)
            or len(episodes) != len(self._index)
        ):
            items = self._items.values(episodes, boundary_hour, logged_episodes)
            self._index = NightIndex(items, boundary_hour)
            self._boundary = boundary_hour
        return self._index
