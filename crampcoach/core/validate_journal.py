"""The gate for a whole journal read from disk: every record of every table, once.

The journal file is read, parsed, and then every record goes through the same validator
the forms, ``log`` and import use (``models``). The first record that fails stops the
check: the journal is refused as a whole, and the problem names the table, the record's
key in the file, its id and the field, so a person (or a helper) can find it.

A file read from disk is always checked whole (``check_journal``). After a change this
process made, ``recheck`` brings the checked records up to date by checking again only the
records the change touched: the result is the one ``check_journal`` would give for the
data written (same records, same order), or None when it cannot tell, so the caller falls
back to the whole check (which then names the damaged record exactly as it always did).
"""

from __future__ import annotations

import gc
from bisect import bisect_left
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, cast

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


def _by_start(record: Any) -> float:
    return cast(float, record.started_at.timestamp())


def _by_night(record: Any) -> Any:
    return record.night


# Tables of many records: name -> (the Records field, how its list is sorted; None: as in
# the file). Sorting is stable, so records with the same sort key keep the file's order.
SHAPE: dict[str, tuple[str, Callable[[Any], Any] | None]] = {
    "episodes": ("episodes", _by_start),
    "checkins": ("checkins", _by_night),
    "routine_runs": ("runs", _by_start),
    "doctor_visits": ("visits", None),
    "trials": ("trials", _by_start),
}


@dataclass(frozen=True)
class TableIndex:
    """One checked table: key in the file -> record, -> its document's id; id -> key."""

    records: dict[str, Any]
    rids: dict[str, Any]
    ids: dict[Any, str]


@dataclass(frozen=True)
class Checked:
    """Every record of a journal that passed the gate, and what ``recheck`` needs."""

    records: Records
    tables: dict[str, TableIndex]


def _problem(table: str, key: str, doc: Any, exc: ValidationError) -> DamagedRecord:
    first = exc.problems[0] if exc.problems else None
    return DamagedRecord(
        RecordProblem(
            table,
            str(key),
            _shown_id(doc),
            first.field if first else "record",
            first.message if first else "is not valid",
        )
    )


def _one(table: str, key: str, doc: Any, build: Callable[[Any], Any]) -> tuple[str, Any]:
    """One record through its validator: (its id, the record); DamagedRecord if refused."""
    try:
        record = build(doc)
    except ValidationError as exc:
        raise _problem(table, key, doc, exc) from None
    rid = doc.get("id")
    if not rid:
        raise DamagedRecord(RecordProblem(table, str(key), None, "id", "is missing"))
    if type(rid) is not str:
        try:
            hash(rid)  # ids are looked up: a list here would crash the check, not refuse
        except TypeError:
            raise DamagedRecord(
                RecordProblem(table, str(key), None, "id", "must be text")
            ) from None
    return rid, record


def _many(table: str, docs: Mapping[str, Any]) -> tuple[list[Any], TableIndex]:
    build = MANY[table]
    by_key: dict[str, Any] = {}
    rids: dict[str, Any] = {}
    ids: dict[Any, str] = {}
    for key, doc in docs.items():
        _take(table, key, doc, build, TableIndex(by_key, rids, ids))
    return _ordered(table, by_key), TableIndex(by_key, rids, ids)


def _take(table: str, key: str, doc: Any, build: Any, index: TableIndex) -> Any:
    """Check one document and add it to ``index``; a second record with its id is damage."""
    rid, record = _one(table, key, doc, build)
    if rid in index.ids:
        raise DamagedRecord(
            RecordProblem(table, str(key), rid, "id", "is used by two records in this table")
        )
    index.ids[rid] = key
    index.records[key] = record
    index.rids[key] = rid
    return record


def _ordered(table: str, by_key: dict[str, Any]) -> list[Any]:
    out = list(by_key.values())
    sort_key = SHAPE[table][1]
    if sort_key is not None:
        out.sort(key=sort_key)
    return out


def _single(table: str, docs: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    if len(docs) > 1:
        raise DamagedRecord(
            RecordProblem(table, ", ".join(map(str, docs)), None, "record", "holds more than one")
        )
    return next(iter(docs.items()), ("1", {}))


def _profile(data: Mapping[str, Any]) -> Profile:
    key, profile = _single("profile", data.get("profile", {}))
    try:
        return profile_from_dict(profile)
    except ValidationError as exc:
        first = exc.problems[0]
        raise DamagedRecord(
            RecordProblem("profile", str(key), None, first.field, first.message)
        ) from None


def _settings(data: Mapping[str, Any]) -> Settings:
    # Settings are read leniently by design: a bad value falls back to its default
    # (the first record is the one the journal writes).
    settings: Mapping[str, Any] = next(iter(data.get("settings", {}).values()), {})
    return settings_from_dict(settings)


def check_journal(data: Mapping[str, Any]) -> Checked:
    """Validate every record in ``data`` (a parsed journal at the current schema).

    Raises DamagedRecord for the first record that fails. Tables this module does not
    know are left to their owners' own validators.
    """
    gc_was_on = gc.isenabled()
    gc.disable()  # tens of thousands of small objects: the collector would run for nothing
    try:
        records = Records()
        tables: dict[str, TableIndex] = {}
        for table, (name, _) in SHAPE.items():
            listed, tables[table] = _many(table, data.get(table, {}))
            setattr(records, name, listed)
        records.profile = _profile(data)
        records.settings = _settings(data)
    finally:
        if gc_was_on:
            gc.enable()
    return Checked(records, tables)


def check_records(data: Mapping[str, Any]) -> Records:
    """``check_journal``'s records: every record of ``data`` through the gate."""
    return check_journal(data).records


# A table a change rewrote: the keys it touched (added, replaced, removed or handed to
# an updater that may have edited the document in place), or None: it may differ anywhere.
Changes = Mapping[str, Collection[str] | None]


def recheck(checked: Checked, data: Mapping[str, Any], changes: Changes) -> Checked | None:
    """``checked`` brought up to date with ``data``, which differs from the journal it was
    made from only in ``changes``: the changed records alone go through the gate.

    The result equals ``check_journal(data)``. None when a changed record fails the gate
    (or a changed table is one this check cannot redo): the whole check must run, and it
    names the first damaged record in the file's order, as it always does.
    """
    records = checked.records
    tables = dict(checked.tables)
    updates: dict[str, Any] = {}
    try:
        for table, keys in changes.items():
            if table in SHAPE:
                name, _ = SHAPE[table]
                docs = data.get(table, {})
                if keys is None:
                    updates[name], tables[table] = _many(table, docs)
                else:
                    updates[name], tables[table] = _changed(
                        table, docs, keys, tables[table], getattr(records, name)
                    )
            elif table == "profile":
                updates["profile"] = _profile(data)
            elif table == "settings":
                updates["settings"] = _settings(data)
            elif table == "meta":
                return None  # the schema is the reader's to check
    except (DamagedRecord, _Unsure):
        return None
    return Checked(replace(records, **updates), tables)


class _Unsure(Exception):
    """The change log does not account for the data: only the whole check can tell."""


def _changed(
    table: str,
    docs: Mapping[str, Any],
    keys: Collection[str],
    index: TableIndex,
    listed: list[Any],
) -> tuple[list[Any], TableIndex]:
    """One table after a change to ``keys``: O(changed) checks and list edits (plus the
    C-speed copies of the list and the index, so a list a reader holds never changes)."""
    by_key, rids, ids = dict(index.records), dict(index.rids), dict(index.ids)
    out = list(listed)
    sort_key = SHAPE[table][1]
    for key in keys:  # first drop what the change replaced or removed
        old = by_key.pop(key, None)
        if old is not None:
            del ids[rids.pop(key)]
            if sort_key is not None:
                _drop(out, old, sort_key)
    # Without a sort key, or with a tie (equal keys keep the file's order), the list is
    # built again from the index in the file's order.
    in_order = sort_key is not None
    build = MANY[table]
    for key in keys:
        doc = docs.get(key)
        if doc is None:
            continue  # removed
        record = _take(table, key, doc, build, TableIndex(by_key, rids, ids))
        if in_order and sort_key is not None:
            value = sort_key(record)
            at = bisect_left(out, value, key=sort_key)
            if at < len(out) and sort_key(out[at]) == value:
                in_order = False
            else:
                out.insert(at, record)
    if len(by_key) != len(docs):
        raise _Unsure  # a record the change log did not name
    if not in_order:
        try:
            out = _ordered(table, {key: by_key[key] for key in docs})
        except KeyError:
            raise _Unsure from None
    return out, TableIndex(by_key, rids, ids)


def _drop(out: list[Any], record: Any, sort_key: Callable[[Any], Any]) -> None:
    at = bisect_left(out, sort_key(record), key=sort_key)
    while at < len(out) and out[at] is not record:
        at += 1
    if at == len(out):
        raise _Unsure
    del out[at]
