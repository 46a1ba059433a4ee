"""Relief from the steps done, and the pure first-aid rules (keys, duration, episode)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from crampcoach import content
from crampcoach.core import vocab
from crampcoach.core.first_aid import (
    LOCATION_KEYS,
    NOT_PASSED_NOTE,
    SIDE_CYCLE,
    first_aid_episode,
    intensity_from_key,
    measured_duration_s,
)
from crampcoach.core.models import episode_from_dict
from crampcoach.core.relief import (
    merge_relief,
    relief_for,
    relief_for_step,
    steps_done,
)
from crampcoach.core.routines import Routine, Step
from crampcoach.core.timer import RoutinePlayer
from tests.ui_support import FakeClock

SHIPPED = {r.id: r for r in content.load_shipped_routines()}


def routine(kind: str, *steps: Step) -> Routine:
    return Routine("x", "X", kind, (), (), "Stop if it hurts.", "x", steps)


def step(title: str, text: str = "Do it.") -> Step:
    return Step(title=title, text=text, seconds=10)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Pull your toes towards you", "Hold your toes. Pull them gently.", ("stretch",)),
        ("Rub your calf", "Knead and stroke your calf.", ("massage",)),
        ("Walk a little", "Walk slowly around the room.", ("walk",)),
        ("Stand on a cool floor", "Stand barefoot on a cool floor.", ("stand-on-cold-floor",)),
        ("Rest", "Lie back down. Rest your leg on a pillow.", ("legs-raised",)),
        ("Warm up the muscle", "Lay a warm towel on it.", ("warmth",)),
        ("Cool it", "Hold a cold pack wrapped in a cloth on it.", ("cold",)),
        ("Stand and hold on", "Stand next to a wall. Hold on to it.", ()),
    ],
)
def test_a_step_maps_to_relief_words(title, text, expected):
    assert relief_for_step(step(title, text)) == expected


def test_a_choice_of_warmth_or_cold_records_neither():
    choice = step("Warmth or cold", "A warm towel, or a cold pack wrapped in a cloth.")
    assert relief_for_step(choice) == ()


def test_cool_floor_is_not_cold():
    assert "cold" not in relief_for_step(step("Stand", "Stand on a cool floor or a cold floor."))


def test_every_shipped_first_aid_step_done_gives_vocabulary_words():
    for r in SHIPPED.values():
        relief = relief_for(r, range(len(r.steps)))
        assert set(relief) <= set(vocab.RELIEF)
        assert list(relief) == sorted(relief, key=vocab.RELIEF.index)
        if r.kind == "first-aid":
            assert "stretch" in relief, r.id


def test_shipped_calf_routine_step_by_step():
    calf = SHIPPED["first-aid-calf"]
    assert relief_for(calf, [0, 1]) == ("stretch",)
    assert relief_for(calf, [2]) == ("stand-on-cold-floor",)
    assert relief_for(calf, [4, 5]) == ("massage", "legs-raised")
    assert relief_for(calf, range(6)) == (
        "stretch",
        "massage",
        "stand-on-cold-floor",
        "legs-raised",
    )
    assert relief_for(SHIPPED["recovery"], range(3)) == ("walk", "legs-raised")


def test_nothing_done_means_no_relief_and_unknown_steps_mean_other():
    r = routine("first-aid", step("Breathe", "Breathe slowly."), step("Rub", "Rub the calf."))
    assert relief_for(r, []) == ()
    assert relief_for(r, [0]) == ("other",)
    assert relief_for(r, [0, 1]) == ("massage",)
    assert relief_for(r, [7, -1]) == ()  # indices outside the routine are ignored


def test_routines_not_for_a_cramp_give_no_relief():
    assert relief_for(SHIPPED["bedtime-stretch"], range(6)) == ()
    assert relief_for(SHIPPED["daytime-complex"], range(8)) == ()


def test_merge_keeps_vocabulary_order_and_drops_other_when_something_is_known():
    assert merge_relief(("walk",), ("stretch", "walk")) == ("stretch", "walk")
    assert merge_relief(("other",), ("massage",)) == ("massage",)
    assert merge_relief(("other",), ()) == ("other",)
    assert merge_relief() == ()


def test_steps_done_are_those_played_for_most_of_their_time():
    calf = SHIPPED["first-aid-calf"]
    first = calf.steps[0]
    half = first.sides * first.duration_s / 2
    assert steps_done(calf, {0: half, 1: half - 0.1}) == (0,)
    assert steps_done(calf, {0: 0.0, 9: 100.0, -1: 100.0}) == ()


def test_next_through_every_step_records_no_relief():
    """Finding: n through everything listed stretch, massage, cold floor and legs raised."""
    calf = SHIPPED["first-aid-calf"]
    clock = FakeClock()
    player = RoutinePlayer(calf, clock)
    player.start()
    while not player.done:
        clock.advance(3.5)  # past each get-ready, then n at once
        player.tick()
        player.next()
    assert relief_for(calf, steps_done(calf, player.played_step_s)) == ()
    assert player.steps_completed == 0


def test_a_routine_played_through_records_every_step():
    calf = SHIPPED["first-aid-calf"]
    clock = FakeClock()
    player = RoutinePlayer(calf, clock)
    player.start()
    clock.advance(calf.total_seconds() + 1)
    player.tick()
    assert steps_done(calf, player.played_step_s) == tuple(range(len(calf.steps)))


# ------------------------------------------------------------------ first aid rules


def test_location_keys_cover_every_location_once():
    assert list(LOCATION_KEYS) == ["1", "2", "3", "4", "5", "6"]
    assert sorted(LOCATION_KEYS.values()) == sorted(vocab.LOCATIONS)
    assert set(SIDE_CYCLE) == {None, *vocab.SIDES}


@pytest.mark.parametrize(
    ("key", "value"),
    [("1", 1), ("5", 5), ("9", 9), ("0", 10), ("a", None), ("", None), ("10", None)],
)
def test_intensity_keys(key, value):
    assert intensity_from_key(key) == value


def test_measured_duration_is_rounded_and_within_limits():
    assert measured_duration_s(1000.0, 1200.4) == 200
    assert measured_duration_s(1000.0, 1200.6) == 201
    assert measured_duration_s(1000.0, 999.0) == 0
    assert measured_duration_s(0.0, 10 * 86400.0) == vocab.DURATION_MAX_S


def test_first_aid_episode_is_a_valid_journal_episode():
    start = datetime(2026, 11, 22, 3, 10, tzinfo=ZoneInfo("Europe/Berlin"))
    raw = first_aid_episode(
        started_at=start,
        duration_s=190,
        location="calf",
        relief=("stretch", "massage"),
        tz="Europe/Berlin",
        intensity=10,
        side="left",
        passed=True,
    )
    ep = episode_from_dict(raw, now=start)
    assert ep.source == "first-aid" and ep.woke_me
    assert ep.locations == ("calf",) and ep.side == "left"
    assert (ep.duration_s, ep.intensity) == (190, 10)
    assert ep.relief == ("stretch", "massage")
    assert ep.notes == ""


def test_first_aid_episode_notes_when_it_had_not_passed():
    start = datetime(2026, 11, 22, 3, 10, tzinfo=ZoneInfo("Europe/Berlin"))
    raw = first_aid_episode(
        started_at=start, duration_s=60, location=None, relief=(), tz=None, passed=False
    )
    ep = episode_from_dict(raw)
    assert ep.notes == NOT_PASSED_NOTE
    assert ep.locations == () and ep.intensity is None and ep.side is None
