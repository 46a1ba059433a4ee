"""The home counts use the doctor rules' windows: the same at 08:30 and at 14:30."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crampcoach.core.summary import home_summary
from tests.factories import episode_on_night, local

LAST = date(2026, 11, 21)


@pytest.mark.parametrize("clock", ["00:30", "08:30", "11:59", "12:00", "14:30", "23:30"])
def test_counts_do_not_move_at_noon(clock):
    eps = [episode_on_night(LAST - timedelta(days=k)) for k in (0, 3, 6, 29)]
    s = home_summary(eps, local("2026-11-22", clock))
    assert (s.cramp_nights_7, s.cramp_nights_30) == (3, 4)


def test_a_cramp_logged_tonight_counts_at_once():
    eps = [episode_on_night(LAST - timedelta(days=5)), episode_on_night("2026-11-22", "21:00")]
    s = home_summary(eps, local("2026-11-22", "21:30"))
    assert s.cramp_nights_7 == 2
