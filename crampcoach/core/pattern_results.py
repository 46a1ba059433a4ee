"""The result types of the patterns; each carries the numbers behind its words.

Split out of ``crampcoach.core.patterns``, which re-exports every name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from crampcoach.core.pattern_common import (
    CLEAR_CHANGE_NIGHTS,
    CLEAR_CHANGE_RATIO,
    NO_TALLY,
    NO_TREND_YET,
    WEEKDAYS,
    format_duration,
    hour_span,
    percent,
    plural,
)
from crampcoach.core.pattern_index import (
    LoggedEpisode,
)
from crampcoach.core.pattern_tally import Tally

# ---------------------------------------------------------------- result types


@dataclass(frozen=True)
class Period:
    """The nights a set of patterns covers.

    ``first_night``..``last_night`` is the asked-for period; ``tracked_from`` is the
    later of its start and the journal's first record (None with an empty journal);
    ``settled_until`` is the last night counted in shares and streaks.
    """

    first_night: date
    last_night: date
    days: int | None
    tracked_from: date | None
    settled_until: date

    @property
    def nights(self) -> int:
        return (self.last_night - self.first_night).days + 1

    @property
    def tracked_nights(self) -> int:
        if self.tracked_from is None or self.tracked_from > self.last_night:
            return 0
        return (self.last_night - self.tracked_from).days + 1


@dataclass(frozen=True)
class NightCounts:
    last_7: int
    last_30: int
    woke_last_7: int
    woke_last_30: int
    in_period: int
    episodes_in_period: int


@dataclass(frozen=True)
class WeekCount:
    """Seven nights ending with ``last_night``; the last block ends with the reference night."""

    first_night: date
    last_night: date
    cramp_nights: int
    episodes: int
    tracked_nights: int = 7  # nights of the week on or after the journal's first record


@dataclass(frozen=True)
class Trend:
    """Cramp nights in the last ``window`` nights against the ``window`` nights before.

    ``known`` is False while the journal does not cover every night of the earlier span:
    its count is then of nights nobody recorded, and no direction is claimed."""

    window: int
    recent: int
    previous: int
    recent_first: date
    previous_first: date
    known: bool = True

    @property
    def direction(self) -> str:
        if not self.known:
            return "unknown"
        if self.recent > self.previous:
            return "up"
        if self.recent < self.previous:
            return "down"
        return "same"

    @property
    def clear(self) -> bool:
        """A change big enough to call a trend, either way (see CLEAR_CHANGE_RATIO)."""
        more, fewer = max(self.recent, self.previous), min(self.recent, self.previous)
        return (
            self.known
            and more > fewer
            and more >= CLEAR_CHANGE_NIGHTS
            and more >= CLEAR_CHANGE_RATIO * fewer
        )

    @property
    def ratio(self) -> float | None:
        return None if self.previous == 0 or not self.known else self.recent / self.previous

    @property
    def text(self) -> str:
        if not self.known:
            return NO_TREND_YET
        words = {"up": "more than", "down": "fewer than", "same": "the same as"}[self.direction]
        text = (
            f"{plural(self.recent, 'cramp night')} in the last {self.window} nights, "
            f"{words} the {self.previous} in the {self.window} before"
        )
        if self.direction != "same" and not self.clear:
            text += ": too small a change to call a trend"
        return text + "."


@dataclass(frozen=True)
class HourPattern:
    """Episodes by the local hour they began (``counts[h]`` for hour h)."""

    counts: tuple[int, ...]
    total: int
    typical_hour: int | None
    typical_count: int

    @property
    def text(self) -> str:
        if self.typical_hour is None:
            return "no episodes yet"
        return (
            f"most often {hour_span(self.typical_hour)} "
            f"({self.typical_count} of {self.total} episodes)"
        )


@dataclass(frozen=True)
class WeekdayPattern:
    """Cramp nights by the weekday of the night's evening ("Friday night"),
    with the number of tracked nights of each weekday for context."""

    cramp_nights: tuple[int, ...]
    tracked_nights: tuple[int, ...]

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {
            key: {"cramp_nights": c, "nights": n}
            for key, c, n in zip(WEEKDAYS, self.cramp_nights, self.tracked_nights, strict=True)
        }


@dataclass(frozen=True)
class Summary:
    """Median, smallest and largest of the episodes that recorded the value."""

    count: int
    median: float | None
    minimum: float | None
    maximum: float | None


@dataclass(frozen=True)
class FactorResult:
    """Cramp shares on checked-in nights with a factor and without it.

    ``comparable`` is False for triggers only ever noted with a cramp (nothing to
    compare with); ``enough`` says both sides have at least the minimum nights.
    """

    key: str
    label: str
    triggers: tuple[str, ...]
    with_nights: int
    with_cramp_nights: int
    without_nights: int
    without_cramp_nights: int
    comparable: bool
    enough: bool
    text: str

    @property
    def with_percent(self) -> int:
        return percent(self.with_cramp_nights, self.with_nights)

    @property
    def without_percent(self) -> int:
        return percent(self.without_cramp_nights, self.without_nights)


@dataclass(frozen=True)
class ReliefResult:
    """Episodes eased with a relief method and their median duration."""

    method: str
    label: str
    episodes: int
    timed_episodes: int
    median_duration_s: float | None

    @property
    def text(self) -> str:
        times = "episode" if self.episodes == 1 else "episodes"
        if self.median_duration_s is None:
            return f"{self.label}: {self.episodes} {times}, no durations noted"
        return (
            f"{self.label}: {self.episodes} {times}, "
            f"median {format_duration(self.median_duration_s)}"
        )


@dataclass(frozen=True)
class BedtimeResult:
    with_nights: int
    with_cramp_nights: int
    without_nights: int
    without_cramp_nights: int
    enough: bool
    text: str


@dataclass(frozen=True)
class Streaks:
    """Runs of cramp-free nights among tracked, settled nights."""

    current: int
    longest: int
    current_since: date | None
    counted_until: date


@dataclass(frozen=True)
class Patterns:
    period: Period
    nights: NightCounts
    weekly: tuple[WeekCount, ...]
    trend: Trend
    hours: HourPattern
    weekdays: WeekdayPattern
    locations: Tally
    sides: Tally
    duration: Summary
    intensity: Summary
    longest: LoggedEpisode | None
    factors: tuple[FactorResult, ...]
    relief: tuple[ReliefResult, ...]
    bedtime: BedtimeResult
    streaks: Streaks
    # Per-episode triggers, counted apart from the evening-factor association.
    triggers: Tally = NO_TALLY
