"""The gate for a whole journal read from disk: every record of every table, once.

The journal file is read, parsed, and then every record goes through the same validator
the forms, ``log`` and import use (``models``). The first record that fails stops the
check: the journal is refused as a whole, and the problem names the table, the record's
key in the file, its id and the field, so a person (or a helper) can find it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from crampcoach.core.doctor_visit import DoctorVisit, visit_from_dict
from crampcoach.core.errors import ValidationError
from crampcoach.core.models import (
    CheckIn,
    Episode,
    Profile,
    RoutineRun,
    Settings,
    checkin_from_dict,
    episode_from_dict,
    profile_from_dict,
    run_from_dict,
    settings_from_dict,
)
from crampcoach.core.trial import Trial, trial_from_dict


@dataclass(frozen=True)
class RecordProblem:
    table: str
    key: str  # the record's key inside the table, as in the file
    record_id: str | None
    field: str
    message: str

    def __str__(self) -> str:
        ident = f" (id {self.record_id})" if self.record_id else ""
        return (
            f"table '{self.table}', record {self.key}{ident}, field '{self.field}': {self.message}"
        )


class DamagedRecord(ValueError):
    """A record on disk failed the gate."""

    def __init__(self, problem: RecordProblem) -> None:
        self.problem = problem
        super().__init__(str(problem))


@dataclass
class Records:
    """Every record of a journal that passed the gate, oldest first where it matters."""

    episodes: list[Episode] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    runs: list[RoutineRun] = field(default_factory=list)
    profile: Profile = field(default_factory=Profile)
    settings: Settings = field(default_factory=Settings)
    visits: list[DoctorVisit] = field(default_factory=list)
    trials: list[Trial] = field(default_factory=list)


# Tables of many records, each with its own id: name -> validator.
MANY: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "episodes": episode_from_dict,
    "checkins": checkin_from_dict,
    "routine_runs": run_from_dict,
    "doctor_visits": visit_from_dict,
    "trials": trial_from_dict,
}


def _shown_id(doc: Any) -> str | None:
    rid = doc.get("id") if isinstance(doc, Mapping) else None
    if isinstance(rid, str) and len(rid) <= 64 and rid.isprintable():
        return rid
    return None


# (table, key) -> (a copy of the document as it was checked, the record built from it).
Memo = dict[tuple[str, str], tuple[Any, Any]]


def _many(
    table: str,
    docs: Mapping[str, Any],
    build: Callable[[Any], Any],
    old: Memo,
    new: Memo,
) -> list[Any]:
    out = []
    seen: set[str] = set()
    for key, doc in docs.items():
        hit = old.get((table, key))
        # The same content passes (or fails) the same gate: only changed records are
        # checked again. The copy is compared, since a change may edit a doc in place.
        if hit is not None and hit[0] == doc:
            record = hit[1]
            new[(table, key)] = hit
        else:
            record = None
        try:
            if record is None:
                record = build(doc)
                new[(table, key)] = (dict(doc), record)
        except ValidationError as exc:
            first = exc.problems[0] if exc.problems else None
            raise DamagedRecord(
                RecordProblem(
                    table,
                    str(key),
                    _shown_id(doc),
                    first.field if first else "record",
                    first.message if first else "is not valid",
                )
            ) from None
        rid = doc.get("id")
        if not rid:
            raise DamagedRecord(RecordProblem(table, str(key), None, "id", "is missing"))
        if rid in seen:
            raise DamagedRecord(
                RecordProblem(table, str(key), rid, "id", "is used by two records in this table")
            )
        seen.add(rid)
        out.append(record)
    return out


def _single(table: str, docs: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    if len(docs) > 1:
        raise DamagedRecord(
            RecordProblem(table, ", ".join(map(str, docs)), None, "record", "holds more than one")
        )
    return next(iter(docs.items()), ("1", {}))


def check_records(data: Mapping[str, Any], memo: Memo | None = None) -> Records:
    """Validate every record in ``data`` (a parsed journal at the current schema).

    Raises DamagedRecord for the first record that fails. Tables this module does not
    know are left to their owners' own validators. ``memo`` (from the last check of the
    same journal) lets records whose content did not change skip the validator; it is
    updated in place to match ``data``.
    """
    old: Memo = dict(memo) if memo else {}
    new: Memo = {}
    gc_was_on = gc.isenabled()
    gc.disable()  # tens of thousands of small objects: the collector would run for nothing
    try:
        records = Records()
        episodes = _many("episodes", data.get("episodes", {}), episode_from_dict, old, new)
        episodes.sort(key=lambda e: e.started_at.timestamp())
        records.episodes = episodes
        checkins = _many("checkins", data.get("checkins", {}), checkin_from_dict, old, new)
        checkins.sort(key=lambda c: c.night)
        records.checkins = checkins
        runs = _many("routine_runs", data.get("routine_runs", {}), run_from_dict, old, new)
        runs.sort(key=lambda r: r.started_at.timestamp())
        records.runs = runs
        records.visits = _many(
            "doctor_visits", data.get("doctor_visits", {}), visit_from_dict, old, new
        )
        trials = _many("trials", data.get("trials", {}), trial_from_dict, old, new)
        trials.sort(key=lambda t: t.started_at.timestamp())
        records.trials = trials
        key, profile = _single("profile", data.get("profile", {}))
        try:
            records.profile = profile_from_dict(profile)
        except ValidationError as exc:
            first = exc.problems[0]
            raise DamagedRecord(
                RecordProblem("profile", str(key), None, first.field, first.message)
            ) from None
        # Settings are read leniently by design: a bad value falls back to its default
        # (the first record is the one the journal writes).
        settings: Mapping[str, Any] = next(iter(data.get("settings", {}).values()), {})
        records.settings = settings_from_dict(settings)
    finally:
        if gc_was_on:
            gc.enable()
    if memo is not None:
        memo.clear()
        memo.update(new)
    return records
