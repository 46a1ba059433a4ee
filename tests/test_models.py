"""Validation of journal records: every field's good and bad values, reported by field."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from crampcoach.core import vocab
from crampcoach.core.errors import Problem, ValidationError
from crampcoach.core.models import (
    CheckIn,
    Episode,
    Profile,
    Settings,
    checkin_from_dict,
    checkin_to_dict,
    episode_from_dict,
    episode_to_dict,
    profile_from_dict,
    profile_to_dict,
    settings_from_dict,
    settings_to_dict,
)

CET = timezone(timedelta(hours=1))
START = "2026-11-22T03:10:00+01:00"


def ep(**fields: Any) -> Episode:
    return episode_from_dict({"started_at": START, **fields})


def refused(**fields: Any) -> ValidationError:
    raw = {"started_at": START, **fields}
    with pytest.raises(ValidationError) as info:
        episode_from_dict(raw)
    return info.value


# ---------------------------------------------------------------- good values


def test_minimal_episode_has_defaults() -> None:
    e = ep()
    assert e.started_at == datetime(2026, 11, 22, 3, 10, tzinfo=CET)
    assert e.started_at.utcoffset() == timedelta(hours=1)
    assert e.duration_s is None
    assert e.side is None
    assert e.locations == e.relief == e.triggers == e.red_flags == ()
    assert e.intensity is None
    assert e.woke_me is True
    assert e.notes == ""
    assert e.source == "manual"
    assert len(e.id) == 32


@pytest.mark.parametrize(
    ("field", "value", "attr", "expected"),
    [
        (
            "started_at",
            "2026-11-22T02:10:00Z",
            "started_at",
            datetime(2026, 11, 22, 2, 10, tzinfo=UTC),
        ),
        (
            "started_at",
            " 2026-11-22T03:10:00+01:00 ",
            "started_at",
            datetime(2026, 11, 22, 2, 10, tzinfo=UTC),
        ),
        (
            "started_at",
            datetime(2026, 1, 1, tzinfo=UTC),
            "started_at",
            datetime(2026, 1, 1, tzinfo=UTC),
        ),
        ("duration_s", 0, "duration_s", 0),
        ("duration_s", 90, "duration_s", 90),
        ("duration_s", "90", "duration_s", 90),
        ("duration_s", 90.0, "duration_s", 90),
        ("duration_s", 86400, "duration_s", 86400),
        ("duration_s", "", "duration_s", None),
        ("duration_s", None, "duration_s", None),
        ("duration_min", "2.5", "duration_s", 150),
        ("duration_min", 2, "duration_s", 120),
        ("duration_min", "0", "duration_s", 0),
        ("duration_min", "1440", "duration_s", 86400),
        ("duration_min", "", "duration_s", None),
        ("side", "left", "side", "left"),
        ("side", "right", "side", "right"),
        ("side", "both", "side", "both"),
        ("side", "", "side", None),
        ("side", None, "side", None),
        ("locations", ["calf"], "locations", ("calf",)),
        ("locations", "calf;foot", "locations", ("calf", "foot")),
        ("locations", "foot, calf", "locations", ("calf", "foot")),
        ("locations", list(vocab.LOCATIONS), "locations", vocab.LOCATIONS),
        ("locations", "", "locations", ()),
        ("locations", None, "locations", ()),
        ("intensity", 1, "intensity", 1),
        ("intensity", "10", "intensity", 10),
        ("intensity", 7.0, "intensity", 7),
        ("intensity", "", "intensity", None),
        ("woke_me", True, "woke_me", True),
        ("woke_me", False, "woke_me", False),
        ("woke_me", "yes", "woke_me", True),
        ("woke_me", "No", "woke_me", False),
        ("woke_me", "true", "woke_me", True),
        ("woke_me", "0", "woke_me", False),
        ("woke_me", 1, "woke_me", True),
        ("woke_me", "", "woke_me", True),
        ("woke_me", None, "woke_me", True),
        ("relief", ["stretch", "walk"], "relief", ("stretch", "walk")),
        ("relief", list(vocab.RELIEF), "relief", vocab.RELIEF),
        ("triggers", ["caffeine"], "triggers", ("caffeine",)),
        ("triggers", list(vocab.TRIGGERS), "triggers", vocab.TRIGGERS),
        ("red_flags", ["numbness"], "red_flags", ("numbness",)),
        ("red_flags", list(vocab.RED_FLAGS), "red_flags", vocab.RED_FLAGS),
        ("notes", "woke at 3, calf like a rock", "notes", "woke at 3, calf like a rock"),
        ("notes", "x" * 2000, "notes", "x" * 2000),
        ("notes", "ünïcödé ✓ 日本\nline two", "notes", "ünïcödé ✓ 日本\nline two"),
        ("notes", None, "notes", ""),
        ("source", "manual", "source", "manual"),
        ("source", "first-aid", "source", "first-aid"),
        ("source", "import", "source", "import"),
        ("source", None, "source", "manual"),
        ("tz", "Europe/Berlin", "tz", "Europe/Berlin"),
        ("tz", None, "tz", None),
        ("id", "abc123", "id", "abc123"),
    ],
)
def test_good_values(field: str, value: Any, attr: str, expected: Any) -> None:
    assert getattr(ep(**{field: value}), attr) == expected


def test_duration_s_wins_over_duration_min() -> None:
    assert ep(duration_s=30, duration_min="5").duration_s == 30
    assert ep(duration_s="", duration_min="5").duration_s == 300
    assert ep(duration_s=150).duration_min == 2.5
    assert ep().duration_min is None


def test_vocab_lists_drop_repeats_and_keep_vocabulary_order() -> None:
    e = ep(
        locations=["toes", "calf", "toes", "calf"],
        relief="warmth;stretch;warmth",
        triggers=["stress", "caffeine", "stress"],
        red_flags=["weakness", "swelling", "weakness"],
    )
    assert e.locations == ("calf", "toes")
    assert e.relief == ("stretch", "warmth")
    assert e.triggers == ("caffeine", "stress")
    assert e.red_flags == ("swelling", "weakness")
    # Equal sets in any order compare equal.
    assert ep(locations=["foot", "calf"]).locations == ep(locations=["calf", "foot"]).locations


def test_start_at_now_is_allowed_and_future_refused() -> None:
    now = datetime(2026, 11, 22, 8, 0, tzinfo=CET)
    assert episode_from_dict({"started_at": now.isoformat()}, now=now).started_at == now
    # The one rule for everything a person enters (log, forms, import): a minute of slack
    # for the clock moving while they typed, nothing more.
    assert episode_from_dict({"started_at": "2026-11-22T08:01:00+01:00"}, now=now)
    with pytest.raises(ValidationError) as info:
        episode_from_dict({"started_at": "2026-11-22T08:01:01+01:00"}, now=now)
    assert info.value.for_field("started_at")[0].startswith("is in the future")
    # Without a now, any past or future instant is stored as given (e.g. reading the journal).
    assert ep().started_at.year == 2026


# ---------------------------------------------------------------- bad values


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("started_at", None, ["required", "UTC offset"]),
        ("started_at", "", ["required"]),
        ("started_at", "yesterday", ["'yesterday'", "2026-11-22T03:10:00+01:00"]),
        ("started_at", "2026-11-22T03:10:00", ["no UTC offset", "2026-11-22T03:10:00+01:00"]),
        ("started_at", "2026-11-22", ["no UTC offset"]),
        ("started_at", "2026-13-01T03:10:00+01:00", ["not a date and time"]),
        ("started_at", 12345, ["'12345'", "not a date and time"]),
        ("started_at", datetime(2026, 11, 22, 3, 10), ["no UTC offset"]),
        ("started_at", "0001-01-01T00:00:00+01:00", ["year 1", "1900", "2999"]),
        ("started_at", "9999-12-31T23:00:00-05:00", ["year 9999", "out of range"]),
        ("duration_s", -1, ["-1", "out of range", "0 to 86400"]),
        ("duration_s", 86401, ["86401", "0 to 86400"]),
        ("duration_s", "abc", ["'abc'", "whole number"]),
        ("duration_s", 1.5, ["whole number"]),
        ("duration_s", True, ["whole number"]),
        ("duration_s", [60], ["whole number"]),
        ("duration_s", {"s": 60}, ["whole number"]),
        ("duration_min", "abc", ["'abc'", "minutes from 0 to 1440"]),
        ("duration_min", "-1", ["'-1'", "0 to 1440"]),
        ("duration_min", "1441", ["'1441'", "0 to 1440"]),
        ("duration_min", "nan", ["'nan'", "0 to 1440"]),
        ("duration_min", "inf", ["0 to 1440"]),
        ("duration_min", [2], ["0 to 1440"]),
        ("side", "up", ["'up'", "left, right, both"]),
        ("side", "Left", ["'Left'", "left, right, both"]),
        ("side", 1, ["left, right, both"]),
        ("locations", ["knee"], ["knee", "not allowed", "calf, foot, toes, front-thigh"]),
        ("locations", "calf;knee;hip", ["knee, hip", "choose from"]),
        ("locations", [1], ["1 not allowed"]),
        ("locations", 5, ["5 not allowed"]),
        ("intensity", 0, ["0", "out of range", "1 to 10"]),
        ("intensity", 11, ["11", "1 to 10"]),
        ("intensity", "11", ["11", "1 to 10"]),
        ("intensity", "high", ["'high'", "whole number", "1 to 10"]),
        ("intensity", 5.5, ["whole number"]),
        ("intensity", True, ["whole number from 1 to 10"]),
        ("intensity", [5], ["whole number", "1 to 10"]),
        ("intensity", {"n": 5}, ["whole number"]),
        ("woke_me", "maybe", ["'maybe'", "yes or no"]),
        ("woke_me", 2, ["yes or no"]),
        ("woke_me", [True], ["yes or no"]),
        ("relief", ["ice-bath"], ["ice-bath", "stretch, massage, walk"]),
        ("triggers", "coffee", ["coffee", "caffeine"]),
        ("red_flags", ["pain"], ["pain", "swelling, redness-or-warmth, numbness, weakness"]),
        ("notes", "x" * 2001, ["2001 characters", "2000"]),
        ("notes", "a\x00b", ["NUL"]),
        ("notes", 5, ["must be text"]),
        ("notes", "bad \udcff byte", ["not UTF-8"]),
        ("source", "robot", ["'robot'", "manual, first-aid, import"]),
        ("tz", 5, ["zone name"]),
        ("tz", "Europe/\udcff", ["zone name"]),
    ],
)
def test_bad_values_name_field_and_what_is_allowed(
    field: str, value: Any, words: list[str]
) -> None:
    error = refused(**{field: value})
    messages = error.for_field(field)
    assert len(messages) == 1, error.problems
    for word in words:
        assert word in messages[0], (word, messages[0])
    # The error text a person sees starts with the field's name.
    assert f"{field}: {messages[0]}" in str(error)
    assert [p.field for p in error.problems] == [field]


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        episode_from_dict(
            {
                "started_at": "2026-11-22 03:10",
                "duration_min": "long",
                "side": "middle",
                "locations": ["knee"],
                "intensity": 12,
                "woke_me": "perhaps",
                "relief": ["beer"],
                "triggers": ["moon"],
                "red_flags": ["itch"],
                "notes": "n" * 2500,
                "source": "telepathy",
                "tz": 3,
            }
        )
    fields = [p.field for p in info.value.problems]
    assert fields == [
        "started_at",
        "duration_min",
        "side",
        "locations",
        "intensity",
        "woke_me",
        "relief",
        "triggers",
        "red_flags",
        "notes",
        "source",
        "tz",
    ]
    assert all(isinstance(p, Problem) and p.message for p in info.value.problems)
    text = str(info.value)
    for name in fields:
        assert f"{name}: " in text


def test_missing_start_with_other_problems_still_lists_all() -> None:
    with pytest.raises(ValidationError) as info:
        episode_from_dict({"side": "up", "intensity": 0})
    assert [p.field for p in info.value.problems] == ["started_at", "side", "intensity"]


def test_validation_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="side: 'up' not allowed"):
        ep(side="up")


# ---------------------------------------------------------------- dict round trips


def test_episode_dict_round_trip_keeps_everything() -> None:
    e = ep(
        duration_s=95,
        side="both",
        locations=["calf", "toes"],
        intensity=8,
        woke_me=False,
        relief=["stretch"],
        triggers=["cold", "stress"],
        red_flags=["numbness"],
        notes="line1\nline2",
        source="first-aid",
        tz="Europe/Berlin",
    )
    data = episode_to_dict(e)
    assert data["started_at"] == START
    assert data["locations"] == ["calf", "toes"]
    assert episode_from_dict(data) == e


def test_to_dict_drops_microseconds_and_keeps_offset() -> None:
    e = Episode(
        started_at=datetime(2026, 3, 1, 23, 5, 7, 999, tzinfo=timezone(timedelta(hours=-5)))
    )
    assert episode_to_dict(e)["started_at"] == "2026-03-01T23:05:07-05:00"


def test_with_changes_keeps_id() -> None:
    e = ep(side="left")
    changed = e.with_changes(side="right")
    assert changed.side == "right" and changed.id == e.id and e.side == "left"


# ---------------------------------------------------------------- other records


def test_checkin_round_trip_and_errors() -> None:
    c = checkin_from_dict({"night": "2026-11-21", "water_glasses": "6", "alcohol": "yes"})
    assert c.night == date(2026, 11, 21) and c.water_glasses == 6 and c.alcohol is True
    assert checkin_from_dict(checkin_to_dict(c)) == c
    plain = checkin_from_dict({"night": date(2026, 1, 1)})
    assert plain == CheckIn(night=date(2026, 1, 1), id=plain.id)
    with pytest.raises(ValidationError) as info:
        checkin_from_dict({"night": "21/11/2026", "water_glasses": 41, "tight_shoes": "eh"})
    assert [p.field for p in info.value.problems] == ["night", "water_glasses", "tight_shoes"]
    assert "2026-11-21" in info.value.for_field("night")[0]
    assert "0 to 40" in info.value.for_field("water_glasses")[0]


def test_profile_round_trip_and_errors() -> None:
    p = profile_from_dict(
        {
            "age_band": "60-74",
            "conditions": ["thyroid", "diabetes", "thyroid"],
            "medicines": "statins",
        }
    )
    assert p.conditions == ("diabetes", "thyroid") and p.medicines == ("statins",)
    assert profile_from_dict(profile_to_dict(p)) == p
    assert Profile().is_empty and not p.is_empty
    with pytest.raises(ValidationError) as info:
        profile_from_dict({"age_band": "ancient", "conditions": ["gout"], "pregnant": "?"})
    assert [p.field for p in info.value.problems] == ["age_band", "pregnant", "conditions"]
    assert "under-30" in info.value.for_field("age_band")[0]


def test_settings_are_read_leniently() -> None:
    s = settings_from_dict(
        {
            "theme": "neon",
            "get_ready_s": 99,
            "night_boundary_hour": "x",
            "thresholds": {"a": 2, "b": -1, "c": True, "d": "3"},
            "last_side": "up",
            "last_locations": ["calf", "knee"],
            "bell": "no",
            "unknown_future_key": 1,
        }
    )
    assert s.theme == Settings().theme
    assert s.get_ready_s == 3 and s.night_boundary_hour == 12
    assert dict(s.thresholds) == {"a": 2.0}
    assert s.last_side is None and s.last_locations == ("calf",)
    assert s.bell is False
    assert settings_from_dict(settings_to_dict(s)) == s
    assert settings_from_dict({}) == Settings()
