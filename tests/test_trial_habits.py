"""The habits on offer: every shipped file loads, cites real sources, and keeps the safety
policy (never a medicine, supplement or dose; never "skip first aid")."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import pytest

from crampcoach import content
from crampcoach.content import ContentError
from crampcoach.habits import DEFAULT_HABIT, habit_from_mapping, load_habits

REQUIRED = {
    "bedtime-stretch",
    "bedtime-long",
    "loose-covers",
    "no-caffeine-after-noon",
    "warm-shower",
    "comfortable-shoes",
}
UNSAFE = re.compile(
    r"medicine|medication|supplement|tablet|\bpills?\b|\bdoses?\b|dosage|\d+ ?mg\b|quinine|"
    r"magnesium|potassium|calcium|needle|prick|tincture|"
    r"(?:skip|no|without|instead of) first aid|\bcures?\b",
    re.IGNORECASE,
)


def _texts(h):
    return (h.title, h.name, h.on, h.off, h.evidence, h.safety)


def test_every_habit_loads_and_the_default_comes_first():
    habits = load_habits()
    assert {h.id for h in habits} == REQUIRED
    assert habits[0].id == DEFAULT_HABIT


@pytest.mark.parametrize("habit", load_habits(), ids=lambda h: h.id)
def test_habit_keeps_the_safety_policy(habit):
    for text in _texts(habit):
        found = UNSAFE.search(text)
        assert found is None, f"{habit.id}: {found.group(0)!r}"
    assert "not medical advice" in habit.safety
    assert habit.on and habit.off and habit.evidence.count(".") <= 2  # one plain line
    if "stretch" in habit.id:
        assert "first aid is there" in habit.off


@pytest.mark.parametrize("habit", load_habits(), ids=lambda h: h.id)
def test_habit_sources_are_real_and_routines_exist(habit):
    listed = {
        s["file"]
        for s in tomllib.loads((content.content_dir() / "sources.toml").read_text())["source"]
    }
    assert set(habit.sources) <= listed
    if habit.routine:
        assert content.load_routines(None).get(habit.routine) is not None


def test_warm_shower_says_warm_not_hot_and_numb_feet():
    shower = next(h for h in load_habits() if h.id == "warm-shower")
    assert "warm (not hot)" in shower.on and "numb" in shower.safety


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"id": "Bad Id"}, "id"),
        ({"on": ""}, "on"),
        ({"sources": ["notes.txt"]}, "source"),
        ({"anchors": ["A blog"]}, "anchors"),
        ({"dose": "x"}, "unknown key"),
    ],
)
def test_loader_is_strict(change, why):
    base = tomllib.loads((content.content_dir() / "habits" / "warm-shower.toml").read_text())
    with pytest.raises(ContentError, match=why):
        habit_from_mapping({**base, **change}, "x.toml")


def test_installed_package_ships_the_habits(tmp_path):
    code = (
        "import crampcoach.content as c\nfrom crampcoach.habits import load_habits\n"
        "print(c.content_dir()); print(len(load_habits()))"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    assert int(out[1]) == 6
    if "site-packages" in out[0]:
        assert out[0].endswith("crampcoach/_content")
