"""Test helpers: episodes, check-ins and routine runs at given local times in a zone.

Import them from any test: ``from tests.factories import episode_at, nightly``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from crampcoach.core.models import CheckIn, Episode, RoutineRun

BERLIN = "Europe/Berlin"


def local(
    day: date | str, clock: str | time = "03:00", tz: str = BERLIN, *, fold: int = 0
) -> datetime:
    """An aware datetime for a local date and wall time in ``tz``."""
    d = date.fromisoformat(day) if isinstance(day, str) else day
    t = time.fromisoformat(clock) if isinstance(clock, str) else clock
    return datetime.combine(d, t).replace(tzinfo=ZoneInfo(tz), fold=fold)


def episode_at(
    day: date | str,
    clock: str | time = "03:00",
    tz: str = BERLIN,
    *,
    minutes: float | None = 2,
    fold: int = 0,
    **fields: Any,
) -> Episode:
    """An episode that began at ``clock`` local time on calendar day ``day``.

    Note the night: 03:00 on 22 Nov belongs to the night of 21 Nov.
    """
    duration = None if minutes is None else round(minutes * 60)
    return Episode(
        started_at=local(day, clock, tz, fold=fold),
        duration_s=fields.pop("duration_s", duration),
        tz=tz,
        **fields,
    )


def episode_on_night(
    night: date | str, clock: str = "03:00", tz: str = BERLIN, **fields: Any
) -> Episode:
    """An episode in the night named ``night``: times before noon go on the next day."""
    n = date.fromisoformat(night) if isinstance(night, str) else night
    t = time.fromisoformat(clock)
    day = n + timedelta(days=1) if t.hour < 12 else n
    return episode_at(day, t, tz, **fields)


def episodes_on_nights(nights: Iterable[date | str], clock: str = "03:00", **fields: Any):
    return [episode_on_night(n, clock, **fields) for n in nights]


def checkin(night: date | str, **flags: Any) -> CheckIn:
    n = date.fromisoformat(night) if isinstance(night, str) else night
    return CheckIn(night=n, **flags)


def run_at(
    day: date | str,
    clock: str = "22:00",
    tz: str = BERLIN,
    routine_id: str = "bedtime-stretch",
    minutes: float = 3,
) -> RoutineRun:
    start = local(day, clock, tz)
    return RoutineRun(
        routine_id=routine_id,
        started_at=start,
        ended_at=start + timedelta(minutes=minutes),
        steps_completed=6,
        steps_total=6,
        finished=True,
        tz=tz,
    )


def nightly(
    first_night: date,
    count: int,
    *,
    every: int = 1,
    tz: str = BERLIN,
    with_checkins: bool = True,
) -> tuple[list[Episode], list[CheckIn]]:
    """Synthetic data: an episode every ``every`` nights and a check-in every night,
    with varied times, places, durations and factors."""
    from crampcoach.core import vocab

    episodes: list[Episode] = []
    checkins: list[CheckIn] = []
    for i in range(count):
        night = first_night + timedelta(days=i)
        if i % every == 0:
            hour = (22 + i % 9) % 24
            episodes.append(
                episode_on_night(
                    night,
                    f"{hour:02d}:{(i * 7) % 60:02d}",
                    tz,
                    minutes=1 + (i % 13),
                    side=vocab.SIDES[i % 3],
                    locations=(vocab.LOCATIONS[i % 6],),
                    intensity=1 + i % 10,
                    woke_me=i % 4 != 0,
                    relief=(vocab.RELIEF[i % 8],),
                    triggers=(vocab.TRIGGERS[i % 10],) if i % 3 == 0 else (),
                    red_flags=(),
                )
            )
        if with_checkins:
            checkins.append(
                CheckIn(
                    night=night,
                    water_glasses=i % 10,
                    caffeine_after_noon=i % 2 == 0,
                    alcohol=i % 5 == 0,
                    long_standing_or_exercise=i % 3 == 0,
                    tight_shoes=i % 7 == 0,
                    got_chilled=i % 11 == 0,
                    stressful_day=i % 4 == 0,
                    bedtime_routine=i % 2 == 1,
                )
            )
    return episodes, checkins


# Nights for trend tests, with "now" on 29 Nov 2026 at 09:00: the last 14 nights are 15-28 Nov
# and the 14 before them 1-14 Nov; each list starts the journal on 1 Nov, so both are known.
SMALL_RISE_NIGHTS = [
    "2026-11-01",
    "2026-11-05",
    "2026-11-08",
    "2026-11-16",
    "2026-11-18",
    "2026-11-20",
    "2026-11-22",
]  # 4 cramp nights against 3: more, but not a trend
