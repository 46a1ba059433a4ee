"""Journal records as frozen dataclasses, with validation that names every problem."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from typing import Any

from crampcoach.core import vocab
from crampcoach.core.errors import Problem, ValidationError
from crampcoach.core.times import NaiveTimeError, from_iso, to_iso

YEAR_MIN, YEAR_MAX = 1900, 2999


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


# ---------------------------------------------------------------- validation helpers


def _as_list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.replace(",", ";").split(";") if v.strip()]
    if isinstance(value, Iterable):
        return list(value)
    return [value]


def _vocab_list(
    raw: Mapping[str, Any], key: str, allowed: tuple[str, ...], problems: list[Problem]
) -> tuple[str, ...]:
    values = _as_list(raw.get(key))
    bad = [v for v in values if not isinstance(v, str) or v not in allowed]
    if bad:
        problems.append(
            Problem(
                key, f"{', '.join(map(str, bad))} not allowed; choose from {', '.join(allowed)}"
            )
        )
        return ()
    # Keep the vocabulary's order and drop repeats, so equal sets compare equal.
    return tuple(v for v in allowed if v in values)


def _bool(raw: Mapping[str, Any], key: str, default: bool, problems: list[Problem]) -> bool:
    value = raw.get(key, default)
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("yes", "true", "1", "y"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("no", "false", "0", "n"):
        return False
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    problems.append(Problem(key, f"'{value}' is not yes or no"))
    return default


def _int(
    raw: Mapping[str, Any],
    key: str,
    lo: int,
    hi: int,
    problems: list[Problem],
    what: str,
) -> int | None:
    value = raw.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        problems.append(Problem(key, f"must be a whole number from {lo} to {hi}"))
        return None
    try:
        number = float(value) if isinstance(value, str) else value
        if isinstance(number, float):
            if number != number or not number.is_integer():
                raise ValueError
            number = int(number)
        if not isinstance(number, int):
            raise TypeError
    except (TypeError, ValueError):
        problems.append(Problem(key, f"'{value}' is not a whole number; {what}"))
        return None
    if not lo <= number <= hi:
        problems.append(Problem(key, f"{number} is out of range; {what}"))
        return None
    return int(number)


def _instant(raw: Mapping[str, Any], key: str, problems: list[Problem]) -> datetime | None:
    value = raw.get(key)
    if value is None or value == "":
        problems.append(Problem(key, "is required (a time with its UTC offset)"))
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            problems.append(Problem(key, "has no UTC offset"))
            return None
        return _plausible(value, key, problems)
    try:
        return _plausible(from_iso(str(value)), key, problems)
    except NaiveTimeError:
        problems.append(
            Problem(key, f"'{value}' has no UTC offset; write it like 2026-11-22T03:10:00+01:00")
        )
    except ValueError:
        problems.append(
            Problem(key, f"'{value}' is not a date and time like 2026-11-22T03:10:00+01:00")
        )
    return None


def _encodable(text: str) -> bool:
    # A lone surrogate (e.g. a non-UTF-8 byte in argv) cannot be stored as JSON.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _plausible(value: datetime, key: str, problems: list[Problem]) -> datetime | None:
    # Years near 1 or 9999 overflow when moved to UTC or grouped into nights.
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        problems.append(
            Problem(key, f"year {value.year} is out of range; use {YEAR_MIN} to {YEAR_MAX}")
        )
        return None
    return value


# ---------------------------------------------------------------- episodes


def episode_from_dict(raw: Mapping[str, Any], *, now: datetime | None = None) -> Episode:
    """Build an Episode from stored or typed values; raise ValidationError naming each field.

    ``duration_s`` may be given directly or as ``duration_min``. When ``now`` is
    handed in, a start in the future is refused.
    """
    problems: list[Problem] = []
    started = _instant(raw, "started_at", problems)
    # Compare as timestamps: aware datetimes sharing a tzinfo compare on wall clocks.
    if started is not None and now is not None and started.timestamp() > now.timestamp():
        problems.append(Problem("started_at", "is in the future"))

    duration: int | None = None
    if raw.get("duration_s") not in (None, ""):
        duration = _int(
            raw, "duration_s", 0, vocab.DURATION_MAX_S, problems, "seconds from 0 to 86400"
        )
    elif raw.get("duration_min") not in (None, ""):
        value = raw.get("duration_min")
        try:
            minutes = float(value)  # type: ignore[arg-type]
            if minutes != minutes or not 0 <= minutes <= vocab.DURATION_MAX_S / 60:
                raise ValueError
            duration = round(minutes * 60)
        except (TypeError, ValueError):
            problems.append(
                Problem("duration_min", f"'{value}' is not a number of minutes from 0 to 1440")
            )

    side = raw.get("side")
    if side in (None, ""):
        side = None
    elif side not in vocab.SIDES:
        problems.append(Problem("side", f"'{side}' not allowed; choose from left, right, both"))
        side = None

    locations = _vocab_list(raw, "locations", vocab.LOCATIONS, problems)
    intensity = _int(
        raw, "intensity", vocab.INTENSITY_MIN, vocab.INTENSITY_MAX, problems, "use 1 to 10"
    )
    woke_me = _bool(raw, "woke_me", True, problems)
    relief = _vocab_list(raw, "relief", vocab.RELIEF, problems)
    triggers = _vocab_list(raw, "triggers", vocab.TRIGGERS, problems)
    red_flags = _vocab_list(raw, "red_flags", vocab.RED_FLAGS, problems)

    notes = raw.get("notes") or ""
    if not isinstance(notes, str):
        problems.append(Problem("notes", "must be text"))
        notes = ""
    elif len(notes) > vocab.NOTES_MAX:
        problems.append(
            Problem("notes", f"is {len(notes)} characters; at most {vocab.NOTES_MAX} fit")
        )
    elif "\x00" in notes:
        problems.append(Problem("notes", "contains a NUL character"))
    elif not _encodable(notes):
        problems.append(Problem("notes", "contains bytes that are not UTF-8 text"))

    source = raw.get("source") or "manual"
    if source not in vocab.SOURCES:
        problems.append(
            Problem("source", f"'{source}' not allowed; choose from manual, first-aid, import")
        )

    tz = raw.get("tz")
    if tz is not None and not (isinstance(tz, str) and _encodable(tz)):
        problems.append(Problem("tz", "must be a zone name like Europe/Berlin"))
        tz = None

    if problems or started is None:
        raise ValidationError(problems)
    kwargs: dict[str, Any] = {}
    if raw.get("id"):
        kwargs["id"] = str(raw["id"])
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
        tz=tz or None,
        **kwargs,
    )


def episode_to_dict(episode: Episode) -> dict[str, Any]:
    data = asdict(episode)
    data["started_at"] = to_iso(episode.started_at)
    for key in ("locations", "relief", "triggers", "red_flags"):
        data[key] = list(data[key])
    return data


# ---------------------------------------------------------------- check-ins


def checkin_from_dict(raw: Mapping[str, Any]) -> CheckIn:
    problems: list[Problem] = []
    night_raw = raw.get("night")
    night: date | None = None
    if isinstance(night_raw, date):
        night = night_raw
    else:
        try:
            night = date.fromisoformat(str(night_raw))
        except ValueError:
            problems.append(Problem("night", f"'{night_raw}' is not a date like 2026-11-21"))
    water = _int(raw, "water_glasses", 0, 40, problems, "use 0 to 40 glasses")
    flags: dict[str, Any] = {key: _bool(raw, key, False, problems) for key in CHECKIN_FACTORS}
    if problems or night is None:
        raise ValidationError(problems)
    kwargs: dict[str, Any] = {"id": str(raw["id"])} if raw.get("id") else {}
    return CheckIn(night=night, water_glasses=water, **flags, **kwargs)


def checkin_to_dict(checkin: CheckIn) -> dict[str, Any]:
    data = asdict(checkin)
    data["night"] = checkin.night.isoformat()
    return data


# ---------------------------------------------------------------- routine runs


def run_from_dict(raw: Mapping[str, Any]) -> RoutineRun:
    problems: list[Problem] = []
    started = _instant(raw, "started_at", problems)
    ended = _instant(raw, "ended_at", problems)
    routine_id = raw.get("routine_id")
    if not isinstance(routine_id, str) or not routine_id:
        problems.append(Problem("routine_id", "is required"))
    done = _int(raw, "steps_completed", 0, 10_000, problems, "a count of steps")
    total = _int(raw, "steps_total", 0, 10_000, problems, "a count of steps")
    finished = _bool(raw, "finished", False, problems)
    if problems or started is None or ended is None:
        raise ValidationError(problems)
    kwargs: dict[str, Any] = {"id": str(raw["id"])} if raw.get("id") else {}
    return RoutineRun(
        routine_id=str(routine_id),
        started_at=started,
        ended_at=ended,
        steps_completed=done or 0,
        steps_total=total or 0,
        finished=finished,
        tz=raw.get("tz"),
        **kwargs,
    )


def run_to_dict(run: RoutineRun) -> dict[str, Any]:
    data = asdict(run)
    data["started_at"] = to_iso(run.started_at)
    data["ended_at"] = to_iso(run.ended_at)
    return data


# ---------------------------------------------------------------- profile and settings


def profile_from_dict(raw: Mapping[str, Any]) -> Profile:
    problems: list[Problem] = []
    age = raw.get("age_band") or None
    if age is not None and age not in vocab.AGE_BANDS:
        problems.append(
            Problem("age_band", f"'{age}' not allowed; choose from {', '.join(vocab.AGE_BANDS)}")
        )
        age = None
    pregnant = _bool(raw, "pregnant", False, problems)
    conditions = _vocab_list(raw, "conditions", vocab.CONDITIONS, problems)
    medicines = _vocab_list(raw, "medicines", vocab.MEDICINE_KINDS, problems)
    other = raw.get("medicines_other") or ""
    if not isinstance(other, str) or len(other) > 500:
        problems.append(Problem("medicines_other", "must be text of at most 500 characters"))
        other = ""
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


def settings_from_dict(raw: Mapping[str, Any]) -> Settings:
    """Read settings leniently: an unknown or bad value falls back to its default,
    so settings written by another version never stop the app."""
    defaults = Settings()
    problems: list[Problem] = []
    theme = raw.get("theme", defaults.theme)
    if theme not in THEMES:
        theme = defaults.theme
    get_ready = _int(raw, "get_ready_s", 0, 30, problems, "0 to 30 seconds")
    boundary = _int(raw, "night_boundary_hour", 0, 23, problems, "an hour 0 to 23")
    thresholds_raw = raw.get("thresholds") or {}
    thresholds: dict[str, float] = {}
    if isinstance(thresholds_raw, Mapping):
        for key, value in thresholds_raw.items():
            if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
                thresholds[str(key)] = float(value)
    last_side = raw.get("last_side")
    last_locations = tuple(v for v in _as_list(raw.get("last_locations")) if v in vocab.LOCATIONS)
    return Settings(
        theme=theme,
        bell=_bool(raw, "bell", True, problems),
        flash=_bool(raw, "flash", True, problems),
        get_ready_s=defaults.get_ready_s if get_ready is None else get_ready,
        night_boundary_hour=defaults.night_boundary_hour if boundary is None else boundary,
        thresholds=thresholds,
        welcomed=_bool(raw, "welcomed", False, problems),
        last_side=last_side if last_side in vocab.SIDES else None,
        last_locations=last_locations,
    )


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    data = asdict(settings)
    data["thresholds"] = dict(settings.thresholds)
    data["last_locations"] = list(settings.last_locations)
    return data


_LOCATIONS = frozenset(vocab.LOCATIONS)
_RELIEF = frozenset(vocab.RELIEF)
_TRIGGERS = frozenset(vocab.TRIGGERS)
_RED_FLAGS = frozenset(vocab.RED_FLAGS)


def episode_from_stored(doc: Mapping[str, Any]) -> Episode:
    """Rebuild an episode the journal wrote itself: a fast path with cheap checks.

    Anything unexpected (a hand-edited or damaged record) falls back to the full
    validation, which names the problem.
    """
    try:
        started = datetime.fromisoformat(doc["started_at"])
        locations = tuple(doc["locations"])
        relief = tuple(doc["relief"])
        triggers = tuple(doc["triggers"])
        red_flags = tuple(doc["red_flags"])
        duration = doc["duration_s"]
        intensity = doc["intensity"]
        notes = doc["notes"]
        ok = (
            started.utcoffset() is not None
            and _LOCATIONS.issuperset(locations)
            and _RELIEF.issuperset(relief)
            and _TRIGGERS.issuperset(triggers)
            and _RED_FLAGS.issuperset(red_flags)
            and (duration is None or (type(duration) is int and 0 <= duration <= 86400))
            and (intensity is None or (type(intensity) is int and 1 <= intensity <= 10))
            and type(notes) is str
            and len(notes) <= vocab.NOTES_MAX
            and doc["side"] in (None, *vocab.SIDES)
            and doc["source"] in vocab.SOURCES
            and type(doc["woke_me"]) is bool
            and type(doc["id"]) is str
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        ok = False
    if not ok:
        return episode_from_dict(doc)
    return Episode(
        started_at=started,
        duration_s=duration,
        side=doc["side"],
        locations=locations,
        intensity=intensity,
        woke_me=doc["woke_me"],
        relief=relief,
        triggers=triggers,
        red_flags=red_flags,
        notes=notes,
        source=doc["source"],
        tz=doc.get("tz"),
        id=doc["id"],
    )
