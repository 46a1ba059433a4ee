"""What the home screen shows, computed without a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from crampcoach.core.models import Episode
from crampcoach.core.nights import episode_night, night_of, night_range


@dataclass(frozen=True)
class NightSummary:
    night: date
    episodes: tuple[Episode, ...]

    @property
    def had_cramp(self) -> bool:
        return bool(self.episodes)

    @property
    def total_duration_s(self) -> int | None:
        known = [e.duration_s for e in self.episodes if e.duration_s is not None]
        return sum(known) if known else None


SUMMARY_NIGHTS = 30


@dataclass(frozen=True)
class HomeSummary:
    last_night: NightSummary
    last_episode: Episode | None
    cramp_nights_7: int
    cramp_nights_30: int
    # The last 30 nights, oldest first, with episode counts; None for a night before the
    # journal's first entry (not tracked: never drawn as a quiet night).
    strip: tuple[tuple[date, int | None], ...]
    # In the evening, the night ahead: a cramp logged tonight shows instead of last night's.
    tonight: NightSummary | None = None
    # How many nights of each window were tracked (on or after the journal's first night):
    # a window that reaches back before the first entry never counts those nights as calm.
    tracked_7: int = 7
    tracked_30: int = SUMMARY_NIGHTS
    nothing_logged: bool = False


def home_summary(
    episodes: Sequence[Episode],
    now: datetime,
    boundary_hour: int = 12,
    last_episode: Episode | None = None,
    started: date | None = None,
) -> HomeSummary:
    """``now`` is an aware local time; the current night is the one now belongs to.

    "Last night" is the most recent night that has started: before noon that is the
    night just ending, in the afternoon it is the evening ahead, so before noon it is
    the one people mean when they wake.

    Only the last 30 nights matter, so ``episodes`` may be just those; then pass the
    journal's ``last_episode`` for when none of them fall in that span. ``started`` is the
    journal's first night (left out or None: every night counts).
    """
    current = night_of(now, None, boundary_hour)
    by_night: dict[date, list[Episode]] = {}
    for ep in episodes:
        by_night.setdefault(episode_night(ep, boundary_hour), []).append(ep)
    last_night_date = current if now.hour < boundary_hour else current - timedelta(days=1)
    nights30 = night_range(current, SUMMARY_NIGHTS)
    # The counts end with the last night slept, or tonight once a cramp is logged in it
    # (the doctor rules count the same way): an unslept night is never a cramp-free one.
    slept = current if now.date() > current else current - timedelta(days=1)
    end = current if current in by_night else slept
    nights7 = set(night_range(end, 7))
    nights30_counted = set(night_range(end, SUMMARY_NIGHTS))
    first = started
    if episodes and first is not None:  # an episode before the first record cannot be
        first = min(first, min(episode_night(e, boundary_hour) for e in episodes))
    nothing_logged = started is None and not episodes and last_episode is None
    strip = tuple(
        (
            n,
            None
            if nothing_logged or (first is not None and n < first)
            else len(by_night.get(n, ())),
        )
        for n in nights30
    )
    return HomeSummary(
        last_night=NightSummary(
            last_night_date,
            tuple(sorted(by_night.get(last_night_date, ()), key=lambda e: e.started_at)),
        ),
        last_episode=max(episodes, key=lambda e: e.started_at) if episodes else last_episode,
        cramp_nights_7=sum(1 for n in nights7 if n in by_night),
        cramp_nights_30=sum(1 for n in nights30_counted if n in by_night),
        strip=strip,
        tonight=(
            NightSummary(current, tuple(sorted(by_night[current], key=lambda e: e.started_at)))
            if current != last_night_date and current in by_night
            else None
        ),
        tracked_7=_tracked(nights7, first),
        tracked_30=_tracked(nights30_counted, first),
        nothing_logged=nothing_logged,
    )


def _tracked(nights: set[date], first: date | None) -> int:
    return len(nights) if first is None else sum(1 for n in nights if n >= first)


def count_lines(s: HomeSummary) -> list[str]:
    """Home's cramp-night counts in words, never counting nights before the first entry:
    'last 7 nights: 2', or 'since you started (3 nights): 1', or that nothing is logged yet."""
    if s.nothing_logged:
        return ["Nothing logged yet.", "Nights count from your first entry."]
    lines = []
    for window, tracked, count in (
        (7, s.tracked_7, s.cramp_nights_7),
        (SUMMARY_NIGHTS, s.tracked_30, s.cramp_nights_30),
    ):
        if tracked >= window:
            lines.append(f"last {window} nights: {count}")
        else:
            nights = "1 night" if tracked == 1 else f"{tracked} nights"
            line = f"since you started ({nights}): {count}"
            if line not in lines:  # both windows reach back before the start: say it once
                lines.append(line)
    return lines
