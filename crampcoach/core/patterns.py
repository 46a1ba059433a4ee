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

import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise

from crampcoach.core import vocab
from crampcoach.core.durations import duration_text
from crampcoach.core.models import CheckIn, Episode, RoutineRun
from crampcoach.core.nights import DEFAULT_BOUNDARY_HOUR, episode_night, night_of, zone_for
from crampcoach.core.pattern_tally import Tally, tally, trigger_counts

NO_TALLY = Tally((), 0, 0)  # frozen, so one shared empty tally is safe

MIN_NIGHTS_PER_SIDE = 5
"""A factor's shares are shown only with at least this many nights with it and without it."""

LITTLE_WATER_GLASSES = 6
"""Fewer glasses than this count as "little water" (1.5 litres is about 6 glasses)."""

WEEKS = 12
TREND_WINDOW = 14

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES: dict[str, str] = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# ---------------------------------------------------------------- wording helpers


def percent(part: int, whole: int) -> int:
    """A whole percentage, rounded half up (6 of 9 is 67)."""
    if whole <= 0:
        return 0
    return (200 * part + whole) // (2 * whole)


def format_duration(seconds: float | None) -> str:
    """'45 s', '2 min', '2.5 min', or 'unknown' (the one duration formatter, core.durations)."""
    return duration_text(seconds, unknown="unknown")


def format_night(night: date, *, year: bool = False) -> str:
    """'21 Nov' (or '21 Nov 2026'), independent of the locale."""
    text = f"{night.day} {_MONTHS[night.month - 1]}"
    return f"{text} {night.year}" if year else text


def format_number(value: float) -> str:
    """10.0 -> '10', 1.5 -> '1.5'."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 cramp night', '2 cramp nights'."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def hour_span(hour: int) -> str:
    """'02:00–03:00'."""
    return f"{hour:02d}:00–{(hour + 1) % 24:02d}:00"


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


def index_episodes(
    episodes: Iterable[Episode], boundary_hour: int = DEFAULT_BOUNDARY_HOUR
) -> NightIndex:
    """Compute each episode's night (in its own recorded zone) and local hour, once."""
    items: list[LoggedEpisode] = []
    append = items.append
    for episode in episodes:
        night = episode_night(episode, boundary_hour)
        # The local hour in the same zone the night was computed in. episode_night
        # already converted once; converting again is cheap next to the rest.
        local_hour = _local_hour(episode)
        append(LoggedEpisode(episode, night, local_hour))
    return NightIndex(items, boundary_hour)


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
    """Cramp nights in the last ``window`` nights against the ``window`` nights before."""

    window: int
    recent: int
    previous: int
    recent_first: date
    previous_first: date

    @property
    def direction(self) -> str:
        if self.recent > self.previous:
            return "up"
        if self.recent < self.previous:
            return "down"
        return "same"

    @property
    def ratio(self) -> float | None:
        return None if self.previous == 0 else self.recent / self.previous

    @property
    def text(self) -> str:
        words = {"up": "more than", "down": "fewer than", "same": "the same as"}[self.direction]
        return (
            f"{plural(self.recent, 'cramp night')} in the last {self.window} nights, "
            f"{words} the {self.previous} in the {self.window} before"
        )


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


def trend(index: NightIndex, last_night: date, window_nights: int = TREND_WINDOW) -> Trend:
    recent_first, _ = window(last_night, window_nights)
    previous_last = recent_first - timedelta(days=1)
    previous_first, _ = window(previous_last, window_nights)
    return Trend(
        window=window_nights,
        recent=index.cramp_nights(recent_first, last_night),
        previous=index.cramp_nights(previous_first, previous_last),
        recent_first=recent_first,
        previous_first=previous_first,
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


@dataclass(frozen=True)
class _Factor:
    key: str
    phrase: str
    checkin_field: str | None
    triggers: tuple[str, ...]


# Each check-in factor, with the episode triggers that mean the same thing; then the
# triggers with no check-in question. The bedtime routine has its own pattern.
FACTORS: tuple[_Factor, ...] = (
    _Factor("caffeine_after_noon", "caffeine", "caffeine_after_noon", ("caffeine",)),
    _Factor("alcohol", "alcohol", "alcohol", ("alcohol",)),
    _Factor(
        "long_standing_or_exercise",
        "long standing or hard exercise",
        "long_standing_or_exercise",
        ("long-standing", "exercise"),
    ),
    _Factor("tight_shoes", "tight shoes or high heels", "tight_shoes", ("tight-shoes",)),
    _Factor("got_chilled", "getting chilled", "got_chilled", ("cold",)),
    _Factor("stressful_day", "a stressful day", "stressful_day", ("stress",)),
    _Factor(
        "water_glasses",
        f"little water (under {LITTLE_WATER_GLASSES} glasses)",
        "water_glasses",
        ("little-water",),
    ),
    _Factor("new-medicine", "a new medicine", None, ("new-medicine",)),
    _Factor("other", "another trigger you noted", None, ("other",)),
)


def _present(checkin: CheckIn, factor: _Factor) -> bool | None:
    """Whether the check-in says the factor was there (None: it does not say)."""
    if factor.checkin_field is None:
        return False
    if factor.checkin_field == "water_glasses":
        glasses = checkin.water_glasses
        return None if glasses is None else glasses < LITTLE_WATER_GLASSES
    return bool(getattr(checkin, factor.checkin_field))


def _share_text(
    subject: str, a: int, n: int, b: int, m: int, min_per_side: int, without: str = "without"
) -> tuple[bool, str]:
    if n < min_per_side or m < min_per_side:
        return False, (
            f"{subject}: not enough data yet ({n} nights with, {m} without; "
            f"{min_per_side} of each needed)"
        )
    return True, (
        f"{subject}: {a} of {n} had cramps ({percent(a, n)}%); "
        f"{without}: {b} of {m} ({percent(b, m)}%)"
    )


def _checkins_in(
    checkins: Iterable[CheckIn], first: date | None, last: date
) -> dict[date, CheckIn]:
    """One check-in per night (the last one given wins), within the nights asked for."""
    out: dict[date, CheckIn] = {}
    if first is None:
        return out
    for c in checkins:
        if first <= c.night <= last:
            out[c.night] = c
    return out


def factors(
    index: NightIndex,
    checkins: Iterable[CheckIn],
    first: date | None,
    last: date,
    min_per_side: int = MIN_NIGHTS_PER_SIDE,
    *,
    _by_night: dict[date, CheckIn] | None = None,
) -> tuple[FactorResult, ...]:
    """For each factor, cramp shares on checked-in nights with it and without it.

    A night has the factor when its check-in says so or an episode that night names a
    matching trigger; only checked-in nights count, since only they say "no" too.
    Triggers with no check-in question are reported as counts only, and only when logged.
    """
    by_night = _by_night if _by_night is not None else _checkins_in(checkins, first, last)
    # Triggers named on each checked-in night.
    named: dict[date, set[str]] = {}
    all_named: dict[str, int] = {}
    for item in index.between(first, last) if first is not None else ():
        if item.episode.triggers:
            named.setdefault(item.night, set()).update(item.episode.triggers)
    for trig in named.values():
        for t in trig:
            all_named[t] = all_named.get(t, 0) + 1

    results: list[FactorResult] = []
    for factor in FACTORS:
        subject = f"nights after {factor.phrase}"
        if factor.checkin_field is None:
            count = sum(all_named.get(t, 0) for t in factor.triggers)
            if not count:
                continue
            nights_word = "night" if count == 1 else "nights"
            text = (
                f"{factor.phrase}: noted on {count} cramp {nights_word}; it is only noted "
                "with a cramp, so there is nothing to compare with"
            )
            results.append(
                FactorResult(
                    factor.key,
                    factor.phrase,
                    factor.triggers,
                    count,
                    count,
                    0,
                    0,
                    False,
                    False,
                    text,
                )
            )
            continue
        n = a = m = b = 0
        for night, checkin in by_night.items():
            present = _present(checkin, factor)
            trig = named.get(night)
            if trig and any(t in trig for t in factor.triggers):
                present = True
            if present is None:
                continue
            cramp = night in index.by_night
            if present:
                n += 1
                a += cramp
            else:
                m += 1
                b += cramp
        enough, text = _share_text(subject, a, n, b, m, min_per_side)
        results.append(
            FactorResult(factor.key, factor.phrase, factor.triggers, n, a, m, b, True, enough, text)
        )
    return tuple(results)


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
        trend=trend(index, ref, TREND_WINDOW),
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
