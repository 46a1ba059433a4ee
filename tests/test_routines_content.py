"""Shipped content loads, cites real sources and keeps the safety policy; the loader is strict."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from crampcoach import content
from crampcoach.core import vocab
from crampcoach.core.routines import (
    Routine,
    RoutineError,
    Step,
    first_aid_for,
    routine_from_mapping,
)

SOURCES_FILE = content.content_dir() / "sources.toml"
CONTENT = content.content_dir()
ROUTINE_FILES = sorted((CONTENT / "routines").glob("*.toml"))
ARTICLE_FILES = sorted((CONTENT / "learn").glob("*.md"))
SEED_NAME = re.compile(r"^[0-9]{3}_[0-9a-f]+\.txt$")
FORBIDDEN = re.compile(
    r"needle|prick|pierc|quinine|\bpin\b|tincture|vodka|celandine|mustard|[0-9]+ ?mg\b",
    re.IGNORECASE,
)
DOCTOR_POINTER = "press d on the home screen"
STEP_TEXT_MAX = 240

REQUIRED_ROUTINES = {
    "first-aid-calf",
    "first-aid-calf-in-bed",
    "first-aid-foot",
    "first-aid-toes",
    "first-aid-front-thigh",
    "first-aid-back-thigh",
    "recovery",
    "bedtime-stretch",
    "bedtime-long",
    "daytime-complex",
    "morning",
}
REQUIRED_ARTICLES = {
    "what-is-a-cramp",
    "causes-and-risk-groups",
    "prevention-habits",
    "foods",
    "medicines-and-cramps",
    "when-to-see-a-doctor",
    "stretching-evidence",
    "first-aid-basics",
    "unproven-remedies",
}


@pytest.fixture(scope="module")
def routines() -> tuple[Routine, ...]:
    return content.load_shipped_routines()


def _seed_names() -> set[str]:
    # The manifest shipped with the content names every source document.
    data = tomllib.loads(SOURCES_FILE.read_text(encoding="utf-8"))
    return {entry["file"] for entry in data["source"]}


# --------------------------------------------------------------------- shipped routines


def test_content_dir_is_the_source_checkout_folder() -> None:
    assert (CONTENT / "routines").is_dir()
    assert (CONTENT / "learn").is_dir()


@pytest.mark.parametrize("path", ROUTINE_FILES, ids=lambda p: p.name)
def test_every_shipped_routine_file_loads(path: Path) -> None:
    routine = content.load_routine_file(path)
    assert routine.id == path.stem
    assert routine.total_seconds() > 0


def test_required_routines_are_shipped(routines: tuple[Routine, ...]) -> None:
    assert {r.id for r in routines} >= REQUIRED_ROUTINES


def test_every_routine_cites_existing_seed_files(routines: tuple[Routine, ...]) -> None:
    seeds = _seed_names()
    for r in routines:
        assert r.sources, r.id
        for src in r.sources:
            assert SEED_NAME.match(src), (r.id, src)
            assert src in seeds, (r.id, src)


def test_every_routine_file_has_an_explicit_safety_note() -> None:
    for path in ROUTINE_FILES:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        safety = data.get("safety", "").lower()
        if data.get("kind") == "first-aid":
            assert "stop if it hurts more than the cramp" in safety, path.name
        else:
            # No cramp to compare with at bedtime, in the daytime or once it has passed.
            assert "stop if it hurts" in safety, path.name
            assert "than the cramp" not in safety, path.name
        assert "not medical advice" in safety, path.name


def test_first_aid_routines_point_to_doctor_advice(routines: tuple[Routine, ...]) -> None:
    first_aid = [r for r in routines if r.kind == "first-aid"]
    assert first_aid
    for r in first_aid:
        assert DOCTOR_POINTER in r.steps[-1].text.lower(), r.id
        assert DOCTOR_POINTER in r.safety.lower(), r.id


def test_steps_fit_on_one_screen(routines: tuple[Routine, ...]) -> None:
    for r in routines:
        for step in r.steps:
            assert len(step.text) <= STEP_TEXT_MAX, (r.id, step.title)
            assert len(step.title) <= 40, (r.id, step.title)
            assert step.caution is None or len(step.caution) <= 120, (r.id, step.title)


def test_every_location_has_a_first_aid_routine(routines: tuple[Routine, ...]) -> None:
    for loc in vocab.LOCATIONS:
        chosen = first_aid_for(routines, loc)
        assert chosen is not None and chosen.kind == "first-aid", loc
        if loc != "other":
            assert loc in chosen.locations, loc
    assert first_aid_for(routines, "calf").id == "first-aid-calf"
    assert first_aid_for(routines, "other").id == "first-aid-calf"
    assert first_aid_for(routines, None).id == "first-aid-calf"


def test_first_aid_for_with_no_first_aid_routines(routines: tuple[Routine, ...]) -> None:
    assert first_aid_for([r for r in routines if r.kind != "first-aid"], "calf") is None


def test_bedtime_stretch_follows_the_trial_protocol(routines: tuple[Routine, ...]) -> None:
    r = next(r for r in routines if r.id == "bedtime-stretch")
    assert r.kind == "bedtime"
    calf = [s for s in r.steps if "calf" in s.title.lower()]
    back = [s for s in r.steps if "thigh" in s.title.lower()]
    assert len(calf) == 3 and len(back) == 3
    assert len(r.steps) == 6
    for i, step in enumerate(r.steps):
        assert step.seconds == 10 and step.reps is None
        assert step.per_side  # both legs
        if i < len(r.steps) - 1:
            assert step.rest_s == 10
    assert 150 <= r.total_seconds() <= 240  # "about 3 minutes"
    words = f"{r.summary} {r.safety}".lower()
    assert "may help" in words
    assert "cure" not in words
    assert "moderate" in " ".join(s.text.lower() for s in r.steps)


def test_daytime_complex_uses_counted_steps(routines: tuple[Routine, ...]) -> None:
    r = next(r for r in routines if r.id == "daytime-complex")
    circles = [s for s in r.steps if "circle" in s.title.lower()]
    assert circles and all(s.reps == 30 and s.pace_s for s in circles)


def test_no_forbidden_words_anywhere_in_content() -> None:
    files = [p for p in CONTENT.rglob("*") if p.is_file()]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        found = FORBIDDEN.search(text)
        assert found is None, f"{path.name}: {found.group(0)!r}"


def test_no_cure_promises() -> None:
    # "cure" may only appear as "not a cure".
    for path in [*ROUTINE_FILES, *ARTICLE_FILES]:
        text = " ".join(path.read_text(encoding="utf-8").lower().split())
        for m in re.finditer(r"\bcur(?:e|es|ed|ing)\b", text):
            assert text[: m.start()].endswith("not a "), (path.name, text[m.start() - 30 : m.end()])


# --------------------------------------------------------------------- articles


def test_articles_load_with_sources_and_valid_links() -> None:
    articles = content.load_articles()
    slugs = {a.slug for a in articles}
    assert slugs >= REQUIRED_ARTICLES
    seeds = _seed_names()
    for a in articles:
        assert a.title and a.body_markdown.strip()
        assert not a.body_markdown.startswith("# "), a.slug  # title is not repeated
        assert any(SEED_NAME.match(s) for s in a.sources), a.slug
        for src in a.sources:
            if SEED_NAME.match(src) and seeds:
                assert src in seeds, (a.slug, src)
            elif not SEED_NAME.match(src):
                assert src in content.CLINICAL_ANCHORS, (a.slug, src)
        for target in (*a.related, *content.article_links(a)):
            assert target in slugs, (a.slug, target)


def test_doctor_article_states_the_rules() -> None:
    a = next(a for a in content.load_articles() if a.slug == "when-to-see-a-doctor")
    body = a.body_markdown.lower()
    for needed in (
        "10 minutes",
        "red or warm",
        "clot",
        "3 or more of the last 7 nights",
        "6 or\nmore of the last 30",
        "numbness or swelling",
        "weaker or smaller",
        "last 14 nights",
        "no guideline gives a number",
        "never stop a medicine",
        "phlebologist",
        "endocrinologist",
        "neurologist",
        "gp",
    ):
        assert needed in body, needed
    assert {"NHS", "NHS inform", "NICE CKS"} <= set(a.sources)


def test_evidence_and_food_articles_keep_their_promises() -> None:
    by_slug = {a.slug: a for a in content.load_articles()}
    evidence = by_slug["stretching-evidence"].body_markdown.lower()
    assert "may help" in evidence and "coppin 2005" in evidence and "over 55" in evidence
    foods = by_slug["foods"].body_markdown.lower()
    assert "only if a doctor advises" in foods
    medicines = by_slug["medicines-and-cramps"].body_markdown.lower()
    assert "never stop a medicine on your own" in medicines


def test_article_parser_rejects_bad_shapes() -> None:
    with pytest.raises(content.ContentError, match="first line"):
        content.parse_article("x", "No title\nSources: NHS\n\nText")
    with pytest.raises(content.ContentError, match="Sources"):
        content.parse_article("x", "# Title\n\nText")
    with pytest.raises(content.ContentError, match="unknown source"):
        content.parse_article("x", "# Title\nSources: some blog\n\nText")
    a = content.parse_article(
        "x", "# Title\nSources: 000_ab.txt, NHS\nRelated: y\n\nSee [y](y) or [web](https://a.b)."
    )
    assert a.title == "Title" and a.sources == ("000_ab.txt", "NHS") and a.related == ("y",)
    assert content.article_links(a) == ("y",)


# --------------------------------------------------------------------- strict validation


def _minimal(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "my-stretch",
        "title": "My stretch",
        "kind": "bedtime",
        "summary": "Mine.",
        "steps": [{"title": "Hold", "text": "Hold it.", "seconds": 10}],
    }
    data.update(overrides)
    return data


def _step(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"title": "Hold", "text": "Hold it."}
    base.update(fields)
    return base


def test_minimal_routine_gets_defaults() -> None:
    r = routine_from_mapping(_minimal(), "mine.toml")
    assert r.locations == () and r.sources == ()
    assert "not medical advice" in r.safety
    assert r.steps == (Step(title="Hold", text="Hold it.", seconds=10),)


@pytest.mark.parametrize(
    ("data", "key", "words"),
    [
        (_minimal(colour="red"), "colour", "unknown key"),
        (_minimal(steps=[_step(seconds=5, speed=2)]), "steps[1].speed", "unknown key"),
        ({k: v for k, v in _minimal().items() if k != "title"}, "title", "required"),
        (_minimal(steps=[{"text": "x", "seconds": 5}]), "steps[1].title", "required"),
        (_minimal(steps=[_step()]), "steps[1].seconds", "required"),
        (_minimal(steps=[_step(seconds=0)]), "steps[1].seconds", "positive"),
        (_minimal(steps=[_step(seconds=-5)]), "steps[1].seconds", "positive"),
        (_minimal(steps=[_step(reps=0, pace_s=2)]), "steps[1].reps", "positive"),
        (_minimal(steps=[_step(reps=3, pace_s=0)]), "steps[1].pace_s", "positive"),
        (_minimal(steps=[_step(reps=3, pace_s=-1.5)]), "steps[1].pace_s", "positive"),
        (_minimal(steps=[_step(reps=3)]), "steps[1].pace_s", "required"),
        (_minimal(steps=[_step(pace_s=2)]), "steps[1].reps", "required"),
        (_minimal(steps=[_step(seconds=5, reps=3, pace_s=2)]), "steps[1].seconds", "not both"),
        (_minimal(steps=[_step(seconds=5, rest_s=-1)]), "steps[1].rest_s", "zero or more"),
        (_minimal(steps=[_step(seconds="10")]), "steps[1].seconds", "whole number"),
        (_minimal(steps=[_step(seconds=1.5)]), "steps[1].seconds", "whole number"),
        (_minimal(steps=[_step(seconds=True)]), "steps[1].seconds", "whole number"),
        (_minimal(steps=[_step(seconds=5, per_side="yes")]), "steps[1].per_side", "true or"),
        (_minimal(steps=[_step(seconds=5, caution=3)]), "steps[1].caution", "text"),
        (_minimal(steps=[_step(seconds=5, text="x" * 400)]), "steps[1].text", "keep it"),
        (
            _minimal(steps=[_step(seconds=5), _step(seconds=99999)]),
            "steps[2].seconds",
            "at most",
        ),
        (_minimal(kind="evening"), "kind", "must be one of"),
        (_minimal(id="My Stretch"), "id", "lower-case"),
        (_minimal(title=""), "title", "empty"),
        (_minimal(title=5), "title", "text"),
        (_minimal(locations=["knee"]), "locations", "unknown location"),
        (_minimal(locations="calf"), "locations", "list"),
        (_minimal(locations=["calf", "calf"]), "locations", "twice"),
        (_minimal(sources=["blog.html"]), "sources", "source file name"),
        (_minimal(steps=[]), "steps", "at least one"),
        (_minimal(steps={"title": "x"}), "steps", "list"),
        (_minimal(steps=["stretch"]), "steps[1]", "table"),
    ],
)
def test_validation_names_origin_key_and_problem(
    data: dict[str, Any], key: str, words: str
) -> None:
    with pytest.raises(RoutineError) as info:
        routine_from_mapping(data, "mine.toml")
    err = info.value
    assert err.origin == "mine.toml"
    assert err.key == key
    assert words in err.message
    assert str(err).startswith(f"mine.toml: {key}: ")


def test_counted_step_is_timed_as_reps_times_pace() -> None:
    r = routine_from_mapping(_minimal(steps=[_step(reps=30, pace_s=1.5, per_side=True)]), "m")
    step = r.steps[0]
    assert step.duration_s == 45.0
    assert r.total_seconds(get_ready_s=3) == 2 * (3 + 45.0)
    assert r.total_seconds(get_ready_s=0) == 90.0


def test_total_seconds_skips_rest_after_last_step() -> None:
    steps = [_step(seconds=10, rest_s=5), _step(seconds=20, rest_s=7)]
    r = routine_from_mapping(_minimal(steps=steps), "m")
    assert r.total_seconds(get_ready_s=3) == 3 + 10 + 5 + 3 + 20


# --------------------------------------------------------------------- loading files


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_USER = """
id = "my-evening"
title = "My evening stretch"
kind = "bedtime"
locations = ["calf"]
summary = "Mine."

[[steps]]
title = "Calf"
text = "Lean on the wall."
seconds = 20
per_side = true
"""


def test_loader_error_names_file_and_key(tmp_path: Path) -> None:
    cases = {
        "unknown.toml": ("mood = 'calm'\n" + GOOD_USER, "mood"),
        "step-key.toml": (GOOD_USER + "speed = 2\n", "steps[1].speed"),
        "missing.toml": (GOOD_USER.replace('title = "My evening stretch"\n', ""), "title"),
        "zero.toml": (GOOD_USER.replace("seconds = 20", "seconds = 0"), "steps[1].seconds"),
        "badtoml.toml": ("id = \n", "(file)"),
    }
    for name, (text, key) in cases.items():
        path = _write(tmp_path, name, text)
        with pytest.raises(RoutineError) as info:
            content.load_routine_file(path)
        assert info.value.origin == name
        assert info.value.key == key
        assert name in str(info.value) and key in str(info.value)


def test_user_routine_joins_catalog(tmp_path: Path) -> None:
    _write(tmp_path, "my-evening.toml", GOOD_USER)
    catalog = content.load_routines(tmp_path)
    assert catalog.invalid == ()
    mine = catalog.get("my-evening")
    assert mine is not None and mine.steps[0].per_side
    assert catalog.is_user("my-evening") and not catalog.is_user("bedtime-stretch")
    assert mine in catalog.of_kind("bedtime")
    shipped = content.load_shipped_routines()
    assert catalog.routines[: len(shipped)] == shipped


def test_broken_user_routines_are_listed_not_raised(tmp_path: Path) -> None:
    _write(tmp_path, "a-good.toml", GOOD_USER)
    _write(tmp_path, "b-broken.toml", "this is [not toml")
    _write(tmp_path, "c-unknown.toml", GOOD_USER.replace("my-evening", "other") + "\nx = 1\n")
    _write(tmp_path, "d-shadow.toml", GOOD_USER.replace("my-evening", "first-aid-calf"))
    _write(tmp_path, "e-dup.toml", GOOD_USER)
    (tmp_path / "f-binary.toml").write_bytes(b"\xff\xfe\x00junk")
    (tmp_path / "g-dir.toml").mkdir()
    _write(tmp_path, "notes.txt", "ignored")
    catalog = content.load_routines(tmp_path)
    assert [r.id for r in catalog.routines if catalog.is_user(r.id)] == ["my-evening"]
    invalid = {i.path.name: i.message for i in catalog.invalid}
    assert set(invalid) == {
        "b-broken.toml",
        "c-unknown.toml",
        "d-shadow.toml",
        "e-dup.toml",
        "f-binary.toml",
        "g-dir.toml",
    }
    assert "x" in invalid["c-unknown.toml"] and "unknown key" in invalid["c-unknown.toml"]
    assert "already taken" in invalid["d-shadow.toml"]
    # The shipped routine is untouched by the shadowing attempt.
    assert catalog.first_aid_for("calf").title == "Calf cramp"


def test_missing_user_dir_is_fine(tmp_path: Path) -> None:
    catalog = content.load_routines(tmp_path / "nope")
    assert catalog.invalid == () and catalog.routines
    assert content.load_routines(None).routines == catalog.routines


def test_broken_shipped_routine_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "routines", "bad.toml", "x = 1\n" + GOOD_USER.replace("my-evening", "bad"))
    monkeypatch.setattr(content, "content_dir", lambda: tmp_path)
    with pytest.raises(RoutineError) as info:
        content.load_routines(None)
    assert info.value.origin == "bad.toml" and info.value.key == "x"


def test_shipped_routine_id_must_match_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "routines", "other-name.toml", GOOD_USER)
    monkeypatch.setattr(content, "content_dir", lambda: tmp_path)
    with pytest.raises(RoutineError, match="file name"):
        content.load_shipped_routines()


def test_broken_shipped_article_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path / "learn", "a.md", "# A\nSources: NHS\nRelated: missing\n\nText.\n")
    monkeypatch.setattr(content, "content_dir", lambda: tmp_path)
    with pytest.raises(content.ContentError, match="missing"):
        content.load_articles()
