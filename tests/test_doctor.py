"""Doctor rules: each at, below and above its threshold; wording that never diagnoses.

Windows, tracked nights and recorded visits have their own file: tests/test_doctor_windows.py.
"""

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
        if r.level == Dr.URGENT:
            # Urgent means today, so never a specialist; and always whom to call at night.
            assert r.whom == (Dr.GP,), r
            assert "NHS 111" in r.text and "999" in r.text and "112" in r.text, r.text
    if advice.whom:
        assert advice.whom[0] == Dr.GP
    if advice.level == Dr.URGENT:
        assert advice.whom == (Dr.GP,)
        assert Dr.PHLEBOLOGIST not in advice.whom


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
        assert info.minimum <= info.default <= info.maximum


@pytest.mark.parametrize(
    ("overrides", "key", "used"),
    [
        ({"woke_nights": 4}, "woke_nights", 4),
        ({"nonsense": 9}, "woke_nights", 3),
        ({"worse_ratio": "x"}, "worse_ratio", 1.5),
        ({"woke_nights": 0}, "woke_nights", 3),  # below the minimum: the default
        ({"woke_nights": -2}, "woke_nights", 3),
        ({"woke_nights": True}, "woke_nights", 3),
        ({"woke_nights": float("nan")}, "woke_nights", 3),
        # The urgent long-cramp rule cannot be switched off or loosened past the NHS limit.
        ({"long_episode_min": 1440}, "long_episode_min", 10),
        ({"long_episode_min": 10.5}, "long_episode_min", 10),
        ({"long_episode_min": 5}, "long_episode_min", 5),
        ({"long_episode_min": 0}, "long_episode_min", 10),
        # N of M: N is never more than M.
        ({"woke_nights": 9}, "woke_nights", 7),
        ({"woke_nights": 5, "woke_window_nights": 4}, "woke_nights", 4),
        ({"frequent_short_nights": 8}, "frequent_short_nights", 7),
        ({"frequent_long_nights": 31}, "frequent_long_nights", 30),
        ({"worse_min_nights": 20}, "worse_min_nights", 14),
        # Sane upper bounds.
        ({"frequent_long_window": 10_000}, "frequent_long_window", 90),
        ({"worse_window_nights": 500}, "worse_window_nights", 90),
        ({"worse_ratio": 1e9}, "worse_ratio", 10),
        ({"recent_nights": 2}, "recent_nights", 14),  # the urgent window is never shortened
        ({"recent_nights": 1e6}, "recent_nights", 90),
        ({"woke_window_nights": 2.4}, "woke_window_nights", 2),
    ],
)
def test_thresholds_are_bounded_where_they_are_read(overrides, key, used):
    assert Dr.merge_thresholds(overrides)[key] == used


def test_merge_thresholds_from_settings():
    assert Dr.merge_thresholds(None) == Dr.DEFAULT_THRESHOLDS
    s = Settings(thresholds={"long_episode_min": 5.0})
    assert Dr.thresholds_from_settings(s)["long_episode_min"] == 5
    assert Dr.thresholds_from_settings(None) == Dr.DEFAULT_THRESHOLDS


def test_a_huge_long_cramp_limit_in_settings_still_fires_at_ten_minutes():
    eps = [episode_on_night(ago(1), minutes=11)]
    advice = Dr.advise(eps, now=NOW, thresholds={"long_episode_min": 1440})
    assert advice.level == Dr.URGENT
    assert "longer than 10 minutes" in reason(advice, "long-episode").text


def test_n_greater_than_m_in_settings_still_fires():
    eps = episodes_on_nights([ago(i) for i in range(7)])
    advice = Dr.advise(eps, now=NOW, thresholds={"woke_nights": 50})
    assert "woke-most-nights" in ids(advice)


@pytest.mark.parametrize(
    ("values", "ok"),
    [
        ({"woke_nights": 3}, True),
        ({"woke_nights": 8}, False),
        ({"long_episode_min": 11}, False),
        ({"frequent_long_nights": 10, "frequent_long_window": 9}, False),
        ({"frequent_long_nights": 9, "frequent_long_window": 9}, True),
    ],
)
def test_thresholds_typed_into_settings_are_checked_against_their_pairs(values, ok):
    from crampcoach.core.form_rules import parse_thresholds

    _overrides, problems = parse_thresholds({k: str(v) for k, v in values.items()})
    assert (problems == {}) is ok


def test_rules_are_data_with_an_evaluator_each():
    context = set(Dr.CONTEXT_RULES)
    assert {r.rule_id for r in Dr.RULES} - context == set(Dr.EVALUATORS)
    for rule in Dr.RULES:
        assert rule.level in Dr.LEVELS
        assert rule.whom[0] == Dr.GP
        assert all(k in Dr.DEFAULT_THRESHOLDS for k in rule.thresholds)
        if rule.level == Dr.URGENT:
            assert rule.whom == (Dr.GP,)
            # No urgent rule reads a threshold that could switch it off.
            assert not {"woke_nights", "frequent_long_window"} & set(rule.thresholds)


def test_nothing_logged_means_no_advice():
    advice = Dr.advise([], Profile(), now=NOW)
    assert advice.level == "none" and advice.reasons == () and advice.whom == ()
    assert "Nothing in your log" in advice.headline
    # Help at any hour is there whatever the level.
    assert any("NHS 111" in line for line in advice.help)
    assert any("999" in line and "112" in line for line in advice.help)


# ---------------------------------------------------------------- urgent: long episode


@pytest.mark.parametrize(
    ("seconds", "fires", "shown"),
    [
        (599, False, None),
        (600, False, None),
        (601, True, "10 min 1 s"),
        (630, True, "10 min 30 s"),
        (660, True, "11 min"),
        (900, True, "15 min"),
    ],
)
def test_long_episode_at_below_and_above(seconds, fires, shown):
    eps = [episode_on_night(ago(2), minutes=None, duration_s=seconds)]
    advice = Dr.advise(eps, now=NOW)
    assert ("long-episode" in ids(advice)) is fires
    assert (advice.level == "urgent") is fires
    if fires:
        r = reason(advice, "long-episode")
        assert f"lasted {shown}, longer than 10 minutes" in r.text
        assert "(10 min)" not in r.text
        assert "urgent appointment" in r.text
        assert advice.headline.startswith("Get medical advice today")
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
    assert "the longest 14 min" in r.text
    assert r.numbers["count"] == 2


# ---------------------------------------------------------------- urgent: swelling with redness


def _signs(night: date, clock: str, flags: tuple[str, ...], side: str | None = "left"):
    return episode_on_night(night, clock, red_flags=flags, side=side, locations=("calf",))


SW, RD = ("swelling",), ("redness-or-warmth",)


@pytest.mark.parametrize(
    ("episodes", "urgent"),
    [
        ([_signs(ago(1), "03:00", SW + RD)], True),  # one episode
        ([_signs(ago(1), "02:00", SW), _signs(ago(1), "07:00", RD)], True),  # split, same night
        ([_signs(ago(1), "22:00", SW), _signs(ago(1), "07:00", RD)], True),  # evening + morning
        ([_signs(ago(1), "02:00", SW), _signs(ago(2), "07:00", RD)], False),  # other nights
        ([_signs(ago(1), "02:00", SW, "left"), _signs(ago(1), "07:00", RD, "right")], False),
        ([_signs(ago(1), "02:00", SW, "both"), _signs(ago(1), "07:00", RD, "right")], True),
        ([_signs(ago(1), "02:00", SW, "left"), _signs(ago(1), "07:00", RD, "both")], True),
        ([_signs(ago(1), "02:00", SW, None), _signs(ago(1), "07:00", RD, "right")], True),
        ([_signs(ago(13), "02:00", SW), _signs(ago(13), "07:00", RD)], True),
        ([_signs(ago(14), "02:00", SW), _signs(ago(14), "07:00", RD)], False),  # old: routine
    ],
)
def test_swelling_with_redness_per_night_and_leg(episodes, urgent):
    advice = Dr.advise(episodes, now=NOW)
    assert ("swelling-with-redness" in ids(advice)) is urgent
    assert (advice.level == Dr.URGENT) is urgent
    # Whatever the combination, each sign still leads to advice.
    assert advice.level != Dr.NONE
    assert_clean(advice)


def test_swelling_with_redness_wording():
    advice = Dr.advise([_signs(ago(1), "02:00", SW), _signs(ago(1), "07:00", RD)], now=NOW)
    r = reason(advice, "swelling-with-redness")
    assert "swelling and redness or warmth of your left calf" in r.text
    assert "A blood clot can look like a cramp" in r.text
    assert "urgent appointment" in r.text
    assert "NHS 111" in r.text
    assert "breathlessness, chest pain or coughing up blood" in r.text
    assert advice.whom == (Dr.GP,)
    # The redness is not given a second, softer reason on the same night.
    assert "redness-or-warmth" not in ids(advice)


def test_a_possible_clot_never_lists_a_phlebologist():
    profile = Profile(conditions=("varicose-veins",))
    eps = [_signs(ago(1), "03:00", SW + RD), *episodes_on_nights([ago(i) for i in range(2, 6)])]
    advice = Dr.advise(eps, profile, now=NOW)
    assert advice.level == Dr.URGENT
    assert Dr.PHLEBOLOGIST not in advice.whom
    assert all(Dr.PHLEBOLOGIST not in r.whom for r in advice.reasons if r.level == Dr.URGENT)


def test_custom_numbers_are_named_in_urgent_reasons():
    from crampcoach.core.urgent_help import HelpNumbers

    numbers = HelpNumbers(out_of_hours="116 117", emergency="112")
    advice = Dr.advise([_signs(ago(1), "03:00", SW + RD)], now=NOW, numbers=numbers)
    text = reason(advice, "swelling-with-redness").text
    assert "call 116 117 (your out-of-hours" in text
    assert "Call 112 (your emergency number)" in text
    assert "NHS 111" not in text


# ---------------------------------------------------------------- every tickable sign → advice


@pytest.mark.parametrize(
    ("flag", "rule_id", "when"),
    [
        ("redness-or-warmth", "redness-or-warmth", Dr.SOON),
        ("numbness", "numbness-or-swelling", Dr.ROUTINE),
        ("swelling", "numbness-or-swelling", Dr.ROUTINE),
        ("weakness", "weakness", Dr.ROUTINE),
    ],
)
def test_every_warning_sign_leads_to_advice(flag, rule_id, when):
    from crampcoach.core import vocab

    assert flag in vocab.RED_FLAGS
    for advice in (
        Dr.advise([episode_on_night(ago(1), red_flags=(flag,))], now=NOW),
        Dr.check_episode(episode_on_night(ago(1), red_flags=(flag,))),
    ):
        assert rule_id in ids(advice)
        assert advice.level == Dr.SEE_DOCTOR
        assert advice.when == when
        assert_clean(advice)


def test_every_red_flag_in_the_vocabulary_has_a_rule():
    from crampcoach.core import vocab

    for flag in vocab.RED_FLAGS:
        assert Dr.check_episode(episode_on_night(ago(1), red_flags=(flag,))).level != "none"


def test_redness_alone_see_a_gp_soon_today_if_spreading():
    advice = Dr.advise([_signs(ago(1), "03:00", RD)], now=NOW)
    r = reason(advice, "redness-or-warmth")
    assert "cellulitis" in r.text
    assert "see a GP soon, the same day if the redness spreads or hurts" in r.text
    # A red calf at 3 a.m.: whom to call at that hour, and when to call an ambulance.
    assert "NHS 111" in r.text and "999" in r.text and "112" in r.text
    assert advice.headline == "See a GP soon: today if the redness spreads or hurts."
    assert advice.heading == "See a GP soon"
    assert_clean(advice)


def test_numbness_sends_to_neurologist_swelling_to_no_specialist():
    numb = Dr.advise([episode_on_night(ago(2), red_flags=("numbness",))], now=NOW)
    assert numb.level == "see-doctor"
    assert Dr.NEUROLOGIST in numb.whom and Dr.PHLEBOLOGIST not in numb.whom
    assert "numbness on the night of 26 Nov" in reason(numb, "numbness-or-swelling").text
    swell = Dr.advise([episode_on_night(ago(2), red_flags=("swelling",))], now=NOW)
    assert swell.whom == (Dr.GP,)
    assert_clean(numb)
    assert_clean(swell)


@pytest.mark.parametrize("nights_ago", [13, 14, 20, 60, 400])
def test_warning_signs_have_no_time_limit(nights_ago):
    eps = [episode_on_night(ago(nights_ago), red_flags=("numbness", "weakness"))]
    advice = Dr.advise(eps, now=NOW)
    assert {"numbness-or-swelling", "weakness"} <= ids(advice)
    assert Dr.SIGNS_STAY_NOTE in advice.notes


def test_weakness():
    advice = Dr.advise([episode_on_night(ago(1), red_flags=("weakness",))], now=NOW)
    r = reason(advice, "weakness")
    assert "weaker or smaller" in r.text
    assert r.whom == (Dr.GP, Dr.NEUROLOGIST)
    assert advice.level == "see-doctor"


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
        assert advice.headline == "Worth a routine visit to your GP."


def test_woke_window_edge():
    eps = episodes_on_nights([ago(0), ago(3), ago(7)])  # ago(7) is the 8th night back
    assert "woke-most-nights" not in ids(Dr.advise(eps, now=NOW))
    eps = episodes_on_nights([ago(0), ago(3), ago(6)])
    assert "woke-most-nights" in ids(Dr.advise(eps, now=NOW))


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
    recent_nights = [ago(13 - 2 * i) for i in range(recent)]
    previous_nights = [ago(14 + 2 * i) for i in range(previous)]
    # The journal tracked the earlier 14 nights: it began 28 nights back.
    advice = Dr.advise(
        episodes_on_nights(recent_nights + previous_nights), now=NOW, first_night=ago(27)
    )
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
    nights = [ago(4 * i + 1) for i in range(count)]  # never 3 in any 7
    advice = Dr.advise(episodes_on_nights(nights, woke_me=False), now=NOW)
    assert ("frequent" in ids(advice)) is fires
    if fires:
        assert f"on {count} of the last 30" in reason(advice, "frequent").text


def test_frequent_threshold_override():
    eps = episodes_on_nights([ago(0), ago(1)], woke_me=False)
    assert "frequent" not in ids(Dr.advise(eps, now=NOW))
    assert "frequent" in ids(Dr.advise(eps, now=NOW, thresholds={"frequent_short_nights": 2}))


# ---------------------------------------------------------------- context from the profile


ONE_CRAMP = [episode_on_night(date(2026, 11, 20))]
FREQUENT = episodes_on_nights([ago(i) for i in range(4)], woke_me=False)


@pytest.mark.parametrize(
    ("profile", "rule_id", "whom", "words"),
    [
        (Profile(pregnant=True), "context-pregnancy", Dr.MIDWIFE, "pregnant"),
        (Profile(conditions=("diabetes",)), "context-conditions", Dr.ENDOCRINOLOGIST, "diabetes"),
        (Profile(conditions=("thyroid",)), "context-conditions", Dr.ENDOCRINOLOGIST, "thyroid"),
        (Profile(conditions=("varicose-veins",)), "context-conditions", Dr.PHLEBOLOGIST, "veins"),
        (Profile(conditions=("kidney-disease",)), "context-conditions", Dr.GP, "kidney"),
        (Profile(medicines=("statins", "diuretics")), "context-medicines", Dr.GP, "statins"),
        (Profile(medicines_other="ramipril"), "context-medicines", Dr.GP, "another medicine"),
        (Profile(medicines=("other",)), "context-medicines", Dr.GP, "another medicine"),
    ],
)
def test_context_alone_is_a_gentle_mention(profile, rule_id, whom, words):
    advice = Dr.advise(ONE_CRAMP, profile, now=NOW)
    assert ids(advice) == {rule_id}
    assert advice.level == Dr.MENTION
    assert whom in advice.whom
    r = reason(advice, rule_id)
    assert words in r.text
    assert "next" in r.text  # next visit / next check-up, as the headline says
    assert advice.headline == (
        "Nothing urgent: mention your cramps at your next visit or check-up."
    )
    assert advice.heading == "Worth mentioning at your next visit"
    assert_clean(advice)


@pytest.mark.parametrize(
    ("profile", "words", "whom"),
    [
        (Profile(pregnant=True), "pregnant", Dr.MIDWIFE),
        (Profile(conditions=("diabetes",)), "diabetes", Dr.ENDOCRINOLOGIST),
        (Profile(medicines_other="ramipril 5 mg"), "another medicine", Dr.GP),
    ],
)
def test_context_with_frequent_cramps_joins_their_reason(profile, words, whom):
    advice = Dr.advise(FREQUENT, profile, now=NOW)
    assert ids(advice) == {"frequent"}
    assert advice.level == Dr.SEE_DOCTOR
    r = reason(advice, "frequent")
    assert words in r.text
    assert whom in r.whom
    assert "ramipril" not in r.text  # the free text is the user's, never echoed into advice
    assert_clean(advice)


def test_medicines_ask_for_a_review_never_to_stop():
    advice = Dr.advise(ONE_CRAMP, Profile(medicines=("statins", "other")), now=NOW)
    text = reason(advice, "context-medicines").text
    assert "medication review" in text
    assert "statins and another medicine" in text
    assert "stop" not in text.lower()


def test_context_needs_a_recent_cramp():
    profile = Profile(pregnant=True, conditions=("diabetes",), medicines=("statins",))
    assert Dr.advise([], profile, now=NOW).level == "none"
    assert Dr.advise([episode_on_night(ago(30))], profile, now=NOW).level == "none"
    assert Dr.advise([episode_on_night(ago(29))], profile, now=NOW).level == Dr.MENTION


def test_flat_feet_alone_is_no_reason():
    assert Dr.advise(ONE_CRAMP, Profile(conditions=("flat-feet",)), now=NOW).level == "none"


# ---------------------------------------------------------------- the result as a whole


def test_urgent_first_gp_only_when_urgent():
    eps = episodes_on_nights([ago(i) for i in range(4)])
    eps.append(episode_on_night(ago(1), "04:00", minutes=12, red_flags=("numbness",)))
    advice = Dr.advise(eps, Profile(conditions=("diabetes",)), now=NOW)
    assert advice.level == "urgent"
    assert advice.reasons[0].rule_id == "long-episode"
    assert advice.whom == (Dr.GP,)
    # The routine reasons keep their own specialists for later.
    assert Dr.NEUROLOGIST in reason(advice, "numbness-or-swelling").whom
    assert advice.note_own_threshold
    assert_clean(advice)


def test_routine_whom_merged_gp_first():
    eps = episodes_on_nights([ago(i) for i in range(4)])
    eps.append(episode_on_night(ago(1), "04:00", red_flags=("numbness",)))
    advice = Dr.advise(eps, Profile(conditions=("diabetes",)), now=NOW)
    assert advice.level == Dr.SEE_DOCTOR
    assert advice.whom == (Dr.GP, Dr.ENDOCRINOLOGIST, Dr.NEUROLOGIST)


@pytest.mark.parametrize(
    ("episodes", "profile", "headline_start", "word"),
    [
        ([episode_on_night(ago(1), minutes=11)], None, "Get medical advice today", "today"),
        ([_signs(ago(1), "03:00", RD)], None, "See a GP soon", "soon"),
        ([episode_on_night(ago(1), red_flags=("numbness",))], None, "Worth a routine", "GP"),
        (ONE_CRAMP, Profile(pregnant=True), "Nothing urgent: mention", "next visit"),
        (ONE_CRAMP, None, "Nothing in your log", ""),
    ],
)
def test_headline_agrees_with_the_most_pressing_reason(episodes, profile, headline_start, word):
    advice = Dr.advise(episodes, profile, now=NOW)
    assert advice.headline.startswith(headline_start)
    # The banner's heading and the screen's headline use the same word for how soon.
    assert word in advice.headline
    if advice.reasons and word != "GP":
        assert word in advice.heading
        assert word in advice.reasons[0].text


def test_now_is_injected():
    eps = [episode_on_night(ago(1), minutes=15)]
    assert Dr.advise(eps, now=NOW).level == "urgent"
    assert Dr.advise(eps, now=NOW + timedelta(days=20)).level == "none"


def test_boundary_hour_changes_the_window():
    # 11:00 on 16 Nov: night of 15 Nov with noon nights, of 16 Nov with a 10:00 boundary.
    ep = episode_at("2026-11-16", "11:00", minutes=12)
    assert Dr.advise([ep], now=local("2026-11-29", "10:30"), boundary_hour=12).level == "urgent"
    assert Dr.advise([ep], now=local("2026-11-30", "10:30"), boundary_hour=12).level == "none"
    assert Dr.advise([ep], now=local("2026-11-30", "10:30"), boundary_hour=10).level == "urgent"


# ---------------------------------------------------------------- the just-logged episode


def test_check_episode():
    assert Dr.check_episode(episode_at("2026-11-22", "03:00", minutes=3)).level == "none"
    long = Dr.check_episode(episode_at("2026-11-22", "03:00", minutes=11))
    assert long.level == "urgent"
    assert reason(long, "long-episode").text.startswith(
        "This cramp lasted 11 min, longer than 10 minutes"
    )
    assert Dr.check_episode(episode_at("2026-11-22", "03:00", minutes=10)).level == "none"
    clot = Dr.check_episode(
        episode_at("2026-11-22", red_flags=("swelling", "redness-or-warmth"), locations=("calf",))
    )
    assert clot.level == "urgent"
    assert "With this cramp you noted swelling and redness or warmth of the same calf" in (
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


def test_more_pressing_picks_the_sooner_advice():
    soon = Dr.check_episode(_signs(ago(1), "07:00", RD))
    urgent = Dr.advise([_signs(ago(1), "02:00", SW), _signs(ago(1), "07:00", RD)], now=NOW)
    assert Dr.more_pressing(soon, urgent) is urgent
    assert Dr.more_pressing(urgent, soon) is urgent
    nothing = Dr.advise([], now=NOW)
    assert Dr.more_pressing(nothing, soon) is soon
