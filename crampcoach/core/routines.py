"""Routines as frozen dataclasses, and the strict validation that builds them from TOML data.

Pure stdlib: the loader in ``crampcoach.content`` reads files; this module only checks shapes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from crampcoach.core import vocab

KINDS: tuple[str, ...] = ("first-aid", "recovery", "bedtime", "daytime", "morning")
SIDES: tuple[str, str] = ("left", "right")

# Limits that keep a step readable on one 80×24 screen and catch typing mistakes
# (a 90-minute hold is a typo, not a stretch).
TITLE_MAX = 60
TEXT_MAX = 280
CAUTION_MAX = 200
SUMMARY_MAX = 400
SAFETY_MAX = 400
STEP_SECONDS_MAX = 3600
REST_SECONDS_MAX = 600
REPS_MAX = 500
PACE_MAX = 60.0
STEPS_MAX = 60

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Seed documents are named like "000_f244f7108edeb8bb.txt".
SOURCE_RE = re.compile(r"^[0-9]{3}_[0-9a-f]+\.txt$")

DEFAULT_SAFETY = "Stop if it hurts more than the cramp. This is not medical advice."


@dataclass(frozen=True)
class Step:
    """One action. Timed by ``seconds``, or counted: ``reps`` at ``pace_s`` seconds each."""

    title: str
    text: str
    seconds: int | None = None
    reps: int | None = None
    pace_s: float | None = None
    per_side: bool = False
    rest_s: int = 0
    caution: str | None = None

    @property
    def duration_s(self) -> float:
        """Length of one side of the step, in seconds."""
        if self.seconds is not None:
            return float(self.seconds)
        if self.reps is not None and self.pace_s is not None:
            return self.reps * self.pace_s
        raise ValueError(f"step {self.title!r} has no timing")

    @property
    def sides(self) -> int:
        return 2 if self.per_side else 1

    @property
    def counted(self) -> bool:
        return self.reps is not None


@dataclass(frozen=True)
class Routine:
    id: str
    title: str
    kind: str
    locations: tuple[str, ...]
    sources: tuple[str, ...]
    safety: str
    summary: str
    steps: tuple[Step, ...]

    def total_seconds(self, get_ready_s: float = 3) -> float:
        """Play time straight through, matching ``RoutinePlayer``'s phase plan exactly."""
        total = 0.0
        for i, step in enumerate(self.steps):
            total += step.sides * (get_ready_s + step.duration_s)
            if i < len(self.steps) - 1:
                total += step.rest_s
        return total


class RoutineError(ValueError):
    """A routine file was refused; names the file (origin), the key and what is wrong."""

    def __init__(self, origin: str, key: str, message: str) -> None:
        self.origin = origin
        self.key = key
        self.message = message
        super().__init__(f"{origin}: {key}: {message}")


_ROUTINE_KEYS = ("id", "title", "kind", "locations", "sources", "safety", "summary", "steps")
_ROUTINE_REQUIRED = ("id", "title", "kind", "summary", "steps")
_STEP_KEYS = ("title", "text", "seconds", "reps", "pace_s", "per_side", "rest_s", "caution")
_STEP_REQUIRED = ("title", "text")


def routine_from_mapping(data: Mapping[str, Any], origin: str) -> Routine:
    """Build a Routine from parsed TOML, refusing anything unexpected.

    Raises RoutineError at the first problem. Step keys read ``steps[N].field`` with N counted
    from 1, the way a person counts ``[[steps]]`` blocks in the file.
    """
    if not isinstance(data, Mapping):
        raise RoutineError(origin, "(file)", "must be a table of keys")
    _check_keys(data, _ROUTINE_KEYS, _ROUTINE_REQUIRED, origin, prefix="")

    rid = _text(data, "id", origin, "", max_len=60)
    if not ID_RE.match(rid):
        raise RoutineError(
            origin, "id", "use lower-case letters, digits and dashes, e.g. my-stretch"
        )
    title = _text(data, "title", origin, "", max_len=TITLE_MAX)
    kind = _text(data, "kind", origin, "", max_len=20)
    if kind not in KINDS:
        raise RoutineError(origin, "kind", f"must be one of {', '.join(KINDS)}; got {kind!r}")

    locations = _str_list(data.get("locations", []), origin, "locations")
    for loc in locations:
        if loc not in vocab.LOCATIONS:
            raise RoutineError(
                origin,
                "locations",
                f"unknown location {loc!r}; use {', '.join(vocab.LOCATIONS)}",
            )
    sources = _str_list(data.get("sources", []), origin, "sources")
    for src in sources:
        if not SOURCE_RE.match(src):
            raise RoutineError(
                origin,
                "sources",
                f"{src!r} is not a source file name like 000_f244f7108edeb8bb.txt",
            )

    safety = _text(data, "safety", origin, "", max_len=SAFETY_MAX) if "safety" in data else ""
    summary = _text(data, "summary", origin, "", max_len=SUMMARY_MAX)

    raw_steps = data["steps"]
    if not isinstance(raw_steps, list):
        raise RoutineError(origin, "steps", "must be a list of [[steps]] tables")
    if not raw_steps:
        raise RoutineError(origin, "steps", "needs at least one step")
    if len(raw_steps) > STEPS_MAX:
        raise RoutineError(origin, "steps", f"has more than {STEPS_MAX} steps")
    steps = tuple(
        _step_from_mapping(raw, origin, f"steps[{n}]") for n, raw in enumerate(raw_steps, 1)
    )

    return Routine(
        id=rid,
        title=title,
        kind=kind,
        locations=locations,
        sources=sources,
        safety=safety or DEFAULT_SAFETY,
        summary=summary,
        steps=steps,
    )


def _step_from_mapping(raw: Any, origin: str, where: str) -> Step:
    if not isinstance(raw, Mapping):
        raise RoutineError(origin, where, "must be a table with title, text and a timing")
    _check_keys(raw, _STEP_KEYS, _STEP_REQUIRED, origin, prefix=f"{where}.")
    title = _text(raw, "title", origin, where, max_len=TITLE_MAX)
    text = _text(raw, "text", origin, where, max_len=TEXT_MAX)
    seconds = _opt_int(raw, "seconds", origin, where, low=1, high=STEP_SECONDS_MAX)
    reps = _opt_int(raw, "reps", origin, where, low=1, high=REPS_MAX)
    pace_s = _opt_pace(raw, origin, where)
    rest_s = _opt_int(raw, "rest_s", origin, where, low=0, high=REST_SECONDS_MAX) or 0
    per_side = raw.get("per_side", False)
    if not isinstance(per_side, bool):
        raise RoutineError(origin, f"{where}.per_side", "must be true or false")
    caution = (
        _text(raw, "caution", origin, where, max_len=CAUTION_MAX) if "caution" in raw else None
    )

    # Exactly one way of timing, so the player never has to guess.
    if seconds is not None and (reps is not None or pace_s is not None):
        raise RoutineError(
            origin, f"{where}.seconds", "give either seconds, or reps with pace_s, not both"
        )
    if seconds is None:
        if reps is None and pace_s is None:
            raise RoutineError(
                origin, f"{where}.seconds", "is required (or reps with pace_s for a counted step)"
            )
        if reps is None:
            raise RoutineError(origin, f"{where}.reps", "is required when pace_s is given")
        if pace_s is None:
            raise RoutineError(origin, f"{where}.pace_s", "is required when reps is given")
        if reps * pace_s > STEP_SECONDS_MAX:
            raise RoutineError(
                origin, f"{where}.reps", f"reps × pace_s is longer than {STEP_SECONDS_MAX} s"
            )
    return Step(
        title=title,
        text=text,
        seconds=seconds,
        reps=reps,
        pace_s=pace_s,
        per_side=per_side,
        rest_s=rest_s,
        caution=caution,
    )


def _check_keys(
    data: Mapping[str, Any],
    allowed: tuple[str, ...],
    required: tuple[str, ...],
    origin: str,
    prefix: str,
) -> None:
    for key in data:
        if key not in allowed:
            raise RoutineError(
                origin, f"{prefix}{key}", f"unknown key; allowed keys are {', '.join(allowed)}"
            )
    for key in required:
        if key not in data:
            raise RoutineError(origin, f"{prefix}{key}", "is required")


def _text(data: Mapping[str, Any], key: str, origin: str, where: str, *, max_len: int) -> str:
    name = f"{where}.{key}" if where else key
    value = data.get(key)
    if not isinstance(value, str):
        raise RoutineError(origin, name, f"must be text, got {_type_name(value)}")
    value = value.strip()
    if not value:
        raise RoutineError(origin, name, "must not be empty")
    if len(value) > max_len:
        raise RoutineError(origin, name, f"is {len(value)} characters; keep it to {max_len}")
    return value


def _opt_int(
    data: Mapping[str, Any], key: str, origin: str, where: str, *, low: int, high: int
) -> int | None:
    if key not in data:
        return None
    name = f"{where}.{key}"
    value = data[key]
    # bool is an int subclass; `seconds = true` is a mistake, not 1 second.
    if isinstance(value, bool) or not isinstance(value, int):
        raise RoutineError(origin, name, f"must be a whole number, got {_type_name(value)}")
    if value < low:
        what = "positive" if low >= 1 else "zero or more"
        raise RoutineError(origin, name, f"must be {what}, got {value}")
    if value > high:
        raise RoutineError(origin, name, f"must be at most {high}, got {value}")
    return value


def _opt_pace(data: Mapping[str, Any], origin: str, where: str) -> float | None:
    if "pace_s" not in data:
        return None
    name = f"{where}.pace_s"
    value = data["pace_s"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RoutineError(origin, name, f"must be a number of seconds, got {_type_name(value)}")
    if not math.isfinite(value) or value <= 0:
        raise RoutineError(origin, name, f"must be positive, got {value}")
    if value > PACE_MAX:
        raise RoutineError(origin, name, f"must be at most {PACE_MAX:g}, got {value}")
    return float(value)


def _str_list(value: Any, origin: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RoutineError(origin, key, "must be a list of text values")
    if len(set(value)) != len(value):
        raise RoutineError(origin, key, "lists the same value twice")
    return tuple(value)


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    return {
        bool: "true/false",
        int: "a whole number",
        float: "a decimal number",
        str: "text",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def first_aid_for(routines: Iterable[Routine], location: str | None) -> Routine | None:
    """The first-aid routine for a cramp location.

    Prefers the routine named ``first-aid-<location>``, then the first first-aid routine that
    lists the location. "other", None or an uncovered location fall back to the calf routine
    (calf cramps are by far the most common), then to any first-aid routine.
    """
    first_aid = [r for r in routines if r.kind == "first-aid"]
    if not first_aid:
        return None

    def pick(loc: str) -> Routine | None:
        for r in first_aid:
            if r.id == f"first-aid-{loc}":
                return r
        for r in first_aid:
            if loc in r.locations:
                return r
        return None

    if location and location != "other":
        found = pick(location)
        if found is not None:
            return found
    return pick("calf") or first_aid[0]
