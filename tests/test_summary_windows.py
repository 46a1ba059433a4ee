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


def test_an_empty_journal_says_nothing_is_logged_not_zero():
    from crampcoach.core.summary import count_lines

    s = home_summary([], local("2026-11-22", "08:30"), started=None)
    assert count_lines(s) == ["Nothing logged yet.", "Nights count from your first entry."]


def test_windows_never_count_nights_before_the_first_entry():
    from crampcoach.core.summary import count_lines

    # Tracking began on the night of 19 Nov (a check-in); cramps on 20 and 21 Nov.
    eps = [episode_on_night(LAST - timedelta(days=d)) for d in (0, 1)]
    s = home_summary(eps, local("2026-11-22", "08:30"), started=LAST - timedelta(days=2))
    assert (s.tracked_7, s.tracked_30) == (3, 3)
    assert count_lines(s) == ["since you started (3 nights): 2"]


def test_a_long_journal_counts_whole_windows():
    from crampcoach.core.summary import count_lines

    eps = [episode_on_night(LAST - timedelta(days=d)) for d in (0, 3, 10)]
    s = home_summary(eps, local("2026-11-22", "08:30"), started=LAST - timedelta(days=12))
    assert count_lines(s) == ["last 7 nights: 2", "since you started (13 nights): 3"]
    s = home_summary(eps, local("2026-11-22", "08:30"), started=LAST - timedelta(days=400))
    assert count_lines(s) == ["last 7 nights: 2", "last 30 nights: 3"]


def test_an_episode_older_than_the_first_record_still_counts_its_night():
    eps = [episode_on_night(LAST - timedelta(days=5))]
    s = home_summary(eps, local("2026-11-22", "08:30"), started=LAST)
    assert s.tracked_7 == 6 and s.cramp_nights_7 == 1


def test_the_strip_leaves_nights_before_the_first_entry_blank():
    eps = [episode_on_night(LAST)]
    s = home_summary(eps, local("2026-11-22", "08:30"), started=LAST - timedelta(days=1))
    counts = [count for _night, count in s.strip]
    assert counts[:-2] == [None] * 28 and counts[-2:] == [0, 1]
    assert [c for _n, c in home_summary(eps, local("2026-11-22", "08:30")).strip].count(None) == 0


def test_an_empty_journal_draws_no_quiet_nights():
    s = home_summary([], local("2026-11-22", "08:30"), started=None)
    assert {count for _night, count in s.strip} == {None}
