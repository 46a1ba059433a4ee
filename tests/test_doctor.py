"""Doctor rules: each at, below and above its threshold; wording that never diagnoses."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from crampcoach.core import doctor as Dr
from crampcoach.core.models import Profile, Settings
from tests.factories import episode_at, episode_on_night, episodes_on_nights, local

NOW = local("2026-11-29", "09:00")  # reference night: 28 Nov
REF = date(2026, 11, 28)


def ago(n: int) -> date:
    """The night ``n`` nights before the reference night (0 = the reference night)."""
    return REF - timedelta(days=n)


def ids(advice: Dr.Advice) -> set[str]:
    return {r.rule_id for r in advice.reasons}


def reason(advice: Dr.Advice, rule_id: str) -> Dr.Reason:
    return next(r for r in advice.reasons if r.rule_id == rule_id)


FORBIDDEN = re.compile(
    r"you have|diagnos|dvt|thrombosis|stop taking|quinine|needle|magnesium|supplement|cure",
    re.IGNORECASE,
)


def assert_clean(advice: Dr.Advice) -> None:
    for r in advice.reasons:
        assert not FORBIDDEN.search(r.text), r.text
        assert r.whom and r.whom[0] == Dr.GP, r
    if advice.whom:
        assert advice.whom[0] == Dr.GP


# ---------------------------------------------------------------- thresholds


def test_defaults_match_the_design():
    t = Dr.DEFAULT_THRESHOLDS
    assert t["long_episode_min"] == 10
    assert t["recent_nights"] == 14
    assert (t["woke_nights"], t["woke_window_nights"]) == (3, 7)
    assert (t["worse_ratio"], t["worse_min_nights"], t["worse_window_nights"]) == (1.5, 3, 14)
    assert (t["frequent_short_nights"], t["frequent_short_window"]) == (3, 7)
    assert (t["frequent_long_nights"], t["frequent_long_window"]) == (6, 30)


def test_threshold_metadata_covers_every_key():
    assert [i.key for i in Dr.THRESHOLDS] == list(Dr.DEFAULT_THRESHOLDS)
    for info in Dr.THRESHOLDS:
        assert info.label and info.unit
        assert info.default == Dr.DEFAULT_THRESHOLDS[info.key]
        assert info.default >= info.minimum


def test_merge_thresholds():
    merged = Dr.merge_thresholds({"woke_nights": 4, "nonsense": 9, "worse_ratio": "x"})
    assert merged["woke_nights"] == 4
    assert "nonsense" not in merged
    assert merged["worse_ratio"] == 1.5
    assert Dr.merge_thresholds({"woke_nights": 0})["woke_nights"] == 3  # below minimum
    assert Dr.merge_thresholds({"woke_nights": True})["woke_nights"] == 3
    assert Dr.merge_thresholds(None) == Dr.DEFAULT_THRESHOLDS
    s = Settings(thresholds={"long_episode_min": 5.0})
    assert Dr.thresholds_from_settings(s)["long_episode_min"] == 5
    assert Dr.thresholds_from_settings(None) == Dr.DEFAULT_THRESHOLDS


def test_rules_are_data_with_an_evaluator_each():
    assert {r.rule_id for r in Dr.RULES} == set(Dr.EVALUATORS)
    for rule in Dr.RULES:
        assert rule.level in Dr.LEVELS
        assert rule.whom[0] == Dr.GP
        assert all(k in Dr.DEFAULT_THRESHOLDS for k in rule.thresholds)


def test_nothing_logged_means_no_advice():
    advice = Dr.advise([], Profile(), now=NOW)
    assert advice == Dr.Advice("none", (), (), False)
    assert "Nothing in your log" in advice.headline


# ---------------------------------------------------------------- urgent: long episode


@pytest.mark.parametrize(
    ("seconds", "fires"), [(599, False), (600, False), (601, True), (900, True)]
)
def test_long_episode_at_below_and_above(seconds, fires):
    eps = [episode_on_night(ago(2), minutes=None, duration_s=seconds)]
    advice = Dr.advise(eps, now=NOW)
    assert ("long-episode" in ids(advice)) is fires
    assert (advice.level == "urgent") is fires
    if fires:
        r = reason(advice, "long-episode")
        assert "longer than 10 minutes" in r.text
        assert "urgent appointment" in r.text
        assert_clean(advice)


@pytest.mark.parametrize(("nights_ago", "fires"), [(12, True), (13, True), (14, False)])
def test_long_episode_only_in_the_recent_window(nights_ago, fires):
    eps = [episode_on_night(ago(nights_ago), minutes=15)]
    assert ("long-episode" in ids(Dr.advise(eps, now=NOW))) is fires


def test_long_episode_threshold_override():
    eps = [episode_on_night(ago(1), minutes=6)]
    assert Dr.advise(eps, now=NOW).level == "none"
    advice = Dr.advise(eps, now=NOW, thresholds={"long_episode_min": 5})
    assert advice.level == "urgent"
    assert "longer than 5 minutes" in reason(advice, "long-episode").text


def test_long_episode_text_counts_several():
    eps = [episode_on_night(ago(1), minutes=11), episode_on_night(ago(3), minutes=14)]
    r = reason(Dr.advise(eps, now=NOW), "long-episode")
    assert r.text.startswith("2 cramps in the last 14 nights lasted longer than 10 minutes")
    assert "14 min" in r.text
    assert r.numbers["count"] == 2


# ---------------------------------------------------------------- urgent: swelling with redness


def test_swelling_with_redness_is_urgent_and_never_diagnoses():
    eps = [
        episode_on_night(ago(1), locations=("calf",), red_flags=("swelling", "redness-or-warmth"))
    ]
    advice = Dr.advise(eps, now=NOW)
    assert advice.level == "urgent"
    r = reason(advice, "swelling-with-redness")
    assert "A blood clot can look like a cramp; get it checked today." in r.text
    assert "calf" in r.text
    assert Dr.PHLEBOLOGIST in advice.whom
    assert_clean(advice)


@pytest.mark.parametrize("flags", [("swelling",), ("redness-or-warmth",), ()])
def test_one_sign_alone_is_not_urgent(flags):
    advice = Dr.advise([episode_on_night(ago(1), red_flags=flags)], now=NOW)
    assert advice.level != "urgent"


# ---------------------------------------------------------------- see a doctor: sleep


@pytest.mark.parametrize(("woke", "fires"), [(2, False), (3, True), (4, True)])
def test_woke_on_most_nights(woke, fires):
    eps = episodes_on_nights([ago(i) for i in range(woke)])
    # Cramps that did not wake the user do not count here.
    eps += episodes_on_nights([ago(5), ago(6)], woke_me=False)
    advice = Dr.advise(eps, now=NOW)
    assert ("woke-most-nights" in ids(advice)) is fires
    if fires:
        r = reason(advice, "woke-most-nights")
        assert f"Cramps woke you on {woke} of the last 7 nights" in r.text
        assert "disturb your sleep" in r.text
        assert advice.level == "see-doctor"


def test_woke_window_edge():
    eps = episodes_on_nights([ago(0), ago(3), ago(7)])  # ago(7) is the 8th night back
    assert "woke-most-nights" not in ids(Dr.advise(eps, now=NOW))
    eps = episodes_on_nights([ago(0), ago(3), ago(6)])
    assert "woke-most-nights" in ids(Dr.advise(eps, now=NOW))


# ---------------------------------------------------------------- see a doctor: red flags


def test_numbness_sends_to_neurologist_and_swelling_to_phlebologist():
    numb = Dr.advise([episode_on_night(ago(2), red_flags=("numbness",))], now=NOW)
    assert numb.level == "see-doctor"
    assert Dr.NEUROLOGIST in numb.whom and Dr.PHLEBOLOGIST not in numb.whom
    assert "numbness once" in reason(numb, "numbness-or-swelling").text
    swell = Dr.advise([episode_on_night(ago(2), red_flags=("swelling",))], now=NOW)
    assert Dr.PHLEBOLOGIST in swell.whom and Dr.NEUROLOGIST not in swell.whom
    assert_clean(numb)
    assert_clean(swell)


@pytest.mark.parametrize(("nights_ago", "fires"), [(13, True), (14, False)])
def test_red_flags_only_in_recent_window(nights_ago, fires):
    eps = [episode_on_night(ago(nights_ago), red_flags=("numbness", "weakness"))]
    advice = Dr.advise(eps, now=NOW)
    assert ("numbness-or-swelling" in ids(advice)) is fires
    assert ("weakness" in ids(advice)) is fires


def test_weakness():
    advice = Dr.advise([episode_on_night(ago(1), red_flags=("weakness",))], now=NOW)
    r = reason(advice, "weakness")
    assert "weaker or smaller" in r.text
    assert r.whom == (Dr.GP, Dr.NEUROLOGIST)
    assert advice.level == "see-doctor"


# ---------------------------------------------------------------- see a doctor: worse


@pytest.mark.parametrize(
    ("recent", "previous", "fires"),
    [
        (3, 2, True),  # 3 >= 1.5 * 2, at the ratio
        (2, 1, False),  # ratio fine but fewer than 3 nights
        (3, 0, True),  # at the minimum
        (2, 0, False),  # below the minimum
        (4, 3, False),  # below the ratio (4 < 4.5)
        (5, 3, True),  # above the ratio
    ],
)
def test_getting_worse(recent, previous, fires):
    # Spread nights every other night so nothing else interferes much.
    recent_nights = [ago(13 - 2 * i) for i in range(recent)]
    previous_nights = [ago(14 + 2 * i) for i in range(previous)]
    advice = Dr.advise(episodes_on_nights(recent_nights + previous_nights), now=NOW)
    assert ("getting-worse" in ids(advice)) is fires
    if fires:
        r = reason(advice, "getting-worse")
        assert f"{recent} cramp nights in the last 14 nights against {previous}" in r.text
        assert r.numbers["recent"] == recent and r.numbers["previous"] == previous


# ---------------------------------------------------------------- frequent (own threshold)


@pytest.mark.parametrize(("short", "fires"), [(2, False), (3, True), (4, True)])
def test_frequent_in_seven(short, fires):
    advice = Dr.advise(episodes_on_nights([ago(i) for i in range(short)], woke_me=False), now=NOW)
    assert ("frequent" in ids(advice)) is fires
    assert advice.note_own_threshold is fires
    if fires:
        text = reason(advice, "frequent").text
        assert "app's own" in text and "no guideline gives a number" in text
        assert advice.level == "see-doctor"


@pytest.mark.parametrize(("count", "fires"), [(5, False), (6, True), (7, True)])
def test_frequent_in_thirty(count, fires):
    # One cramp night every 4 nights, so never 3 in any 7.
    nights = [ago(4 * i + 1) for i in range(count)]
    assert all((REF - n).days < 30 for n in nights)
    advice = Dr.advise(episodes_on_nights(nights, woke_me=False), now=NOW)
    assert ("frequent" in ids(advice)) is fires
    if fires:
        assert f"on {count} of the last 30" in reason(advice, "frequent").text


def test_frequent_threshold_override():
    eps = episodes_on_nights([ago(0), ago(1)], woke_me=False)
    assert "frequent" not in ids(Dr.advise(eps, now=NOW))
    advice = Dr.advise(eps, now=NOW, thresholds={"frequent_short_nights": 2})
    assert "frequent" in ids(advice)


# ---------------------------------------------------------------- context from the profile


ONE_CRAMP = [episode_on_night(date(2026, 11, 20))]


@pytest.mark.parametrize(
    ("profile", "rule_id", "whom"),
    [
        (Profile(pregnant=True), "context-pregnancy", Dr.MIDWIFE),
        (Profile(conditions=("diabetes",)), "context-conditions", Dr.ENDOCRINOLOGIST),
        (Profile(conditions=("thyroid",)), "context-conditions", Dr.ENDOCRINOLOGIST),
        (Profile(conditions=("varicose-veins",)), "context-conditions", Dr.PHLEBOLOGIST),
        (Profile(conditions=("kidney-disease",)), "context-conditions", Dr.GP),
        (Profile(medicines=("statins", "diuretics")), "context-medicines", Dr.GP),
    ],
)
def test_context_suggests_a_review(profile, rule_id, whom):
    advice = Dr.advise(ONE_CRAMP, profile, now=NOW)
    assert rule_id in ids(advice)
    assert advice.level == "see-doctor"
    assert whom in advice.whom
    assert_clean(advice)


def test_medicines_ask_for_a_review_never_to_stop():
    advice = Dr.advise(ONE_CRAMP, Profile(medicines=("statins", "other")), now=NOW)
    text = reason(advice, "context-medicines").text
    assert "medication review" in text
    assert "statins" in text
    assert "stop" not in text.lower()


def test_context_needs_a_recent_cramp():
    profile = Profile(pregnant=True, conditions=("diabetes",), medicines=("statins",))
    assert Dr.advise([], profile, now=NOW).level == "none"
    old = [episode_on_night(ago(30))]
    assert Dr.advise(old, profile, now=NOW).level == "none"
    assert Dr.advise([episode_on_night(ago(29))], profile, now=NOW).level == "see-doctor"


def test_flat_feet_alone_is_no_reason():
    assert Dr.advise(ONE_CRAMP, Profile(conditions=("flat-feet",)), now=NOW).level == "none"


# ---------------------------------------------------------------- the result as a whole


def test_urgent_first_gp_first_and_whom_merged():
    eps = episodes_on_nights([ago(i) for i in range(4)])
    eps.append(episode_on_night(ago(1), "04:00", minutes=12, red_flags=("numbness",)))
    advice = Dr.advise(eps, Profile(conditions=("diabetes",)), now=NOW)
    assert advice.level == "urgent"
    assert advice.reasons[0].rule_id == "long-episode"
    assert advice.whom[0] == Dr.GP
    assert set(advice.whom) == {Dr.GP, Dr.NEUROLOGIST, Dr.ENDOCRINOLOGIST}
    assert len(advice.whom) == len(set(advice.whom))
    assert advice.note_own_threshold
    assert_clean(advice)


def test_now_is_injected():
    eps = [episode_on_night(ago(1), minutes=15)]
    assert Dr.advise(eps, now=NOW).level == "urgent"
    assert Dr.advise(eps, now=NOW + timedelta(days=20)).level == "none"


def test_boundary_hour_changes_the_window():
    # 11:00 on 16 Nov: night of 15 Nov with noon nights, of 16 Nov with a 10:00 boundary.
    ep = episode_at("2026-11-16", "11:00", minutes=12)
    morning = local("2026-11-29", "10:30")  # ref 28 Nov (noon) / 29 Nov (10:00)
    assert Dr.advise([ep], now=morning, boundary_hour=12).level == "urgent"  # 15 in 15..28
    assert Dr.advise([ep], now=morning, boundary_hour=10).level == "urgent"  # 16 in 16..29
    after_noon = local("2026-11-29", "12:30")  # ref 29 Nov either way: window 16..29
    assert Dr.advise([ep], now=after_noon, boundary_hour=12).level == "none"
    assert Dr.advise([ep], now=after_noon, boundary_hour=10).level == "urgent"


# ---------------------------------------------------------------- the just-logged episode


def test_check_episode():
    assert Dr.check_episode(episode_at("2026-11-22", "03:00", minutes=3)).level == "none"
    long = Dr.check_episode(episode_at("2026-11-22", "03:00", minutes=11))
    assert long.level == "urgent"
    assert reason(long, "long-episode").text.startswith("This cramp lasted longer than 10")
    at_limit = Dr.check_episode(episode_at("2026-11-22", "03:00", minutes=10))
    assert at_limit.level == "none"
    clot = Dr.check_episode(
        episode_at("2026-11-22", red_flags=("swelling", "redness-or-warmth"), locations=("calf",))
    )
    assert clot.level == "urgent"
    assert "With this cramp you noted swelling with redness or warmth in the calf" in (
        reason(clot, "swelling-with-redness").text
    )
    numb = Dr.check_episode(episode_at("2026-11-22", red_flags=("numbness",)))
    assert numb.level == "see-doctor" and Dr.NEUROLOGIST in numb.whom
    custom = Dr.check_episode(
        episode_at("2026-11-22", minutes=6), thresholds={"long_episode_min": 5}
    )
    assert custom.level == "urgent"
    for advice in (long, clot, numb, custom):
        assert_clean(advice)
