"""Ten years of nightly data, for benchmarks."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from crampcoach import paths
from crampcoach.core import vocab
from crampcoach.core.models import CheckIn, Episode, Settings
from crampcoach.store import Journal

ZONE = ZoneInfo("Europe/Berlin")


def ten_years(end: datetime | None = None, nights: int = 3650, seed: int = 7):
    rng = random.Random(seed)
    end = end or datetime.now(ZONE).replace(hour=3, minute=0, second=0, microsecond=0)
    episodes, checkins = [], []
    for i in range(nights):
        start = end - timedelta(days=i, minutes=rng.randint(0, 180))
        episodes.append(
            Episode(
                started_at=start,
                tz="Europe/Berlin",
                duration_s=rng.randint(20, 600),
                side=rng.choice(vocab.SIDES),
                locations=(rng.choice(vocab.LOCATIONS[:5]),),
                intensity=rng.randint(1, 10),
                relief=(rng.choice(vocab.RELIEF),),
                triggers=tuple(rng.sample(vocab.TRIGGERS, 2)),
                notes=rng.choice(["", "woke at night", "after a long walk in the cold"]),
            )
        )
        checkins.append(
            CheckIn(
                night=(start - timedelta(hours=12)).date(),
                water_glasses=rng.randint(2, 10),
                caffeine_after_noon=rng.random() < 0.3,
                bedtime_routine=rng.random() < 0.5,
            )
        )
    return episodes, checkins


def build_journal(root: Path, nights: int = 3650) -> Journal:
    journal = Journal.open(paths.journal_path(root))
    episodes, checkins = ten_years(nights=nights)
    journal.add_episodes(episodes)
    journal.add_checkins(checkins)
    journal.save_settings(Settings(welcomed=True))
    return journal
