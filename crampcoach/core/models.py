"""Journal records as frozen dataclasses, and the one gate each record type passes.

``episode_from_dict``, ``checkin_from_dict``, ``run_from_dict``, ``profile_from_dict`` and
``settings_from_dict`` are the only ways to build a record from outside data: the forms,
``log``, import, loading the journal from disk and migrations all call them. Each raises
ValidationError naming every refused field (settings excepted: see there).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from typing import Any

from crampcoach.core import validate as v
from crampcoach.core import vocab
from crampcoach.core.errors import Problem, ValidationError
from crampcoach.core.ranges import BOUNDARY_RANGE, GET_READY_RANGE, WATER_RANGE
from crampcoach.core.text import first_control
from crampcoach.core.times import to_iso
from crampcoach.core.urgent_help import NUMBER_MAX, number_problem
from crampcoach.core.validate import YEAR_MAX, YEAR_MIN

__all__ = ["YEAR_MAX", "YEAR_MIN"]  # re-exported: the gate's year range


def new_id() -> str:
    """Ids of our own: TinyDB's cached counter collides across processes."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Episode:
    started_at: datetime
    duration_s: int | None = None
    side: str | None = None
    locations: tuple[str, ...] = ()
    intensity: int | None = None
    woke_me: bool = True
    relief: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    notes: str = ""
    source: str = "manual"
    tz: str | None = None
    id: str = field(default_factory=new_id)

    @property
    def duration_min(self) -> float | None:
        return None if self.duration_s is None else self.duration_s / 60

    def with_changes(self, **changes: Any) -> Episode:
        return replace(self, **changes)


@dataclass(frozen=True)
class CheckIn:
    """The evening check-in, one per night (named by the evening's date)."""

    night: date
    water_glasses: int | None = None
    caffeine_after_noon: bool = False
    alcohol: bool = False
    long_standing_or_exercise: bool = False
    tight_shoes: bool = False
    got_chilled: bool = False
    stressful_day: bool = False
    bedtime_routine: bool = False
    id: str = field(default_factory=new_id)


CHECKIN_FACTORS: tuple[str, ...] = (
    "caffeine_after_noon",
    "alcohol",
    "long_standing_or_exercise",
    "tight_shoes",
    "got_chilled",
    "stressful_day",
    "bedtime_routine",
)
CHECKIN_LABELS: dict[str, str] = {
    "caffeine_after_noon": "caffeine after noon",
    "alcohol": "alcohol",
    "long_standing_or_exercise": "long standing or hard exercise",
    "tight_shoes": "tight shoes or high heels",
    "got_chilled": "got chilled",
    "stressful_day": "a stressful day",
    "bedtime_routine": "bedtime routine done",
    "water_glasses": "glasses of water",
}


@dataclass(frozen=True)
class RoutineRun:
    routine_id: str
    started_at: datetime
    ended_at: datetime
    steps_completed: int
    steps_total: int
    finished: bool
    tz: str | None = None
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class Profile:
    age_band: str | None = None
    pregnant: bool = False
    conditions: tuple[str, ...] = ()
    medicines: tuple[str, ...] = ()
    medicines_other: str = ""

    @property
    def is_empty(self) -> bool:
        return self == Profile()


THEMES: tuple[str, ...] = ("crampcoach-dark", "crampcoach-night-red")


@dataclass(frozen=True)
class Settings:
    theme: str = "crampcoach-dark"
    bell: bool = True
    flash: bool = True
    get_ready_s: int = 3
    night_boundary_hour: int = 12
    # Overrides of the doctor-rule thresholds; missing keys use the defaults.
    thresholds: Mapping[str, float] = field(default_factory=dict)
    welcomed: bool = False
    last_side: str | None = None
    last_locations: tuple[str, ...] = ()
    # Help at any hour: empty means the UK/EU defaults (core/urgent_help.py).
    out_of_hours_number: str = ""
    emergency_number: str = ""
    # Printed on the doctor report when set.
    patient_name: str = ""
    spoken_cues: bool = False  # off by default: a voice at 3 a.m. may wake a partner


PATIENT_NAME_MAX = 80


def _setting_text(raw: Mapping[str, Any], key: str, limit: int) -> str:
    """A short one-line text setting; anything else reads as empty."""
    value = raw.get(key)
    if not isinstance(value, str) or len(value) > limit or first_control(value) is not None:
        return ""
    return " ".join(value.split())


# ---------------------------------------------------------------- the gate


def _not_mapping(raw: Any) -> ValidationError | None:
    if type(raw) is dict or isinstance(raw, Mapping):  # the ABC check is slow: dicts first
        return None
    return ValidationError([Problem("record", "is not a set of fields")])


def _id(raw: Mapping[str, Any], problems: list[Problem]) -> dict[str, Any]:
    rid = v.record_id(raw.get("id"), "id", problems)
    return {"id": rid} if rid else {}


# ---------------------------------------------------------------- episodes

_DURATION_WHAT = "seconds from 0 to 86400"
_MINUTES_WHAT = "a plain number of minutes from 0 to 1440, like 2 or 1.5"


def episode_from_dict(raw: Mapping[str, Any], *, now: datetime | None = None) -> Episode:
    """Build an Episode from stored, typed or imported values; raise ValidationError
    naming each field.

    ``duration_s`` may be given directly or as ``duration_min``. When ``now`` is
    handed in (everything a person enters), a start in the future is refused.
    """
    bad = _not_mapping(raw)
    if bad is not None:
        raise bad
    problems: list[Problem] = []
    get = raw.get
    started = v.instant(get("started_at"), "started_at", problems)
    v.not_future(started, now, "started_at", problems)

    duration: int | None = None
    seconds = get("duration_s")
    if seconds is not None and seconds != "":
        duration = v.whole(seconds, "duration_s", 0, vocab.DURATION_MAX_S, problems, _DURATION_WHAT)
    else:
        minutes = v.decimal(
            get("duration_min"),
            "duration_min",
            0,
            vocab.DURATION_MAX_S / 60,
            problems,
            _MINUTES_WHAT,
        )
        if minutes is not None:
            duration = round(minutes * 60)

    side = v.choice(get("side"), "side", vocab.SIDES, problems)
    locations = v.vocab_list(get("locations"), "locations", vocab.LOCATIONS, problems)
    intensity = v.whole(
        get("intensity"),
        "intensity",
        vocab.INTENSITY_MIN,
        vocab.INTENSITY_MAX,
        problems,
        "use 1 to 10",
    )
    woke_me = v.flag(get("woke_me"), "woke_me", True, problems)
    relief = v.vocab_list(get("relief"), "relief", vocab.RELIEF, problems)
    triggers = v.vocab_list(get("triggers"), "triggers", vocab.TRIGGERS, problems)
    red_flags = v.vocab_list(get("red_flags"), "red_flags", vocab.RED_FLAGS, problems)
    notes = v.text(get("notes"), "notes", vocab.NOTES_MAX, problems)
    source = v.choice(get("source"), "source", vocab.SOURCES, problems) or "manual"
    tz = v.zone(get("tz"), "tz", problems)
    ids = _id(raw, problems)

    if problems or started is None:
        raise ValidationError(problems)
    return Episode(
        started_at=started,
        duration_s=duration,
        side=side,
        locations=locations,
        intensity=intensity,
        woke_me=woke_me,
        relief=relief,
        triggers=triggers,
        red_flags=red_flags,
        notes=notes,
        source=source,
        tz=tz,
        **ids,
    )


def episode_to_dict(episode: Episode) -> dict[str, Any]:
    data = asdict(episode)
    data["started_at"] = to_iso(episode.started_at)
    for key in ("locations", "relief", "triggers", "red_flags"):
        data[key] = list(data[key])
    return data


# ---------------------------------------------------------------- check-ins


def checkin_from_dict(raw: Mapping[str, Any]) -> CheckIn:
    bad = _not_mapping(raw)
    if bad is not None:
        raise bad
    problems: list[Problem] = []
    night = v.day(raw.get("night"), "night", problems)
    water = v.whole(
        raw.get("water_glasses"),
        "water_glasses",
        *WATER_RANGE,
        problems,
        f"use {WATER_RANGE[0]} to {WATER_RANGE[1]} glasses",
    )
    flags: dict[str, Any] = {
        key: v.flag(raw.get(key), key, False, problems) for key in CHECKIN_FACTORS
    }
    ids = _id(raw, problems)
    if problems or night is None:
        raise ValidationError(problems)
    return CheckIn(night=night, water_glasses=water, **flags, **ids)


def checkin_to_dict(checkin: CheckIn) -> dict[str, Any]:
    data = asdict(checkin)
    data["night"] = checkin.night.isoformat()
    return data


# ---------------------------------------------------------------- routine runs

ROUTINE_ID_MAX = 60


def run_from_dict(raw: Mapping[str, Any]) -> RoutineRun:
    bad = _not_mapping(raw)
    if bad is not None:
        raise bad
    problems: list[Problem] = []
    started = v.instant(raw.get("started_at"), "started_at", problems)
    ended = v.instant(raw.get("ended_at"), "ended_at", problems)
    routine_id = v.text(
        raw.get("routine_id"), "routine_id", ROUTINE_ID_MAX, problems, required=True
    )
    done = v.whole(
        raw.get("steps_completed"), "steps_completed", 0, 10_000, problems, "a count of steps"
    )
    total = v.whole(raw.get("steps_total"), "steps_total", 0, 10_000, problems, "a count of steps")
    finished = v.flag(raw.get("finished"), "finished", False, problems)
    tz = v.zone(raw.get("tz"), "tz", problems)
    ids = _id(raw, problems)
    if problems or started is None or ended is None:
        raise ValidationError(problems)
    return RoutineRun(
        routine_id=routine_id,
        started_at=started,
        ended_at=ended,
        steps_completed=done or 0,
        steps_total=total or 0,
        finished=finished,
        tz=tz,
        **ids,
    )


def run_to_dict(run: RoutineRun) -> dict[str, Any]:
    data = asdict(run)
    data["started_at"] = to_iso(run.started_at)
    data["ended_at"] = to_iso(run.ended_at)
    return data


# ---------------------------------------------------------------- profile and settings

MEDICINES_OTHER_MAX = 500


def profile_from_dict(raw: Mapping[str, Any]) -> Profile:
    bad = _not_mapping(raw)
    if bad is not None:
        raise bad
    problems: list[Problem] = []
    age = v.choice(raw.get("age_band"), "age_band", vocab.AGE_BANDS, problems)
    pregnant = v.flag(raw.get("pregnant"), "pregnant", False, problems)
    conditions = v.vocab_list(raw.get("conditions"), "conditions", vocab.CONDITIONS, problems)
    medicines = v.vocab_list(raw.get("medicines"), "medicines", vocab.MEDICINE_KINDS, problems)
    other = v.text(raw.get("medicines_other"), "medicines_other", MEDICINES_OTHER_MAX, problems)
    if problems:
        raise ValidationError(problems)
    return Profile(
        age_band=age,
        pregnant=pregnant,
        conditions=conditions,
        medicines=medicines,
        medicines_other=other,
    )


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    data = asdict(profile)
    data["conditions"] = list(profile.conditions)
    data["medicines"] = list(profile.medicines)
    return data


THRESHOLD_KEY_MAX = 60
_LOCATION_SET = frozenset(vocab.LOCATIONS)


def settings_from_dict(raw: Mapping[str, Any]) -> Settings:
    """Read settings leniently: an unknown or bad value falls back to its default,
    so settings written by another version never stop the app. (Settings hold no
    free text, and every value is replaced by a safe one, so nothing bad gets through;
    doctor-rule thresholds are bounded again where the rules read them.)"""
    if not isinstance(raw, Mapping):
        return Settings()
    defaults = Settings()
    ignored: list[Problem] = []
    theme = raw.get("theme", defaults.theme)
    if type(theme) is not str or theme not in THEMES:
        theme = defaults.theme
    get_ready = v.whole(raw.get("get_ready_s"), "get_ready_s", *GET_READY_RANGE, ignored, "")
    boundary = v.whole(
        raw.get("night_boundary_hour"), "night_boundary_hour", *BOUNDARY_RANGE, ignored, ""
    )
    thresholds_raw = raw.get("thresholds") or {}
    thresholds: dict[str, float] = {}
    if isinstance(thresholds_raw, Mapping):
        for key, value in thresholds_raw.items():
            if (
                type(key) is str
                and len(key) <= THRESHOLD_KEY_MAX
                and type(value) in (int, float)
                and 0 < value < 1e9
            ):
                thresholds[key] = float(value)
    last_side = raw.get("last_side")
    # Remembered places: keep the known ones, drop the rest (lenient like all settings).
    remembered = raw.get("last_locations")
    known = (
        [x for x in remembered if type(x) is str and x in _LOCATION_SET]
        if type(remembered) is list
        else []
    )
    last_locations = tuple(x for x in vocab.LOCATIONS if x in known)
    return Settings(
        theme=theme,
        bell=v.flag(raw.get("bell"), "bell", True, ignored),
        flash=v.flag(raw.get("flash"), "flash", True, ignored),
        get_ready_s=defaults.get_ready_s if get_ready is None else get_ready,
        night_boundary_hour=defaults.night_boundary_hour if boundary is None else boundary,
        thresholds=thresholds,
        welcomed=v.flag(raw.get("welcomed"), "welcomed", False, ignored),
        last_side=last_side if type(last_side) is str and last_side in vocab.SIDES else None,
        last_locations=last_locations,
        out_of_hours_number=_help_number(raw, "out_of_hours_number"),
        emergency_number=_help_number(raw, "emergency_number"),
        patient_name=_setting_text(raw, "patient_name", PATIENT_NAME_MAX),
        spoken_cues=v.flag(raw.get("spoken_cues"), "spoken_cues", False, ignored),
    )


def _help_number(raw: Mapping[str, Any], key: str) -> str:
    value = _setting_text(raw, key, NUMBER_MAX)
    return value if number_problem(value) is None else ""


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    data = asdict(settings)
    data["thresholds"] = dict(settings.thresholds)
    data["last_locations"] = list(settings.last_locations)
    return data
