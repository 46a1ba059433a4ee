"""Check-ins, routine runs and doctor's visits; the profile and the settings.

Check-ins are one per night (saving again replaces that night's); runs and visits are
only ever added. The profile and the settings are single records, each written in one
atomic write of the whole file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from tinydb import Query

from crampcoach.core.doctor_visit import DoctorVisit, visit_from_dict, visit_to_dict
from crampcoach.core.models import (
    CheckIn,
    Profile,
    RoutineRun,
    Settings,
    checkin_from_dict,
    checkin_to_dict,
    profile_from_dict,
    profile_to_dict,
    run_from_dict,
    run_to_dict,
    settings_to_dict,
)
from crampcoach.core.nights import night_of
from crampcoach.store.journal_core import JournalCore, gate


class DayRecords(JournalCore):
    # ------------------------------------------------------------ check-ins

    def checkins(self) -> list[CheckIn]:
        return list(self._load().checkins)

    def checkin_for(self, night: date) -> CheckIn | None:
        return next((c for c in self._load().checkins if c.night == night), None)

    def checkin_nights_since(self, first: date) -> set[date]:
        """Nights from ``first`` on that have a check-in (through the gate, like every read)."""
        return {c.night for c in self._load().checkins if c.night >= first}

    def save_checkin(self, checkin: CheckIn) -> CheckIn:
        """One check-in per night: saving again replaces that night's."""
        gate(checkin_from_dict, checkin_to_dict(checkin))
        with self._change() as db:
            table = db.table("checkins")
            q = Query().night == checkin.night.isoformat()
            existing = table.get(q)
            if existing is not None:
                checkin = replace(checkin, id=existing.get("id", checkin.id))
                # By key: an update by query hands every document to the updater, and each
                # would be checked again as possibly changed.
                table.update(checkin_to_dict(checkin), doc_ids=[existing.doc_id])
            else:
                table.insert(checkin_to_dict(checkin))
        return checkin

    def add_checkins(self, items: Iterable[CheckIn]) -> int:
        docs = [checkin_to_dict(c) for c in items]
        for doc in docs:
            gate(checkin_from_dict, doc)
        with self._change() as db:
            db.table("checkins").insert_multiple(docs)
        return len(docs)

    # ------------------------------------------------------------ routine runs

    def runs(self) -> list[RoutineRun]:
        return list(self._load().runs)

    def add_run(self, run: RoutineRun) -> RoutineRun:
        self._insert("routine_runs", run_to_dict(run), run_from_dict)
        return run

    def _insert(self, table: str, doc: dict[str, Any], build: Any) -> None:
        """Add one record that is only ever added, through the gate."""
        gate(build, doc)
        with self._change() as db:
            db.table(table).insert(doc)

    # ------------------------------------------------------------ doctor's visits (doctor advice)
    # "I saw a doctor about this": a visit quiets the routine doctor reasons present at its
    # date (core/doctor.py). The gate is core/doctor_visit.py, applied on load and on write.

    def doctor_visits(self) -> list[DoctorVisit]:
        """Recorded visits, oldest first."""
        return sorted(self._load().visits, key=lambda v: v.seen_on)

    def add_doctor_visit(self, visit: DoctorVisit) -> DoctorVisit:
        self._insert("doctor_visits", visit_to_dict(visit), visit_from_dict)
        return visit

    def first_record_night(self, boundary_hour: int = 12) -> date | None:
        """The night of the journal's first episode, check-in or routine run (None: empty).

        Nights before it were never tracked, so no doctor rule compares against them.
        """
        records = self._load()
        nights = [c.night for c in records.checkins[:1]]
        for first in (records.episodes[:1], records.runs[:1]):
            nights.extend(night_of(r.started_at, None, boundary_hour) for r in first)
        return min(nights, default=None)

    # ------------------------------------------------------------ profile and settings

    def _single(self, table: str) -> dict[str, Any]:
        with self._in_use:  # see JournalCore.__init__
            data = self._read_or_explain()
        docs = list(data.get(table, {}).values())
        return docs[0] if docs else {}

    def _save_single(self, table: str, doc: dict[str, Any]) -> None:
        # One write, not TinyDB's truncate() + insert(): a kill between those two
        # writes would leave the table empty on disk.
        with self._change():
            data = dict(self._storage.read() or {})
            data[table] = {"1": doc}
            self._storage.write(data)

    def profile(self) -> Profile:
        return self._load().profile

    def save_profile(self, profile: Profile) -> Profile:
        doc = profile_to_dict(profile)
        gate(profile_from_dict, doc)
        self._save_single("profile", doc)
        return profile

    def settings(self) -> Settings:
        return self._load().settings

    def save_settings(self, settings: Settings) -> Settings:
        # Keep keys a newer version may have added, so settings survive up- and downgrades.
        self._load()
        doc = dict(self._single("settings"))
        doc.update(settings_to_dict(settings))
        self._save_single("settings", doc)
        return settings
