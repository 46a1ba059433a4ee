"""Patterns + doctor advice: median time over 10 years of nightly data and 100,000 episodes.

Targets (docs/ENGINEERING.md, "Quality bars"): ≤ 100 ms for 10 years of nightly data (3,650 episodes
and 3,650 check-ins); ≤ 2 s for 100,000 episodes. Each run builds the night index from
scratch, as the app does when it opens the patterns screen.

    python benchmarks/bench_patterns.py [--runs N]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from crampcoach.core import vocab
from crampcoach.core.doctor import advise
from crampcoach.core.models import CheckIn, Episode, Profile, RoutineRun
from crampcoach.core.patterns import compute_patterns, index_episodes

TZ = "Europe/Berlin"
ZONE = ZoneInfo(TZ)
FIRST = date(2016, 11, 1)


def make_episodes(count: int, nights: int) -> list[Episode]:
    out = []
    for i in range(count):
        night = FIRST + timedelta(days=(i * nights) // count)
        hour = (22 + i % 9) % 24
        day = night + timedelta(days=1) if hour < 12 else night
        start = datetime(day.year, day.month, day.day, hour, (i * 7) % 60, tzinfo=ZONE)
        out.append(
            Episode(
                started_at=start,
                duration_s=60 * (1 + i % 13),
                side=vocab.SIDES[i % 3],
                locations=(vocab.LOCATIONS[i % 6],),
                intensity=1 + i % 10,
                woke_me=i % 4 != 0,
                relief=(vocab.RELIEF[i % 8],),
                triggers=(vocab.TRIGGERS[i % 10],) if i % 3 == 0 else (),
                red_flags=("numbness",) if i % 997 == 0 else (),
                tz=TZ,
            )
        )
    return out


def make_checkins(nights: int) -> list[CheckIn]:
    return [
        CheckIn(
            night=FIRST + timedelta(days=i),
            water_glasses=i % 10,
            caffeine_after_noon=i % 2 == 0,
            alcohol=i % 5 == 0,
            long_standing_or_exercise=i % 3 == 0,
            tight_shoes=i % 7 == 0,
            got_chilled=i % 11 == 0,
            stressful_day=i % 4 == 0,
            bedtime_routine=i % 2 == 1,
        )
        for i in range(nights)
    ]


def make_runs(nights: int) -> list[RoutineRun]:
    out = []
    for i in range(0, nights, 3):
        night = FIRST + timedelta(days=i)
        start = datetime(night.year, night.month, night.day, 22, 0, tzinfo=ZONE)
        out.append(
            RoutineRun("bedtime-stretch", start, start + timedelta(minutes=3), 6, 6, True, TZ)
        )
    return out


def timed(fn: Callable[[], object], runs: int) -> float:
    """Median milliseconds of ``runs`` calls (after one warm-up)."""
    fn()
    times = []
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def scenario(episodes, checkins, runs_, now) -> Callable[[], object]:
    profile = Profile(conditions=("diabetes",), medicines=("statins",))

    def run() -> object:
        index = index_episodes(episodes, 12)
        patterns = compute_patterns(
            index, checkins, runs_, now=now, bedtime_routine_ids={"bedtime-stretch"}
        )
        advice = advise(index, profile, now=now)
        return patterns, advice

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    nights = 3650
    now = datetime.combine(FIRST + timedelta(days=nights), datetime.min.time(), ZONE).replace(
        hour=9
    )
    checkins = make_checkins(nights)
    runs_ = make_runs(nights)

    ten_years = make_episodes(nights, nights)
    ms = timed(scenario(ten_years, checkins, runs_, now), args.runs)
    print(
        f"10 years nightly ({len(ten_years):,} episodes, {len(checkins):,} check-ins, "
        f"{len(runs_):,} runs): patterns + advice median {ms:.1f} ms (target ≤ 100 ms)"
    )

    many = make_episodes(100_000, nights)
    ms = timed(scenario(many, checkins, runs_, now), max(3, args.runs // 3))
    print(
        f"100,000 episodes ({len(checkins):,} check-ins): patterns + advice median "
        f"{ms:.1f} ms (target ≤ 2000 ms)"
    )


if __name__ == "__main__":
    main()
