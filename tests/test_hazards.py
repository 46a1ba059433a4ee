"""Checks behind docs/HAZARDS.md that no other test file covers.

Each test names the hazard it guards (H-numbers as in the hazard log).
"""

from __future__ import annotations

import ast
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from crampcoach import content
from crampcoach.core.doctor import (
    DEFAULT_THRESHOLDS,
    DISCLAIMER,
    RULES,
    RULES_BY_ID,
    URGENT,
    advise,
    merge_thresholds,
)
from crampcoach.core.models import Profile
from crampcoach.core.vocab import CONDITIONS, MEDICINE_KINDS
from crampcoach.ui.themes import THEMES
from tests.ui_support import NOW, episode, make_app

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "crampcoach"
ORDINALS = {1.5: "one and a half times"}


def _article(slug: str) -> str:
    article = next(a for a in content.load_articles() if a.slug == slug)
    return " ".join(article.body_markdown.replace("*", "").split()).lower()


def _section(text: str, heading: str) -> str:
    """The text of one '## heading' section of a flattened article."""
    start = text.index(f"## {heading.lower()}")
    end = text.find("## ", start + 3)
    return text[start : end if end > 0 else None]


# ---------------------------------------------------------------- H2: learn text ≠ rules


def test_h2_learn_article_names_the_thresholds_the_rules_use():
    t = {k: (int(v) if float(v).is_integer() else v) for k, v in DEFAULT_THRESHOLDS.items()}
    body = _article("when-to-see-a-doctor")
    urgent = _section(body, "Get help urgently")
    assert f"lasts more than {t['long_episode_min']} minutes" in urgent
    assert "swollen and red or warm" in urgent
    see = _section(body, "See a doctor")
    assert f"{t['woke_nights']} or more of the last {t['woke_window_nights']} nights" in see
    assert "numbness or swelling" in see and "weaker or smaller" in see
    assert f"the last {t['worse_window_nights']} nights" in see
    assert f"{ORDINALS[t['worse_ratio']]} as many" in see
    assert f"at least {t['worse_min_nights']}" in see
    frequent = _section(body, "Frequent cramps")
    assert (
        f"{t['frequent_short_nights']} or more of the last {t['frequent_short_window']} nights"
        in frequent
    )
    assert (
        f"{t['frequent_long_nights']} or more of the last {t['frequent_long_window']}" in frequent
    )
    assert "no guideline gives a number" in frequent


def test_h2_the_levels_in_the_article_match_the_rule_levels():
    body = _article("when-to-see-a-doctor")
    urgent = _section(body, "Get help urgently")
    urgent_rules = {r.rule_id for r in RULES if r.level == URGENT}
    assert urgent_rules == {"long-episode", "swelling-with-redness"}
    # Nothing the rules call routine is listed as urgent in the article, and back.
    for routine_words in ("wake you", "numbness", "weaker", "getting worse"):
        assert routine_words not in urgent


def test_h2_help_screen_and_learn_text_agree_with_the_urgent_default():
    from crampcoach.ui.screens import help as help_screen

    limit = int(DEFAULT_THRESHOLDS["long_episode_min"])
    source = (PACKAGE / "ui" / "screens" / "help.py").read_text(encoding="utf-8")
    assert help_screen is not None
    assert f"more than {limit} minutes" in source
    assert "swollen, red or warm" in source


# ---------------------------------------------------------------- H3/H4: unsafe words, diagnoses


UNSAFE = re.compile(
    r"stop taking|stop your medicine|quinine|needle|\bprick|pierc|tincture|celandine|"
    r"you have (?:a )?(?:dvt|clot|thrombosis|diabetes|kidney)|diagnosed with|\bcures?\b",
    re.IGNORECASE,
)


def _string_constants(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            out.append(node.value)
    return out


@pytest.mark.parametrize(
    "path",
    [
        *sorted([*(PACKAGE / "ui").rglob("*.py"), *(PACKAGE / "report").rglob("*.py")]),
        PACKAGE / "core" / "doctor.py",
        PACKAGE / "advice_text.py",
        PACKAGE / "stats_text.py",
    ],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_h3_no_user_facing_string_coaches_an_unsafe_act_or_diagnoses(path):
    for text in _string_constants(path):
        found = UNSAFE.search(text)
        assert found is None, f"{path.name}: {found.group(0)!r} in {text[:80]!r}"


def _everything_fires():
    nights = [NOW - timedelta(days=k, hours=4) for k in range(7)]
    eps = [episode(f"{n:%Y-%m-%d %H:%M}", duration_min=2, locations=["calf"]) for n in nights]
    eps.append(
        episode(
            f"{NOW - timedelta(hours=5):%Y-%m-%d %H:%M}",
            duration_min=15,
            locations=["calf"],
            red_flags=["swelling", "redness-or-warmth", "numbness", "weakness"],
        )
    )
    profile = Profile(
        pregnant=True, conditions=CONDITIONS, medicines=MEDICINE_KINDS, medicines_other="x"
    )
    return advise(eps, profile, now=NOW)


def test_h4_every_reason_is_plain_words_without_a_diagnosis():
    advice = _everything_fires()
    fired = {r.rule_id for r in advice.reasons}
    # Context joins the frequent reason; redness on the clot's night is part of the urgent one.
    context = {"context-pregnancy", "context-conditions", "context-medicines"}
    assert fired >= set(RULES_BY_ID) - {"getting-worse", "redness-or-warmth"} - context
    assert set(next(r for r in advice.reasons if r.rule_id == "frequent").numbers["context"]) == (
        context
    )
    assert advice.level == URGENT
    for r in advice.reasons:
        assert UNSAFE.search(r.text) is None, r.text
        if RULES_BY_ID[r.rule_id].thresholds != ("recent_nights",):
            assert any(ch.isdigit() for ch in r.text), r.text  # counts carry their numbers
    medicines = next(r for r in advice.reasons if r.rule_id == "frequent")
    assert "keep taking your medicines as prescribed" in medicines.text.lower()
    assert "not a diagnosis" in DISCLAIMER


# ---------------------------------------------------------------- H1: red flag missed


def test_h1_urgent_rules_cannot_be_switched_off_by_thresholds():
    # The swelling-with-redness rule reads no threshold of its own; the long-cramp limit
    # refuses nonsense (zero, negatives, NaN, booleans) and is never raised above 10 minutes.
    assert RULES_BY_ID["swelling-with-redness"].thresholds == ("recent_nights",)
    for bad in (0, -5, float("nan"), True, "15", 15, 1440, 1e12):
        assert merge_thresholds({"long_episode_min": bad})["long_episode_min"] == 10
    # Nor can the urgent window be shortened to nothing.
    assert merge_thresholds({"recent_nights": 1})["recent_nights"] >= 7


def test_h1_a_red_flag_typed_into_the_future_still_counts():
    later = episode(
        f"{NOW + timedelta(days=2):%Y-%m-%d %H:%M}",
        red_flags=["swelling", "redness-or-warmth"],
    )
    assert advise([later], now=NOW).level == URGENT


# ---------------------------------------------------------------- H5: urgent shown too softly


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_h5_urgent_colour_stands_out_in_every_theme(theme):
    # Large text and borders need 3:1 (WCAG 1.4.11); the words say "urgent" as well.
    assert _contrast(theme.error, theme.background) >= 3
    assert _contrast(theme.foreground, theme.background) >= 3


@pytest.mark.parametrize("theme", [t.name for t in THEMES])
async def test_h5_urgent_doctor_screen_is_marked_in_every_theme(tmp_path, theme):
    long = episode("2026-11-21 23:40", duration_min=14)
    app = make_app(tmp_path, episodes=[long], theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        level = app.screen.query_one("#doctor-level")
        assert level.has_class("-urgent")
        assert level.styles.border.top[0] == "heavy"
        assert "Urgent" in str(level.render())
        # Visible in the first rows, without scrolling.
        assert level.region.y < 6 and level.region.height >= 3


# ---------------------------------------------------------------- H7: wrong time zone


def test_h7_check_in_night_uses_the_apps_zone_not_utc():
    from crampcoach.core.nights import night_of
    from tests.ui_support import ZONE

    # 00:30 in Berlin is 23:30 UTC the day before: both say the evening of the 21st,
    # and 11:30 Berlin (10:30 UTC) is still that night too; 12:30 Berlin is the next.
    assert str(night_of(datetime(2026, 11, 22, 0, 30, tzinfo=ZONE))) == "2026-11-21"
    assert str(night_of(datetime(2026, 11, 22, 11, 30, tzinfo=ZONE))) == "2026-11-21"
    assert str(night_of(datetime(2026, 11, 22, 12, 30, tzinfo=ZONE))) == "2026-11-22"


# ---------------------------------------------------------------- the log itself

TEST_REF = re.compile(r"`(test_\w+\.py)::(test_\w+)`")


def test_hazard_log_names_real_tests():
    log = (ROOT / "docs" / "HAZARDS.md").read_text(encoding="utf-8")
    refs = TEST_REF.findall(log)
    assert len(refs) > 40
    for id_ in range(1, 27):
        assert f"## H{id_} " in log, f"H{id_} has no section"
        assert f"| H{id_} |" in log, f"H{id_} is not in the table"
    # Every hazard section names at least one test that guards it.
    for section in re.split(r"^## ", log, flags=re.MULTILINE)[1:]:
        if section.startswith("H"):
            assert TEST_REF.search(section), section.splitlines()[0]
    missing = []
    for file_name, test_name in refs:
        path = ROOT / "tests" / file_name
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if not re.search(rf"^(async )?def {test_name}\(", text, re.MULTILINE):
            missing.append(f"{file_name}::{test_name}")
    assert not missing, missing
