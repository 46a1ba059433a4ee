"""Patterns: nights around midnight, noon and DST; counts, shares, streaks."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crampcoach.core import patterns as P
from crampcoach.core.models import Episode
from tests.factories import (
    BERLIN,
    SMALL_RISE_NIGHTS,
    checkin,
    episode_at,
    episode_on_night,
    episodes_on_nights,
    local,
    nightly,
    run_at,
)

D = date.fromisoformat
NOW = local("2026-11-29", "09:00")  # the night in progress is 28 Nov, and it is settled


def nights_of(episodes, boundary=12):
    return [item.night for item in P.index_episodes(episodes, boundary).items]


# ---------------------------------------------------------------- night boundaries


@pytest.mark.parametrize(
    ("day", "clock", "night"),
    [
        ("2026-11-22", "00:00", "2026-11-21"),
        ("2026-11-22", "00:30", "2026-11-21"),
        ("2026-11-22", "03:10", "2026-11-21"),
        ("2026-11-22", "11:59", "2026-11-21"),
        ("2026-11-22", "12:00", "2026-11-22"),
        ("2026-11-21", "23:59", "2026-11-21"),
    ],
)
def test_night_around_midnight_and_noon(day, clock, night):
    assert nights_of([episode_at(day, clock)]) == [D(night)]


def test_boundary_hour_is_a_parameter():
    ep = episode_at("2026-11-22", "15:00")
    assert nights_of([ep], 12) == [D("2026-11-22")]
    assert nights_of([ep], 18) == [D("2026-11-21")]


def test_episode_night_uses_its_own_zone():
    # 11:30 in New York is 17:30 in Berlin: its own zone says the night before.
    ep = episode_at("2026-11-22", "11:30", "America/New_York")
    index = P.index_episodes([ep])
    assert index.items[0].night == D("2026-11-21")
    assert index.items[0].hour == 11


def test_spring_forward_night_is_one_night():
    # Europe/Berlin 2026-03-29: 02:00 CET jumps to 03:00 CEST.
    utc = ZoneInfo("UTC")
    before = Episode(started_at=datetime(2026, 3, 29, 0, 30, tzinfo=utc), tz=BERLIN)  # 01:30 CET
    after = Episode(started_at=datetime(2026, 3, 29, 1, 30, tzinfo=utc), tz=BERLIN)  # 03:30 CEST
    noon = episode_at("2026-03-29", "12:00")
    index = P.index_episodes([before, after, noon])
    assert [i.night for i in index.items] == [D("2026-03-28"), D("2026-03-28"), D("2026-03-29")]
    assert [i.hour for i in index.items] == [1, 3, 12]
    assert index.cramp_nights(D("2026-03-28"), D("2026-03-28")) == 1
    assert index.cramp_nights(D("2026-03-22"), D("2026-03-29")) == 2


def test_fall_back_night_is_one_night():
    # Europe/Berlin 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
    first = episode_at("2026-10-25", "02:30", fold=0)
    second = episode_at("2026-10-25", "02:30", fold=1)
    assert second.started_at.astimezone(ZoneInfo("UTC")) - first.started_at.astimezone(
        ZoneInfo("UTC")
    ) == timedelta(hours=1)
    index = P.index_episodes([second, first])
    assert [i.night for i in index.items] == [D("2026-10-24")] * 2
    assert [i.hour for i in index.items] == [2, 2]
    assert index.cramp_nights(D("2026-10-24"), D("2026-10-24")) == 1
    p = P.compute_patterns([first, second], now=local("2026-10-25", "11:00"))
    assert p.nights.last_7 == 1
    assert p.nights.episodes_in_period == 2
    assert p.hours.counts[2] == 2


def test_reference_night_around_dst_noon():
    assert P.reference_night(local("2026-03-29", "11:59")) == D("2026-03-28")
    assert P.reference_night(local("2026-03-29", "12:00")) == D("2026-03-29")
    assert P.reference_night(local("2026-10-25", "11:59")) == D("2026-10-24")
    assert P.reference_night(local("2026-10-25", "12:00")) == D("2026-10-25")


def test_weekly_across_dst_counts_calendar_nights():
    # Nights 23 Mar .. 5 Apr 2026 span the spring change; every night has a cramp.
    eps = episodes_on_nights([D("2026-03-23") + timedelta(days=i) for i in range(14)])
    p = P.compute_patterns(eps, now=local("2026-04-06", "08:00"), weeks=2)
    assert [(w.first_night, w.cramp_nights) for w in p.weekly] == [
        (D("2026-03-23"), 7),
        (D("2026-03-30"), 7),
    ]


def test_settled_night():
    assert P.settled_night(local("2026-11-22", "15:00")) == D("2026-11-21")
    assert P.settled_night(local("2026-11-22", "23:59")) == D("2026-11-21")
    assert P.settled_night(local("2026-11-23", "00:01")) == D("2026-11-22")
    assert P.settled_night(local("2026-11-23", "11:00")) == D("2026-11-22")


# ---------------------------------------------------------------- counts


def test_weekly_trend_and_counts_by_hand():
    nights = ["2026-11-01", "2026-11-03", "2026-11-10", "2026-11-16", "2026-11-20", "2026-11-28"]
    eps = episodes_on_nights(nights)
    eps.append(episode_on_night("2026-11-28", "05:00"))  # a second episode, same night
    p = P.compute_patterns(eps, now=NOW, weeks=4)
    # Blocks: 1-7, 8-14, 15-21, 22-28 Nov.
    assert [w.cramp_nights for w in p.weekly] == [2, 1, 2, 1]
    assert [w.episodes for w in p.weekly] == [2, 1, 2, 2]
    assert p.weekly[0].first_night == D("2026-11-01")
    assert p.weekly[-1].last_night == D("2026-11-28")
    assert (p.trend.recent, p.trend.previous) == (3, 3)  # 15-28 vs 1-14
    assert p.trend.direction == "same"
    assert p.nights.last_7 == 1
    assert p.nights.last_30 == 6
    assert p.nights.episodes_in_period == 7


def test_weekly_defaults_to_twelve_weeks_and_marks_untracked_weeks():
    p = P.compute_patterns(episodes_on_nights(["2026-11-20"]), now=NOW)
    assert len(p.weekly) == P.WEEKS == 12
    assert p.weekly[-1].tracked_nights == 7
    assert p.weekly[-2].tracked_nights == 2  # 20 and 21 Nov
    assert p.weekly[0].tracked_nights == 0


def test_trend_up_and_down():
    # The last 14 nights are 15-28 Nov, the 14 before them 1-14 Nov; the journal starts on
    # 1 Nov, so both spans are known.
    up = P.compute_patterns(
        episodes_on_nights(["2026-11-01", "2026-11-20", "2026-11-21", "2026-11-22"]), now=NOW
    )
    assert (up.trend.recent, up.trend.previous, up.trend.direction) == (3, 1, "up")
    assert up.trend.known and up.trend.clear and up.trend.ratio == 3
    assert (
        up.trend.text == "3 cramp nights in the last 14 nights, more than the 1 in the 14 before."
    )
    down = P.compute_patterns(
        episodes_on_nights(["2026-11-01", "2026-11-02", "2026-11-03"]), now=NOW
    )
    assert (down.trend.recent, down.trend.previous, down.trend.direction) == (0, 3, "down")
    assert down.trend.clear


def test_a_small_change_is_not_called_a_trend():
    # 4 nights against 3: more, but under the doctor's "getting worse" bar (1.5 times).
    p = P.compute_patterns(
        episodes_on_nights(SMALL_RISE_NIGHTS),
        now=NOW,
    )
    assert (p.trend.recent, p.trend.previous, p.trend.direction) == (4, 3, "up")
    assert not p.trend.clear
    assert p.trend.text.endswith(
        "more than the 3 in the 14 before: too small a change to call a trend."
    )
    # 2 against 0 is under the bar of 3 cramp nights.
    two = P.compute_patterns(
        episodes_on_nights(["2026-11-01", "2026-11-20", "2026-11-21"]), now=NOW
    )
    assert (two.trend.recent, two.trend.previous) == (2, 1) and not two.trend.clear


def test_no_trend_before_the_journal_covers_the_earlier_span():
    # The journal starts on 20 Nov: the 14 nights before 15 Nov are unknown, not cramp-free.
    p = P.compute_patterns(episodes_on_nights(["2026-11-20", "2026-11-21", "2026-11-22"]), now=NOW)
    assert (p.trend.recent, p.trend.previous) == (3, 0)
    assert not p.trend.known and p.trend.direction == "unknown"
    assert not p.trend.clear and p.trend.ratio is None
    assert p.trend.text == "Not enough nights yet to see a trend."
    # A journal that starts exactly on the first night of the earlier span is known.
    known = P.compute_patterns(episodes_on_nights(["2026-11-01", "2026-11-20"]), now=NOW)
    assert known.trend.known and known.trend.direction == "same"


def test_hours_weekdays_locations_sides_medians():
    eps = [
        episode_on_night(
            "2026-11-20", "02:10", minutes=3, intensity=4, side="left", locations=("calf",)
        ),
        episode_on_night(
            "2026-11-21", "02:40", minutes=5, intensity=6, side="left", locations=("calf", "foot")
        ),
        episode_on_night(
            "2026-11-22", "04:00", minutes=1, intensity=9, side="right", locations=("toes",)
        ),
        episode_on_night("2026-11-23", "23:00", minutes=None, intensity=None),
    ]
    p = P.compute_patterns(eps, now=NOW)
    assert p.hours.counts[2] == 2 and p.hours.counts[4] == 1 and p.hours.counts[23] == 1
    assert p.hours.typical_hour == 2
    assert p.hours.text == "most often 02:00–03:00 (2 of 4 episodes)"
    assert p.locations.counts == (("calf", 2), ("foot", 1), ("toes", 1))
    assert p.locations.unknown == 1
    assert p.sides.counts == (("left", 2), ("right", 1))
    assert p.duration.count == 3 and p.duration.median == 180
    assert p.intensity.median == 6
    assert p.longest is not None and p.longest.episode.duration_s == 300
    # 20 Nov 2026 is a Friday: weekday of the night's evening.
    assert p.weekdays.cramp_nights[4] == 1  # fri
    assert sum(p.weekdays.cramp_nights) == 4
    assert sum(p.weekdays.tracked_nights) == p.period.tracked_nights


def test_typical_hour_tie_goes_to_earlier_in_the_night():
    eps = [episode_on_night("2026-11-20", "23:00"), episode_on_night("2026-11-21", "01:00")]
    assert P.compute_patterns(eps, now=NOW).hours.typical_hour == 23


def test_days_limits_the_period():
    eps = episodes_on_nights(["2026-10-01", "2026-11-25"])
    p = P.compute_patterns(eps, now=NOW, days=7)
    assert p.period.first_night == D("2026-11-22")
    assert p.period.nights == 7
    assert p.nights.in_period == 1
    whole = P.compute_patterns(eps, now=NOW)
    assert whole.period.first_night == D("2026-10-01")
    assert whole.nights.in_period == 2


def test_empty_journal():
    p = P.compute_patterns([], now=NOW)
    assert p.nights.last_30 == 0
    assert p.hours.typical_hour is None
    assert p.longest is None
    assert p.streaks.current == 0 and p.streaks.longest == 0
    assert all(not f.enough for f in p.factors)
    assert "not enough data yet" in p.bedtime.text


# ---------------------------------------------------------------- factors


def _caffeine_fixture():
    """9 caffeine nights (6 with cramps), 12 without (2 with cramps): 1..21 Nov."""
    checkins, eps = [], []
    for i in range(21):
        night = D("2026-11-01") + timedelta(days=i)
        caffeine = i < 9
        checkins.append(checkin(night, caffeine_after_noon=caffeine))
        if (caffeine and i < 6) or (not caffeine and i in (9, 10)):
            eps.append(episode_on_night(night))
    return eps, checkins


def test_factor_wording_and_numbers():
    eps, checkins = _caffeine_fixture()
    p = P.compute_patterns(eps, checkins, now=NOW)
    caffeine = next(f for f in p.factors if f.key == "caffeine_after_noon")
    assert caffeine.enough
    assert caffeine.text == (
        "nights after caffeine: 6 of 9 had cramps (67%); without: 2 of 12 (17%)"
    )
    assert (caffeine.with_percent, caffeine.without_percent) == (67, 17)


def test_factor_needs_five_nights_each_side():
    checkins = [checkin(D("2026-11-01") + timedelta(days=i), alcohol=i < 4) for i in range(10)]
    p = P.compute_patterns([], checkins, now=NOW)
    alcohol = next(f for f in p.factors if f.key == "alcohol")
    assert (alcohol.with_nights, alcohol.without_nights) == (4, 6)
    assert not alcohol.enough
    assert "not enough data yet" in alcohol.text
    assert "%" not in alcohol.text
    # One more alcohol night: exactly five on each side is enough.
    checkins[4] = checkin(checkins[4].night, alcohol=True)
    p = P.compute_patterns([], checkins, now=NOW)
    alcohol = next(f for f in p.factors if f.key == "alcohol")
    assert (alcohol.with_nights, alcohol.without_nights) == (5, 5)
    assert alcohol.enough
    assert alcohol.text == "nights after alcohol: 0 of 5 had cramps (0%); without: 0 of 5 (0%)"


def test_factor_without_side_too_small():
    checkins = [
        checkin(D("2026-11-01") + timedelta(days=i), stressful_day=i < 8) for i in range(12)
    ]
    stress = next(
        f for f in P.compute_patterns([], checkins, now=NOW).factors if f.key == "stressful_day"
    )
    assert (stress.with_nights, stress.without_nights) == (8, 4)
    assert not stress.enough


def test_trigger_on_episode_counts_as_present_and_unchecked_nights_are_skipped():
    checkins = [checkin(D("2026-11-01") + timedelta(days=i)) for i in range(10)]
    eps = [
        episode_on_night("2026-11-02", triggers=("caffeine",)),
        episode_on_night("2026-11-15", triggers=("caffeine",)),  # no check-in that night
    ]
    p = P.compute_patterns(eps, checkins, now=NOW)
    caffeine = next(f for f in p.factors if f.key == "caffeine_after_noon")
    assert (caffeine.with_nights, caffeine.with_cramp_nights) == (1, 1)
    assert caffeine.without_nights == 9


def test_little_water_from_glasses():
    checkins = [
        checkin(D("2026-11-01") + timedelta(days=i), water_glasses=(3 if i < 5 else 8))
        for i in range(10)
    ] + [checkin("2026-11-12")]  # glasses not given: unknown
    water = next(
        f for f in P.compute_patterns([], checkins, now=NOW).factors if f.key == "water_glasses"
    )
    assert (water.with_nights, water.without_nights) == (5, 5)


def test_trigger_only_factor_is_not_compared():
    eps = [episode_on_night("2026-11-20", triggers=("new-medicine",))]
    p = P.compute_patterns(eps, [checkin("2026-11-20")], now=NOW)
    med = next(f for f in p.factors if f.key == "new-medicine")
    assert not med.comparable and not med.enough
    assert "nothing to compare" in med.text
    assert not any(f.key == "other" for f in p.factors)  # never logged: not listed


def test_percent_rounds_half_up():
    assert P.percent(1, 8) == 13
    assert P.percent(6, 9) == 67
    assert P.percent(2, 12) == 17
    assert P.percent(0, 0) == 0


# ---------------------------------------------------------------- relief, bedtime, streaks


def test_relief_medians():
    eps = [
        episode_on_night("2026-11-20", minutes=2, relief=("stretch",)),
        episode_on_night("2026-11-21", minutes=4, relief=("stretch", "massage")),
        episode_on_night("2026-11-22", minutes=9, relief=("massage",)),
        episode_on_night("2026-11-23", minutes=None, relief=("walk",)),
    ]
    relief = P.compute_patterns(eps, now=NOW).relief
    assert [(r.method, r.episodes, r.median_duration_s) for r in relief] == [
        ("stretch", 2, 180),
        ("massage", 2, 390),
        ("walk", 1, None),
    ]
    assert relief[0].text == "stretch: 2 episodes, median 3 min"
    assert relief[1].text == "massage: 2 episodes, median 6.5 min"


def test_bedtime_routine_from_checkins_and_runs():
    checkins = [checkin(D("2026-11-01") + timedelta(days=i)) for i in range(20)]
    checkins[0] = checkin("2026-11-01", bedtime_routine=True)
    runs = [run_at(f"2026-11-{d:02d}", "22:00") for d in (2, 3, 4)]
    runs.append(run_at("2026-11-06", "00:30"))  # after midnight: night of 5 Nov
    runs.append(run_at("2026-11-10", routine_id="calf-first-aid"))  # not a bedtime routine
    eps = episodes_on_nights(["2026-11-01", "2026-11-07", "2026-11-08"])
    p = P.compute_patterns(eps, checkins, runs, now=NOW, bedtime_routine_ids={"bedtime-stretch"})
    b = p.bedtime
    # With: 1, 2, 3, 4, 5 Nov (5 nights, 1 cramp). Tracked 1..28 Nov: 23 without, 2 cramps.
    assert (b.with_nights, b.with_cramp_nights) == (5, 1)
    assert (b.without_nights, b.without_cramp_nights) == (23, 2)
    assert b.enough
    assert b.text == (
        "nights with the bedtime routine: 1 of 5 had cramps (20%); without: 2 of 23 (9%)"
    )
    # Without the ids, runs do not count.
    p = P.compute_patterns(eps, checkins, runs, now=NOW)
    assert p.bedtime.with_nights == 1 and not p.bedtime.enough


def test_streaks_by_hand():
    # Log from 1 Nov (a check-in); cramps on 3, 4, 12, 20 Nov; settled until 28 Nov.
    eps = episodes_on_nights(["2026-11-03", "2026-11-04", "2026-11-12", "2026-11-20"])
    p = P.compute_patterns(eps, [checkin("2026-11-01")], now=NOW)
    # Runs: 1-2 (2), 5-11 (7), 13-19 (7), 21-28 (8).
    assert p.streaks.current == 8
    assert p.streaks.current_since == D("2026-11-21")
    assert p.streaks.longest == 8


def test_current_streak_waits_for_midnight_and_breaks_on_tonight():
    eps = episodes_on_nights(["2026-11-20"])
    afternoon = local("2026-11-22", "15:00")  # night of 22 Nov began, not slept yet
    assert P.compute_patterns(eps, now=afternoon).streaks.current == 1  # only 21 Nov
    after_midnight = local("2026-11-23", "01:00")
    assert P.compute_patterns(eps, now=after_midnight).streaks.current == 2
    tonight = [*eps, episode_at("2026-11-22", "22:30")]
    assert P.compute_patterns(tonight, now=local("2026-11-22", "23:00")).streaks.current == 0


def test_cramp_at_end_of_window_counts_at_once():
    eps = [episode_at("2026-11-22", "22:30")]
    p = P.compute_patterns(eps, now=local("2026-11-22", "23:00"))
    assert p.nights.last_7 == 1


def test_nightly_factory_ten_years_runs():
    eps, checkins = nightly(D("2016-11-01"), 3650)
    p = P.compute_patterns(eps, checkins, now=local("2026-10-30", "09:00"))
    assert p.nights.last_30 == 30
    assert all(f.enough for f in p.factors if f.comparable)


# ---------------------------------------------------------------- purity


def test_format_helpers():
    assert P.format_duration(45) == "45 s"
    assert P.format_duration(120) == "2 min"
    assert P.format_duration(150) == "2.5 min"
    assert P.format_duration(840) == "14 min"
    assert P.format_duration(None) == "unknown"
    assert P.format_night(D("2026-11-21")) == "21 Nov"
    assert P.format_night(D("2026-11-21"), year=True) == "21 Nov 2026"


# ---------------------------------------------------------------- long views and words


def test_monthly_counts_calendar_months_inside_the_period():
    from crampcoach.core.pattern_months import bars_fit, monthly

    eps = [episode_at(f"2026-01-{d:02d}", "23:00") for d in (5, 6)] + [episode_at("2026-03-01")]
    index = P.index_episodes(eps)
    months = monthly(index, date(2025, 12, 20), date(2026, 3, 10))
    assert [(m.first_night, m.last_night) for m in months] == [
        (date(2025, 12, 20), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 3, 10)),
    ]
    # 03:00 on 1 Mar is the night of 28 Feb.
    assert [m.cramp_nights for m in months] == [0, 2, 1, 0]
    assert months[0].tracked_nights == 12
    assert bars_fit(36, 76) and not bars_fit(156, 76)


def test_span_words_never_count_untracked_nights():
    from crampcoach.core.pattern_words import span_words

    today = date(2026, 11, 28)
    started = P.Period(date(2026, 9, 6), today, 84, date(2026, 11, 3), today)
    assert span_words(started, today) == "the 26 nights since you started on 3 Nov"
    full = P.Period(date(2026, 9, 6), today, 84, date(2026, 9, 6), today)
    assert span_words(full, today) == "the last 84 nights"
    years = P.Period(date(2023, 12, 2), today, None, date(2023, 12, 2), today)
    assert span_words(years, today) == "the 1093 nights since 2 Dec 2023"
