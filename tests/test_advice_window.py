"""The home screen reads only recent nights (plus every warning sign, the first night and the
latest visit's nights); its advice must equal the full journal's."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from crampcoach import paths
from crampcoach.advice_text import current_advice
from crampcoach.core import vocab
from crampcoach.core.doctor import advise, lookback_nights
from crampcoach.core.doctor_visit import DoctorVisit
from crampcoach.core.models import Profile, Settings
from crampcoach.core.patterns import index_episodes, journal_first_night
from crampcoach.store import Journal
from tests.factories import checkin, episode_at, local

NOW = local("2026-11-22", "07:30")


def _random_journal(tmp_path, seed: int, thresholds: dict[str, float]) -> Journal:
    rng = random.Random(seed)
    journal = Journal.open(paths.journal_path(tmp_path))
    episodes = []
    for _ in range(rng.randint(0, 120)):
        day = NOW.date() - timedelta(days=rng.randint(0, 200))
        episodes.append(
            episode_at(
                day,
                f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
                minutes=rng.choice([None, 1, 5, 11, 30]),
                woke_me=rng.random() < 0.7,
                red_flags=tuple(rng.sample(vocab.RED_FLAGS, rng.choice([0, 0, 0, 1, 2]))),
                locations=("calf",),
            )
        )
    # Keep the future out: parse_when refuses it, but a test should not rely on that here.
    journal.add_episodes([e for e in episodes if e.started_at <= NOW])
    journal.save_settings(Settings(thresholds=thresholds))
    journal.save_profile(Profile(conditions=("diabetes",) if seed % 2 else ()))
    if seed % 3 == 0:
        journal.add_doctor_visit(DoctorVisit(NOW.date() - timedelta(days=rng.randint(0, 120))))
    if seed % 4 == 1:
        journal.add_checkins([checkin(NOW.date() - timedelta(days=260))])
    return journal


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(
    "thresholds",
    [{}, {"frequent_long_window": 90, "frequent_long_nights": 10}, {"worse_window_nights": 40}],
)
def test_recent_window_gives_the_same_advice_as_the_whole_journal(tmp_path, seed, thresholds):
    journal = _random_journal(tmp_path, seed, thresholds)
    settings = journal.settings()
    full = advise(
        journal.episodes(),
        journal.profile(),
        now=NOW,
        thresholds=settings.thresholds,
        first_night=journal_first_night(
            index_episodes(journal.episodes()), journal.checkins(), journal.runs()
        ),
        visits=journal.doctor_visits(),
    )
    assert current_advice(journal, NOW) == full


def test_lookback_covers_every_window():
    assert lookback_nights({}) == 30
    assert lookback_nights({"worse_window_nights": 40}) == 80
    assert lookback_nights({"frequent_long_window": 90}) == 90


def test_episodes_since_and_last_episode(tmp_path):
    journal = Journal.open(paths.journal_path(tmp_path))
    old = episode_at("2025-01-10", "03:00")
    recent = episode_at("2026-11-20", "02:00")
    journal.add_episodes([recent, old])
    assert journal.episodes_since(local("2026-11-01", "12:00")) == [recent]
    assert journal.episodes_since(local("2020-01-01", "12:00")) == [old, recent]
    assert journal.last_episode() == recent
    assert Journal.open(paths.journal_path(tmp_path / "empty")).last_episode() is None
