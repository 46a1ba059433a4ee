"""The clinical review's content fixes (finding 11) stay fixed: one check per item."""

from __future__ import annotations

import tomllib

import pytest

from crampcoach import content

ROUTINES = content.content_dir() / "routines"


def article(slug: str) -> str:
    found = next(a for a in content.load_articles() if a.slug == slug)
    return " ".join(found.body_markdown.replace("*", "").split()).lower()


def routine(name: str) -> dict:
    return tomllib.loads((ROUTINES / f"{name}.toml").read_text(encoding="utf-8"))


def step_words(data: dict) -> str:
    return " ".join(f"{s['title']} {s['text']} {s.get('caution', '')}" for s in data["steps"])


def test_fluids_carry_the_limit_your_doctor_set():
    assert "unless your doctor has told you to limit fluids" in article("prevention-habits")


def test_twitching_is_not_a_cramp_and_timing_is_hedged():
    text = article("what-is-a-cramp")
    assert "twitching is not a cramp" in text
    assert "the twitch" not in text and "two kinds" not in text
    assert "twitching together with muscles getting weaker is a reason to see a gp" in text
    assert "some sources say" in text and "2 to 4 a.m." in text
    assert "keeps the calf short" not in text and "one idea is" in text


def test_causes_say_often_no_cause_and_name_liver_disease():
    text = article("causes-and-risk-groups")
    assert "no cause that can be found" in text
    assert "come from everyday strain" not in text
    assert "liver disease" in text


@pytest.mark.parametrize(
    "words",
    [
        "a red, warm patch of skin on its own",
        "the same day if the redness spreads or hurts",
        "after a wound or a cut",
        "tetanus",
        "poison or chemical",
        "affect your quality of life",
        "nhs 111",
        "999",
        "112",
        "breathlessness, chest pain or coughing up blood",
        "out-of-hours",
    ],
)
def test_when_to_see_a_doctor_covers_every_case(words):
    assert words in article("when-to-see-a-doctor")


def test_calf_first_aid_offers_staying_in_bed_a_soft_light_and_no_rubbing_a_red_calf():
    words = step_words(routine("first-aid-calf")).lower()
    assert "soft light" in words
    assert "cannot stand safely? stay in bed" in words
    assert "never rub a calf that is swollen, red or warm" in words
    assert "press d" in words


def test_foot_first_aid_curls_gently():
    words = step_words(routine("first-aid-foot")).lower()
    assert "curl your toes in tight" not in words
    assert "curl your toes gently" in words
    assert "soft light" in words


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ("routine", lambda: routine("bedtime-long")["summary"]),
        ("routine", lambda: step_words(routine("recovery"))),
        ("article", lambda: article("prevention-habits")),
        ("article", lambda: article("first-aid-basics")),
    ],
)
def test_warmth_is_warm_not_hot(where, text):
    words = text().lower()
    assert "not hot" in words


def test_numb_feet_test_the_water_by_hand():
    assert "test the water with your hand" in article("prevention-habits")
    assert "test the water with your hand" in routine("bedtime-long")["summary"].lower()


def test_daytime_leg_lifts_and_swings_warn_about_the_lower_back():
    steps = {s["title"]: s for s in routine("daytime-complex")["steps"]}
    for title in ("Alternate leg lifts", "Crossing swings"):
        assert "lower back" in steps[title].get("caution", "").lower(), title


def test_per_side_steps_never_say_one_leg_under_a_side_title():
    for path in sorted(ROUTINES.glob("*.toml")):
        for step in tomllib.loads(path.read_text(encoding="utf-8"))["steps"]:
            if step.get("per_side"):
                text = step["text"].lower()
                assert "one leg" not in text and "one foot" not in text, (path.name, step)


def test_weakness_reads_as_muscles_getting_weaker_or_smaller():
    from crampcoach.core import vocab

    assert vocab.label("weakness") == "muscles getting weaker or smaller"


def test_sources_are_named_in_every_article():
    for a in content.load_articles():
        assert a.sources, a.slug
