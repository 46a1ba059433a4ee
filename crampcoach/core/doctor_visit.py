""" "I saw a doctor about this": the record, and the one gate every such record passes.

A visit quiets the routine-level doctor reasons present at its date until something new
fires (see ``crampcoach.core.doctor``); it never quiets an urgent one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from crampcoach.core.errors import Problem, ValidationError
from crampcoach.core.models import Profile, new_id, profile_from_dict, profile_to_dict
from crampcoach.core.text import control_name, first_control

VISIT_NOTE_MAX = 500
YEAR_MIN = 1900


@dataclass(frozen=True)
class DoctorVisit:
    seen_on: date
    note: str = ""
    id: str = field(default_factory=new_id)
    # The profile when the visit was recorded: a medicine or condition added later is new.
    profile: Profile | None = field(default=None, compare=False)


def visit_from_dict(raw: Mapping[str, Any], *, today: date | None = None) -> DoctorVisit:
    """Build a visit from typed or stored values; raise ValidationError naming each field.

    ``today`` (the user's local date) refuses a date in the future; stored records are
    read without it, so a clock set back never hides one.
    """
    problems: list[Problem] = []
    seen_on = _seen_on_field(raw.get("seen_on"), today, problems)
    note = _note_field(raw.get("note"), problems)
    if problems or seen_on is None:
        raise ValidationError(problems)
    kept = _profile_hint(raw.get("profile"))
    visit_id = raw.get("id")
    if isinstance(visit_id, str) and visit_id:
        return DoctorVisit(seen_on, note, visit_id, kept)
    return DoctorVisit(seen_on, note, profile=kept)


def _seen_on_field(value: Any, today: date | None, problems: list[Problem]) -> date | None:
    """The visit's date: a date or ISO text, not before YEAR_MIN nor after ``today``."""
    seen_on = _parse_seen_on(value, problems)
    if seen_on is None:
        return None
    if seen_on.year < YEAR_MIN:
        problems.append(Problem("seen_on", f"year {seen_on.year} is too early"))
    elif today is not None and seen_on > today:
        problems.append(
            Problem("seen_on", f"{seen_on.isoformat()} is in the future (today is {today})")
        )
    return seen_on


def _parse_seen_on(value: Any, problems: list[Problem]) -> date | None:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        problems.append(Problem("seen_on", "a date like 2026-11-22 is needed"))
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        problems.append(Problem("seen_on", f"{value!r} is not a date like 2026-11-22"))
        return None


def _note_field(value: Any, problems: list[Problem]) -> str:
    """The note, stripped: text of at most VISIT_NOTE_MAX storable, printable characters."""
    note = value or ""
    if not isinstance(note, str):
        problems.append(Problem("note", "must be text"))
        return ""
    note = note.strip()
    if len(note) > VISIT_NOTE_MAX:
        problems.append(Problem("note", f"must be at most {VISIT_NOTE_MAX} characters"))
    bad = first_control(note)
    if bad is not None:
        problems.append(Problem("note", f"contains the control character {control_name(bad)}"))
    try:
        note.encode("utf-8")
    except UnicodeEncodeError:
        problems.append(Problem("note", "contains characters that cannot be stored"))
    return note


def _profile_hint(value: Any) -> Profile | None:
    """The profile kept with the visit, or None when absent or unreadable."""
    if isinstance(value, Profile):
        return value
    if isinstance(value, Mapping):
        try:
            return profile_from_dict(value)
        except ValidationError:
            return None  # only a hint for "something new"; never a reason to refuse the visit
    return None


def visit_to_dict(visit: DoctorVisit) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": visit.id, "seen_on": visit.seen_on.isoformat(), "note": visit.note}
    if visit.profile is not None:
        doc["profile"] = profile_to_dict(visit.profile)
    return doc


def latest_visit(visits: Iterable[DoctorVisit], today: date | None = None) -> DoctorVisit | None:
    """The most recent visit up to ``today`` (a visit dated later is not yet one)."""
    usable = [v for v in visits if today is None or v.seen_on <= today]
    return max(usable, key=lambda v: v.seen_on, default=None)


def visits_line(visits: Iterable[DoctorVisit], limit: int = 4) -> str | None:
    """One line naming the recorded visits, latest first (None when there are none)."""
    dates = sorted({v.seen_on for v in visits}, reverse=True)
    if not dates:
        return None
    shown = ", ".join(f"{d.day} {d:%b %Y}" for d in dates[:limit])
    more = f" and {len(dates) - limit} earlier" if len(dates) > limit else ""
    word = "visit" if len(dates) == 1 else "visits"
    return f"Doctor's {word} recorded: {shown}{more}."
