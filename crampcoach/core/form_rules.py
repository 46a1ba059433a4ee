"""The rules the Settings and check-in forms apply to what is typed, without a terminal.

Each range here is also the one the journal's gate holds stored records to
(``core/models.py`` imports it), so a value the form accepts is one the journal keeps.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from crampcoach.core.doctor import THRESHOLDS, ThresholdInfo
from crampcoach.core.doctor_thresholds import PAIRS
from crampcoach.core.models import Settings
from crampcoach.core.ranges import BOUNDARY_RANGE, GET_READY_RANGE, WATER_RANGE

THRESHOLD_MAX = 1000
# "at least N nights out of the last M": N can never be more than M (the doctor rules' pairs).
WITHIN = dict(PAIRS)

WATER_MESSAGE = f"Use a whole number from {WATER_RANGE[0]} to {WATER_RANGE[1]}, or leave it empty."


def parse_water(text: str) -> tuple[int | None, str]:
    """Glasses of water: empty means not noted; otherwise a whole number 0–40."""
    text = text.strip()
    if not text:
        return None, ""
    try:
        value = int(text)
    except ValueError:
        return None, WATER_MESSAGE
    if not WATER_RANGE[0] <= value <= WATER_RANGE[1]:
        return None, WATER_MESSAGE
    return value, ""


def number_text(value: float) -> str:
    return f"{value:g}"


def parse_whole(text: str, low: int, high: int, unit: str) -> tuple[int | None, str]:
    """A whole number from ``low`` to ``high``, or an explanation in words."""
    message = f"Use a whole number of {unit} from {low} to {high}."
    try:
        value = int(text.strip())
    except ValueError:
        return None, message
    if not low <= value <= high:
        return None, message
    return value, ""


def parse_threshold(info: ThresholdInfo, text: str) -> tuple[float | None, str]:
    """One doctor threshold: empty means its default; otherwise a positive number."""
    text = text.strip()
    if not text:
        return float(info.default), ""
    low = number_text(info.minimum)
    # The core's bounds: the urgent long-cramp limit can never rise above 10 minutes.
    high = number_text(min(info.maximum, THRESHOLD_MAX))
    default = f"default {info.default:g}"
    if info.integer:
        message = f"Use a whole number of {info.unit} from {low} to {high} ({default})."
    else:
        message = f"Use a number of {info.unit} from {low} to {high} ({default})."
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None, message
    if value != value or value < info.minimum or value > min(info.maximum, THRESHOLD_MAX):
        return None, message
    if info.integer and value != int(value):
        return None, message
    return value, ""


def parse_thresholds(texts: dict[str, str]) -> tuple[dict[str, float], dict[str, str]]:
    """The overrides (only values that differ from the defaults) and the problems by key."""
    values: dict[str, float] = {}
    problems: dict[str, str] = {}
    for info in THRESHOLDS:
        value, problem = parse_threshold(info, texts.get(info.key, ""))
        if value is None:
            problems[info.key] = problem
        else:
            values[info.key] = value
    for part, whole in WITHIN.items():
        if part in values and whole in values and values[part] > values[whole]:
            problems[part] = (
                f"Can't be more than the {number_text(values[whole])} nights it is counted in."
            )
    overrides = {
        info.key: values[info.key]
        for info in THRESHOLDS
        if info.key in values and values[info.key] != info.default
    }
    return overrides, problems


@dataclass(frozen=True)
class FormResult:
    settings: Settings | None
    problems: dict[str, str]  # field id -> words


def read_form(base: Settings, raw: dict[str, Any]) -> FormResult:
    """Validate everything the form holds; ``settings`` is None when anything is wrong."""
    problems: dict[str, str] = {}
    get_ready, problem = parse_whole(raw["get_ready"], *GET_READY_RANGE, "seconds")
    if problem:
        problems["get_ready"] = problem
    boundary, problem = parse_whole(raw["boundary"], *BOUNDARY_RANGE, "hours")
    if problem:
        problems["boundary"] = "Use an hour from 0 to 23 (12 means noon)."
    overrides, threshold_problems = parse_thresholds(raw["thresholds"])
    problems.update({f"th-{key}": text for key, text in threshold_problems.items()})
    extra = _read_doctor_fields(base, raw, problems)
    if problems:
        return FormResult(None, problems)
    assert get_ready is not None and boundary is not None
    settings = replace(
        base,
        theme=raw["theme"],
        bell=raw["bell"],
        flash=raw["flash"],
        spoken_cues=raw.get("spoken_cues", base.spoken_cues),
        get_ready_s=get_ready,
        night_boundary_hour=boundary,
        thresholds=overrides,
        **extra,
    )
    return FormResult(settings, {})


def _read_doctor_fields(base: Settings, raw: dict[str, Any], problems: dict[str, str]):
    """The help-at-any-hour numbers and the report's name (kept as they were if absent)."""
    from crampcoach.core.models import PATIENT_NAME_MAX
    from crampcoach.core.text import first_control
    from crampcoach.core.urgent_help import number_problem

    out: dict[str, str] = {}
    for key, field in (("out_of_hours", "out_of_hours_number"), ("emergency", "emergency_number")):
        text = raw.get(key, getattr(base, field)).strip()
        problem = number_problem(text)
        if problem:
            problems[key] = f"Leave empty for the default, or {problem}."
        out[field] = text
    name = " ".join(raw.get("patient_name", base.patient_name).split())
    if len(name) > PATIENT_NAME_MAX or first_control(name) is not None:
        problems["patient_name"] = f"Use up to {PATIENT_NAME_MAX} ordinary characters."
    out["patient_name"] = name
    return out
