"""Doctor rules over time: slept-night windows, untracked nights, recorded doctor's visits.

Each table row is one journal; the same journal must give the same advice whenever in the
day it is looked at, and a recorded visit quiets only what it may.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crampcoach.core import doctor as Dr
from crampcoach.core.doctor_visit import DoctorVisit
from crampcoach.core.models import Profile
from tests.factories import episode_on_night, episodes_on_nights, local

DAY = date(2026, 11, 22)  # looked at on 22 Nov; the last night slept is 21 Nov
LAST = date(2026, 11, 21)


def n(k: int) -> date:
    """The night ``k`` nights before the last night slept (0 = the night of 21 Nov)."""
    return LAST - timedelta(days=k)


def ids(advice: Dr.Advice) -> set[str]:
    return {r.rule_id for r in advice.reasons}


def advise_at(clock: str, episodes, profile=None, day: date = DAY, **kw) -> Dr.Advice:
    return Dr.advise(episodes, profile, now=local(day, clock), **kw)


OLD_START = {"first_night": n(60)}
WORSE = "getting-worse"  # a journal kept for two months

# Each: the episodes, what the journal started with, and the rule ids expected.
JOURNALS = [
    # Finding 4: woke on 3 of the 7 nights 15..21 Nov; 14 Nov is the 8th night back.
    # (Three cramp nights after none in a tracked fortnight are "getting worse" too.)
    (episodes_on_nights([n(6), n(3), n(0)]), OLD_START, {"woke-most-nights", "frequent", WORSE}),
    (episodes_on_nights([n(7), n(3), n(0)]), OLD_START, {WORSE}),
    (episodes_on_nights([n(6), n(3), n(1)]), OLD_START, {"woke-most-nights", "frequent", WORSE}),
    # 6 cramp nights in the last 30: the 30th night back counts, the 31st not.
    (episodes_on_nights([n(29), n(24), n(19), n(14), n(9), n(4)]), OLD_START, {"frequent"}),
    (episodes_on_nights([n(30), n(24), n(19), n(14), n(9), n(4)]), OLD_START, set()),
    # A long cramp 13 nights back is urgent, 14 not.
    ([episode_on_night(n(13), minutes=12)], OLD_START, {"long-episode"}),
    ([episode_on_night(n(14), minutes=12)], OLD_START, set()),
    # Signs stay: numbness 20 nights ago, with cramps going on.
    (
        [episode_on_night(n(20), red_flags=("numbness",)), *episodes_on_nights([n(2)])],
        OLD_START,
        {"numbness-or-swelling"},
    ),
    ([], {}, set()),
]


@pytest.mark.parametrize(("episodes", "kw", "expected"), JOURNALS)
@pytest.mark.parametrize("clock", ["00:30", "03:00", "08:30", "11:59", "12:00", "14:30", "23:59"])
def test_same_journal_same_advice_whatever_the_time_of_day(episodes, kw, expected, clock):
    advice = advise_at(clock, episodes, **kw)
    assert ids(advice) == expected
    assert advice == advise_at("08:30", episodes, **kw)


def test_finding_4_woke_three_of_seven_at_0830_and_at_1430():
    eps = episodes_on_nights([n(6), n(3), n(0)])
    for clock in ("08:30", "14:30"):
        advice = advise_at(clock, eps, **OLD_START)
        assert "Cramps woke you on 3 of the last 7 nights" in next(
            r.text for r in advice.reasons if r.rule_id == "woke-most-nights"
        )


@pytest.mark.parametrize(
    ("clock", "tonight_logged", "woke"),
    [
        ("14:30", False, 2),  # tonight not slept and empty: the window is 15..21 Nov
        ("23:30", True, 3),  # a cramp already logged tonight counts at once
        ("23:30", False, 2),
    ],
)
def test_tonight_counts_once_logged_but_is_never_cramp_free(clock, tonight_logged, woke):
    eps = episodes_on_nights([n(5), n(2)])
    if tonight_logged:
        eps.append(episode_on_night(DAY, "22:00"))  # the night of 22 Nov, not yet slept
    advice = advise_at(clock, eps, **OLD_START, thresholds={"woke_nights": woke})
    assert "woke-most-nights" in ids(advice)
    if not tonight_logged:
        assert "woke-most-nights" not in ids(
            advise_at(clock, eps, **OLD_START, thresholds={"woke_nights": woke + 1})
        )


def test_after_midnight_the_night_has_been_slept():
    # At 00:30 on 22 Nov the night of 21 Nov is being slept: it is in the window.
    eps = episodes_on_nights([n(7)])
    assert Dr.window_end(Dr.index_episodes(eps), local(DAY, "00:30")) == LAST
    assert Dr.window_end(Dr.index_episodes(eps), local(DAY, "14:30")) == LAST
    tonight = [episode_on_night(DAY, "21:00")]
    assert Dr.window_end(Dr.index_episodes(tonight), local(DAY, "21:30")) == DAY


# ---------------------------------------------------------------- untracked nights


@pytest.mark.parametrize(
    ("first_night", "compares"),
    [
        (None, False),  # only the episodes themselves: the first is 12 nights back
        (n(26), False),  # one night of the earlier 14 untracked
        (n(27), True),  # the whole earlier span tracked (a check-in 28 nights back)
        (n(90), True),
    ],
)
def test_new_journal_is_not_getting_worse(first_night, compares):
    # Finding 3: three cramp nights in the first fortnight.
    eps = episodes_on_nights([n(11), n(6), n(1)], woke_me=False)
    advice = advise_at("09:00", eps, first_night=first_night)
    assert ("getting-worse" in ids(advice)) is compares
    assert (Dr.NO_TREND_YET in advice.notes) is not compares
    assert Dr.NO_TREND_YET == "Not enough nights yet to see a trend."


def test_a_new_journal_is_told_not_enough_nights_yet():
    advice = advise_at("09:00", [episode_on_night(n(1))])
    assert Dr.NO_TREND_YET in advice.notes
    assert advice.level == Dr.NONE


def test_first_night_never_later_than_the_first_episode():
    eps = episodes_on_nights([n(40), n(11), n(6), n(1)], woke_me=False)
    # A caller passing a later first night cannot hide the tracked nights.
    advice = advise_at("09:00", eps, first_night=n(5))
    assert Dr.NO_TREND_YET not in advice.notes


# ---------------------------------------------------------------- profile context over time


def test_pregnancy_alone_is_mention_not_a_permanent_visit():
    eps = [episode_on_night(n(3))]
    advice = advise_at("09:00", eps, Profile(pregnant=True), **OLD_START)
    assert advice.level == Dr.MENTION
    assert ids(advice) == {"context-pregnancy"}
    later = advise_at("09:00", eps, Profile(pregnant=True), day=DAY + timedelta(days=30))
    assert later.level == Dr.NONE


# ---------------------------------------------------------------- recorded doctor's visits


def visit(k_days_before: int, note: str = "") -> DoctorVisit:
    return DoctorVisit(DAY - timedelta(days=k_days_before), note)


FREQUENT = episodes_on_nights([n(i) for i in range(0, 12, 2)], woke_me=False)  # 6 nights


@pytest.mark.parametrize(
    ("episodes", "visits", "shown", "quiet"),
    [
        # Numbness seen by the doctor: quiet.
        ([episode_on_night(n(20), red_flags=("numbness",))], [visit(5)], set(), True),
        # Numbness after the visit: new, shown.
        ([episode_on_night(n(2), red_flags=("numbness",))], [visit(5)], {"numbness-or-swelling"},
         False),
        # Frequent at the visit and still: quiet.
        (FREQUENT, [visit(1)], set(), True),
        # A visit dated in the future is not one yet.
        (FREQUENT, [DoctorVisit(DAY + timedelta(days=3))], {"frequent"}, False),
        # A visit long before the cramps quiets nothing that was not there.
        (FREQUENT, [visit(200)], {"frequent"}, False),
        # Redness seen at the visit: quiet; redness after it: shown again.
        ([episode_on_night(n(9), red_flags=("redness-or-warmth",))], [visit(3)], set(), True),
        ([episode_on_night(n(1), red_flags=("redness-or-warmth",))], [visit(3)],
         {"redness-or-warmth"}, False),
    ],
)  # fmt: skip
def test_a_visit_quiets_routine_reasons_present_at_its_date(episodes, visits, shown, quiet):
    advice = advise_at("09:00", episodes, visits=visits)
    assert ids(advice) == shown
    assert bool(advice.quieted) is quiet
    if quiet:
        assert any("quiet until something new" in note for note in advice.notes)


@pytest.mark.parametrize(
    "episodes",
    [
        [episode_on_night(n(1), minutes=12)],
        [
            episode_on_night(n(1), "02:00", red_flags=("swelling",), side="left"),
            episode_on_night(n(1), "07:00", red_flags=("redness-or-warmth",), side="left"),
        ],
    ],
)
def test_a_visit_never_quiets_urgent_advice(episodes):
    advice = advise_at("09:00", episodes, visits=[visit(0)])
    assert advice.level == Dr.URGENT


def test_something_new_after_the_visit_brings_the_advice_back():
    # Frequent at the visit; then numbness: the numbness and the frequent reason both show.
    eps = [*FREQUENT, episode_on_night(n(0), "04:00", red_flags=("numbness",))]
    advice = advise_at("09:00", eps, visits=[visit(1)])
    assert {"frequent", "numbness-or-swelling"} <= ids(advice)


def test_a_reason_that_stopped_and_fires_again_is_new():
    # Frequent cramps 40 nights back (seen at a visit then), a quiet month, frequent again.
    early = episodes_on_nights([n(40 + i) for i in range(0, 12, 2)], woke_me=False)
    visit_day = DoctorVisit(n(39) + timedelta(days=1))
    advice = advise_at("09:00", early + FREQUENT, first_night=n(90), visits=[visit_day])
    assert "frequent" in ids(advice)
    # Still going since the visit: stays quiet.
    steady = episodes_on_nights([n(i) for i in range(0, 50, 2)], woke_me=False)
    advice = advise_at("09:00", steady, first_night=n(90), visits=[visit_day])
    assert "frequent" not in ids(advice)


def test_a_profile_change_after_the_visit_is_new():
    eps = [episode_on_night(n(3))]
    seen_with = Profile(pregnant=True)
    at_visit = DoctorVisit(DAY - timedelta(days=1), profile=seen_with)
    seen = advise_at("09:00", eps, seen_with, visits=[at_visit])
    assert seen.level == Dr.NONE
    now_profile = Profile(pregnant=True, medicines=("statins",))
    more = advise_at("09:00", eps, now_profile, visits=[at_visit])
    assert more.level == Dr.MENTION


def test_latest_visit_counts():
    eps = [
        episode_on_night(n(20), red_flags=("numbness",)),
        episode_on_night(n(2), red_flags=("weakness",)),
    ]
    assert ids(advise_at("09:00", eps, visits=[visit(30)])) == {
        "numbness-or-swelling",
        "weakness",
    }
    assert ids(advise_at("09:00", eps, visits=[visit(30), visit(10)])) == {"weakness"}
    assert ids(advise_at("09:00", eps, visits=[visit(10), visit(1)])) == set()
