"""Patterns' headline: an arrow only for a change big enough to call a trend, and no trend
at all before the journal covers the nights it would compare against."""

from __future__ import annotations

import pytest

from crampcoach.core import patterns as P
from crampcoach.ui.pattern_charts import ChartData, headline
from tests.factories import SMALL_RISE_NIGHTS, episodes_on_nights, local

NOW = local("2026-11-29", "09:00")  # the last 14 nights: 15-28 Nov; the 14 before: 1-14 Nov


def _trend_line(nights: list[str]) -> str:
    index = P.index_episodes(episodes_on_nights(nights))
    p = P.compute_patterns(index, now=NOW, days=28)
    return headline(ChartData(p, index, NOW.date()), 80).splitlines()[1]


@pytest.mark.parametrize(
    ("nights", "line"),
    [
        (
            ["2026-11-01", "2026-11-20", "2026-11-21", "2026-11-22"],
            "▲ 3 cramp nights in the last 14 nights, more than the 1 in the 14 before.",
        ),
        (
            ["2026-11-01", "2026-11-02", "2026-11-03"],
            "▼ 0 cramp nights in the last 14 nights, fewer than the 3 in the 14 before.",
        ),
        (
            SMALL_RISE_NIGHTS,
            "≈ 4 cramp nights in the last 14 nights, more than the 3 in the 14 before: "
            "too small a change to call a trend.",
        ),
        (
            ["2026-11-01", "2026-11-20"],
            "= 1 cramp night in the last 14 nights, the same as the 1 in the 14 before.",
        ),
        (["2026-11-20", "2026-11-21", "2026-11-22"], "Not enough nights yet to see a trend."),
    ],
)
def test_the_trend_line(nights, line):
    assert _trend_line(nights) == line
