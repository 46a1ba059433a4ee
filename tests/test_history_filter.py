"""History's filters over the precomputed index give the same answer as over the episodes."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from crampcoach.core import vocab
from crampcoach.core.history import (
    PERIODS,
    SORT_KEYS,
    HistoryFilter,
    filter_episodes,
    filter_indexed,
    index_episodes,
    sort_episodes,
    sort_indexed,
)
from crampcoach.core.models import Episode
from tests.ui_support import NOW, ZONE

NOTES = ["", "Woke at NIGHT", "after a long walk", "ÉTÉ straße", "walk\nnight"]


def _episodes(n: int) -> list[Episode]:
    return [
        Episode(
            started_at=datetime(2026, 11, 22, 3, 0, tzinfo=ZONE) - timedelta(days=i, hours=i % 13),
            tz="Europe/Berlin",
            locations=(vocab.LOCATIONS[i % 5],),
            notes=NOTES[i % len(NOTES)],
        )
        for i in range(n)
    ]


@settings(max_examples=60, deadline=None)
@given(
    period=st.sampled_from(list(PERIODS)),
    location=st.one_of(st.none(), st.sampled_from(vocab.LOCATIONS[:6])),
    text=st.sampled_from(["", "walk", "WALK", "night", "été", "STRASSE", "x", " woke "]),
    boundary=st.integers(0, 23),
)
def test_index_matches_plain_filter(period, location, text, boundary):
    episodes = _episodes(400)
    flt = HistoryFilter(period, location, text)
    expected = filter_episodes(episodes, flt, NOW, boundary)
    found = filter_indexed(index_episodes(episodes, boundary), flt, NOW, boundary)
    assert [i.episode for i in found] == expected
    for key in (*SORT_KEYS, "unknown"):
        for descending in (True, False):
            assert sort_indexed(found, key, descending) == sort_episodes(expected, key, descending)


def test_notes_search_ignores_case():
    episodes = _episodes(10)
    found = [
        i.episode
        for i in filter_indexed(index_episodes(episodes), HistoryFilter(text="woke at night"), NOW)
    ]
    assert found and all(ep.notes == "Woke at NIGHT" for ep in found)
    assert filter_episodes(episodes, HistoryFilter(text="WOKE"), NOW) == found
