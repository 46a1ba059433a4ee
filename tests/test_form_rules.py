"""The forms' rules agree with the journal's gate: what a form accepts, the journal keeps."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crampcoach.core.errors import ValidationError
from crampcoach.core.form_rules import parse_water, parse_whole
from crampcoach.core.models import checkin_from_dict, settings_from_dict
from crampcoach.core.ranges import BOUNDARY_RANGE, GET_READY_RANGE


def _gate_keeps_water(value: int) -> bool:
    try:
        checkin_from_dict({"night": "2026-11-30", "water_glasses": value})
    except ValidationError:
        return False
    return True


@given(st.integers(min_value=-5, max_value=60))
def test_water_the_form_accepts_is_water_the_journal_keeps(value):
    accepted, problem = parse_water(str(value))
    assert (accepted is not None) == _gate_keeps_water(value)
    assert bool(problem) == (accepted is None)


@given(st.integers(min_value=-5, max_value=40))
def test_settings_numbers_the_form_accepts_are_kept_as_typed(value):
    ready, _ = parse_whole(str(value), *GET_READY_RANGE, "seconds")
    boundary, _ = parse_whole(str(value), *BOUNDARY_RANGE, "hours")
    stored = settings_from_dict({"get_ready_s": value, "night_boundary_hour": value})
    assert (ready is not None) == (stored.get_ready_s == value)
    assert (boundary is not None) == (stored.night_boundary_hour == value)


def test_empty_water_is_not_noted_not_zero():
    assert parse_water("  ") == (None, "")
