"""The one journal API the app and the command line use.

Every change: take the OS file lock, re-read the file if another process changed
it, apply the change through TinyDB, write atomically, release. Reads never lock:
atomic replace means a reader always sees a whole file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from crampcoach.core.doctor_visit import DoctorVisit, visit_from_dict, visit_to_dict
from crampcoach.core.errors import ValidationError
from crampcoach.core.models import (
    CheckIn,
    Episode,
    Profile,
    RoutineRun,
    Settings,
    checkin_from_dict,
    checkin_to_dict,
    episode_from_dict,
    episode_to_dict,
    profile_from_dict,
    profile_to_dict,
    run_from_dict,
    run_to_dict,
    settings_to_dict,
)
from crampcoach.core.nights import night_of
from crampcoach.core.trial import (
    Trial,
    TrialError,
    active_trial,
    trial_from_dict,
    trial_to_dict,
)
from crampcoach.core.validate_journal import DamagedRecord, Records, check_records
from crampcoach.store import backups
from crampcoach.store.atomic import has_stale_temps, make_private_dirs, remove_stale_temps
from crampcoach.store.errors import (
    CorruptJournal,
    JournalLocked,
    NewerJournal,
    RecordRefused,
    WriteFailed,
)
from crampcoach.store.migrations import (
    SCHEMA_VERSION,
    SchemaError,
    migrate,
    schema_version,
    set_version,
)
from crampcoach.store.storage import (
    AtomicJSONStorage,
    describe_os_error,
    file_signature,
    parse_journal_bytes,
)

LOCK_TIMEOUT_S = 10.0


def _utc_now() -> datetime:
    return datetime.now(UTC)


class _Handle:
    """Lets TinyDB use our storage instance (TinyDB wants a factory)."""

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self.storage = storage

    def __call__(self) -> AtomicJSONStorage:
        return self.storage


def _gate(build: Callable[[Any], Any], doc: dict[str, Any]) -> None:
    """Refuse to write a record the load gate would refuse: one bad write must never make
    the whole journal unreadable."""
    try:
        build(doc)
    except ValidationError as exc:
        raise RecordRefused(f"Not saved: {exc}. The journal was not changed.") from None


def _episode_key(ep: Episode) -> tuple[Any, ...]:
    """What makes two episodes "the same" for idempotent import."""
    return (ep.started_at.astimezone(UTC).replace(microsecond=0), ep.side, ep.locations)


class Journal:
    def __init__(
        self,
        path: Path,
        *,
        now: Callable[[], datetime] = _utc_now,
        lock_timeout: float = LOCK_TIMEOUT_S,
        create: bool = True,
    ) -> None:
        self.path = Path(path)
        self.backups_dir = self.path.parent / "backups"
        self._now = now
        self._lock_timeout = lock_timeout
        self._lock: Any = None  # a filelock.FileLock, made on first use (import costs ~10 ms)
        self._storage = AtomicJSONStorage(self.path)
        # The records of the last file read that passed the gate, with its signature.
        self._checked: tuple[Any, Records] | None = None
        self._memo: dict[tuple[str, str], tuple[Any, Any]] = {}  # see check_records
        # The signature of the file as this journal last wrote it: its content is checked
        # records plus gated changes, so a change on top of it needs no new full check.
        self._own_sig: Any = None
        # Read-only commands open with create=False: no folder, no file, no writes when
        # the journal does not exist yet; every read then sees an empty journal.
        self._create = create
        self._absent = False
        self.notice: str | None = None  # e.g. "migrated from schema 1", shown once

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path, **kwargs: Any) -> Journal:
        journal = cls(path, **kwargs)
        journal._prepare()
        # First-aid episodes kept aside while the journal could not be used: merged once.
        from crampcoach.store.pending import merge_into

        merge_into(journal)
        return journal

    def _prepare(self) -> None:
        folder = self.path.parent
        exists = self._check_kind()
        if not exists and not self._create:
            self._absent = True
            return
        try:
            make_private_dirs(folder)
        except OSError as exc:
            raise WriteFailed(
                f"Could not use the data folder {folder}: {describe_os_error(exc)}.", self.path
            ) from None
        if self._ready_without_lock():
            return
        with self._locked():
            remove_stale_temps(self.path)
            backups.remove_stale_temps(self.backups_dir)
            if not self._check_kind():
                self._write_fresh()
                return
            if self.path.stat().st_size == 0 and not backups.list_backups(self.backups_dir):
                # An empty file with no history holds nothing to lose: start it properly.
                self._write_fresh()
                return
            data = self._read_or_explain()
            version = self._version(data)
            if version > SCHEMA_VERSION:
                raise self._newer(version)
            if version < SCHEMA_VERSION:
                self._migrate(data)
            else:
                self._records_of(data)  # the gate: a damaged record refuses the journal
                if "meta" not in data:
                    # Stamp the version now, or the first record would look like schema 1.
                    self._storage.write(set_version(data, SCHEMA_VERSION))
            self._daily_backup()
            os.chmod(self.path, 0o600)

    def _check_kind(self) -> bool:
        """Does the journal exist? Refuse a folder, FIFO or device named like it (reading a
        FIFO would hang while holding the lock), and a data folder that is a file."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return False
        except NotADirectoryError:
            raise WriteFailed(
                f"{self.path.parent} is a file, not a folder: crampcoach keeps its journal in "
                "a folder. Move the file away or choose another --data-dir.",
                self.path,
            ) from None
        except OSError as exc:
            raise CorruptJournal(
                f"Could not open {self.path}: {describe_os_error(exc)}.", self.path
            ) from None
        if not stat.S_ISREG(st.st_mode):
            raise CorruptJournal(
                f"{self.path} is not a regular file (it is {_kind(st.st_mode)}), so it cannot be "
                "a journal. It was not changed. Move it away to start a new journal, or put the "
                "journal file back in its place.",
                self.path,
            )
        return True

    def _ready_without_lock(self) -> bool:
        """The usual start: a readable, current, private journal with nothing to tidy.

        Then the journal itself needs no change, so no lock is taken. (The daily backup
        is a separate file written atomically from what was just read and validated:
        two instances writing it at once both leave a whole, valid copy.) Anything else
        takes the locked path, which explains errors.
        """
        try:
            st = os.stat(self.path)
        except OSError:
            return False
        if st.st_size == 0 or st.st_mode & 0o777 != 0o600:
            return False
        if has_stale_temps(self.path) or backups.has_stale_temps(self.backups_dir):
            return False
        try:
            data = self._storage.read()
        except CorruptJournal:
            return False
        if data is None or "meta" not in data:
            return False
        try:
            if schema_version(data) != SCHEMA_VERSION:
                return False
        except SchemaError:
            return False
        self._records_of(data)  # the gate: a damaged record refuses the journal
        self._daily_backup()
        return True

    def _write_fresh(self) -> None:
        data = {"meta": {"1": {"schema_version": SCHEMA_VERSION}}}
        self._storage.write(data)

    def _newer(self, version: int) -> NewerJournal:
        return NewerJournal(
            f"{self.path} was written by a newer crampcoach (schema {version}; this one "
            f"understands up to {SCHEMA_VERSION}). It was not changed. Update crampcoach "
            "to use it.",
            self.path,
        )

    def _read_or_explain(self) -> dict[str, Any]:
        if self._absent:
            if self._storage.read() is None:
                return {}
            self._absent = False  # another process created it meanwhile
        try:
            data = self._storage.read()
        except CorruptJournal as exc:
            raise self._corrupt(str(exc)) from None
        if data is None:
            raise self._corrupt("the file disappeared")
        return data

    def _version(self, data: dict[str, Any]) -> int:
        try:
            return schema_version(data)
        except SchemaError as exc:
            raise self._corrupt(str(exc)) from None

    def _records_of(self, data: dict[str, Any]) -> Records:
        """Every record of ``data`` through the gate, once per version of the file."""
        sig = self._storage.signature
        if self._checked is not None and sig is not None and self._checked[0] == sig:
            return self._checked[1]
        try:
            records = check_records(data, self._memo)
        except DamagedRecord as exc:
            why = f"it holds a record crampcoach cannot use: {exc}"
            raise self._corrupt(why, damaged=True) from None
        self._checked = (sig, records)
        return records

    def _load(self) -> Records:
        """The current file's records, checked: what every read goes through."""
        data = self._read_or_explain()
        if not data:
            return Records()
        version = self._version(data)
        if version > SCHEMA_VERSION:
            raise self._newer(version)
        if version < SCHEMA_VERSION:
            raise self._corrupt(f"it is at schema {version} and was not upgraded")
        return self._records_of(data)

    def _corrupt(self, why: str, *, damaged: bool = False) -> CorruptJournal:
        stamp = self._now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        kept = f"It was kept unchanged at {self.path}"
        try:
            # Only a regular file is copied: a FIFO or a device would block or never end.
            if not aside.exists() and stat.S_ISREG(os.stat(self.path).st_mode):
                shutil.copy2(self.path, aside)
                kept += f", with a copy at {aside}"
        except OSError:
            pass
        good = backups.newest_useful_backup(self.backups_dir, self._today())
        if good is not None:
            restore = (
                f"The newest backup holding data is {good.path} ({good.describe()}): to "
                f"restore it, quit crampcoach and copy it over {self.path}."
            )
        else:
            restore = "No backup holding data was found."
        if damaged:
            todo = (
                "To keep everything else, correct or remove that record in the file with a text "
                f"editor (quit crampcoach first). {restore}"
            )
        elif good is not None:
            todo = restore
        else:
            todo = f"{restore} Move the file away to start a new journal."
        return CorruptJournal(
            f"The journal {self.path} could not be read: {why}. {kept}; "
            f"nothing was written. {todo}",
            self.path,
        )

    def _migrate(self, data: dict[str, Any]) -> None:
        old = self._version(data)
        try:
            migrated, _ = migrate(data)
            check_records(migrated)  # the same gate as every load
        except Exception as exc:  # any failing step leaves the file as it was
            raise CorruptJournal(
                f"The journal {self.path} (schema {old}) could not be upgraded: {exc}. "
                "It was not changed.",
                self.path,
            ) from None
        try:
            backups.write_backup(
                self.backups_dir, data, self._today(), tag=f"-pre-v{SCHEMA_VERSION}"
            )
        except OSError as exc:
            raise WriteFailed(
                f"Could not back up {self.path} before upgrading it: "
                f"{describe_os_error(exc)}. The journal was not changed.",
                self.path,
            ) from None
        self._storage.write(migrated)
        self.notice = f"Your journal was upgraded from schema {old} to {SCHEMA_VERSION}."

    def _today(self) -> date:
        return self._now().astimezone().date()

    def _daily_backup(self, *, after_save: bool = False) -> None:
        """At most one backup a day before the day's first change (so today's changes can
        be undone), and one after the day's first save (so the newest backup holds today's
        entries). Backups of a journal holding no records are not worth a slot."""
        today = self._today()
        if backups.has_backup_for(self.backups_dir, today, after=after_save):
            return
        data = self._storage.read()
        if data is None or not backups.holds_records(data):
            return
        # A failed backup must not block saving the user's entry; the next change retries.
        with contextlib.suppress(OSError):
            backups.write_backup(self.backups_dir, data, today, after=after_save)

    # ------------------------------------------------------------ locking and changes

    def _file_lock(self) -> Any:
        if self._lock is None:
            from filelock import FileLock

            self._lock = FileLock(str(self.path) + ".lock", timeout=self._lock_timeout, mode=0o600)
        return self._lock

    @contextmanager
    def _locked(self) -> Iterator[None]:
        from filelock import Timeout

        lock = self._file_lock()
        try:
            # A short poll keeps two busy writers taking turns fairly.
            lock.acquire(poll_interval=0.005)
        except Timeout:
            raise JournalLocked(
                f"Another crampcoach is holding {self.path} and did not let go within "
                f"{self._lock_timeout:.0f} s. Close it or try again.",
                self.path,
            ) from None
        except OSError as exc:  # a read-only disk, a folder we may not write to
            raise WriteFailed(
                f"Could not lock {self.path} for saving: {describe_os_error(exc)}. "
                "Nothing was changed.",
                self.path,
            ) from None
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def _change(self) -> Iterator[TinyDB]:
        """Lock, refresh from disk, hand TinyDB over for one change, release."""
        if self._absent:
            raise WriteFailed(f"{self.path} was opened read-only and not created.", self.path)
        with self._locked():
            if not self._check_kind():
                raise self._corrupt("the file disappeared")
            data = self._read_or_explain()
            version = self._version(data)
            if version > SCHEMA_VERSION:
                raise self._newer(version)
            if version < SCHEMA_VERSION:
                raise self._corrupt(f"it is at schema {version} and was not upgraded")
            if self._own_sig is None or self._storage.signature != self._own_sig:
                self._records_of(data)  # never change a file holding a damaged record
            self._daily_backup()
            # A fresh TinyDB per change: its cached next-id never outlives the lock.
            db = TinyDB(storage=_Handle(self._storage))
            yield db
            self._own_sig = self._storage.signature
            self._daily_backup(after_save=True)

    # ------------------------------------------------------------ episodes

    def episodes(self) -> list[Episode]:
        """All episodes, oldest first."""
        return list(self._load().episodes)

    def episodes_since(self, since: datetime) -> list[Episode]:
        """Episodes that started at or after ``since``, oldest first."""
        cutoff = since.timestamp()
        return [e for e in self._load().episodes if e.started_at.timestamp() >= cutoff]

    def last_episode(self) -> Episode | None:
        """The most recent episode."""
        eps = self._load().episodes
        return eps[-1] if eps else None

    def get_episode(self, episode_id: str) -> Episode | None:
        return next((e for e in self._load().episodes if e.id == episode_id), None)

    def add_episode(self, episode: Episode) -> Episode:
        doc = episode_to_dict(episode)
        _gate(episode_from_dict, doc)
        with self._change() as db:
            # Raw ids, not a TinyDB query: it would build a Document for every record.
            docs = (self._storage.read() or {}).get("episodes", {}).values()
            if any(d.get("id") == episode.id for d in docs):
                raise RecordRefused(f"Not saved: an episode with id {episode.id} exists already.")
            db.table("episodes").insert(doc)
        return episode

    def update_episode(self, episode: Episode) -> Episode:
        doc = episode_to_dict(episode)
        _gate(episode_from_dict, doc)
        with self._change() as db:
            table = db.table("episodes")
            if not table.contains(Query().id == episode.id):
                raise KeyError(episode.id)
            table.update(doc, Query().id == episode.id)
        return episode

    def delete_episode(self, episode_id: str) -> Episode | None:
        """Remove an episode and return it (for undo)."""
        removed = None
        with self._change() as db:
            table = db.table("episodes")
            doc = table.get(Query().id == episode_id)
            if doc is None:
                return None
            removed = episode_from_dict(dict(doc))
            table.remove(Query().id == episode_id)
        return removed

    def add_episodes(self, episodes: Iterable[Episode]) -> int:
        """Add many episodes in one write; all or nothing.

        An episode already in the journal (the same id with the same content, or no id
        match but the same start, side and places) is skipped, so importing a file twice
        adds nothing. An id already in the journal with other content is refused: the
        journal's version may hold edits made since the file was written, and importing
        never overwrites them (RecordRefused names the id; nothing is written).
        """
        new = list(episodes)
        docs = []
        for ep in new:
            doc = episode_to_dict(ep)
            _gate(episode_from_dict, doc)
            docs.append(doc)
        with self._change() as db:
            existing = self._load().episodes
            by_id = {e.id: e for e in existing}
            seen = {_episode_key(e) for e in existing}
            fresh = []
            ids: set[str] = set()
            for ep, doc in zip(new, docs, strict=True):
                if ep.id in ids:
                    raise RecordRefused(
                        f"Nothing was imported: the id {ep.id} is used by two episodes in the file."
                    )
                ids.add(ep.id)
                known = by_id.get(ep.id)
                if known is not None:
                    if _same_content(known, ep):
                        continue
                    raise RecordRefused(
                        f"Nothing was imported: the episode with id {ep.id} is already in the "
                        "journal with other content (it may have been edited since the file was "
                        "written). Remove that record from the file, or its id to add it as a "
                        "new episode."
                    )
                key = _episode_key(ep)
                if key in seen:
                    continue
                seen.add(key)
                fresh.append(doc)
            if fresh:
                db.table("episodes").insert_multiple(fresh)
        return len(fresh)

    # ------------------------------------------------------------ check-ins

    def checkins(self) -> list[CheckIn]:
        return list(self._load().checkins)

    def checkin_for(self, night: date) -> CheckIn | None:
        return next((c for c in self._load().checkins if c.night == night), None)

    def save_checkin(self, checkin: CheckIn) -> CheckIn:
        """One check-in per night: saving again replaces that night's."""
        _gate(checkin_from_dict, checkin_to_dict(checkin))
        with self._change() as db:
            table = db.table("checkins")
            q = Query().night == checkin.night.isoformat()
            existing = table.get(q)
            if existing is not None:
                checkin = replace(checkin, id=existing.get("id", checkin.id))
                table.update(checkin_to_dict(checkin), q)
            else:
                table.insert(checkin_to_dict(checkin))
        return checkin

    def add_checkins(self, items: Iterable[CheckIn]) -> int:
        docs = [checkin_to_dict(c) for c in items]
        for doc in docs:
            _gate(checkin_from_dict, doc)
        with self._change() as db:
            db.table("checkins").insert_multiple(docs)
        return len(docs)

    # ------------------------------------------------------------ routine runs

    def runs(self) -> list[RoutineRun]:
        return list(self._load().runs)

    def add_run(self, run: RoutineRun) -> RoutineRun:
        doc = run_to_dict(run)
        _gate(run_from_dict, doc)
        with self._change() as db:
            db.table("routine_runs").insert(doc)
        return run

    # ------------------------------------------------------------ doctor's visits (doctor advice)
    # "I saw a doctor about this": a visit quiets the routine doctor reasons present at its
    # date (core/doctor.py). The gate is core/doctor_visit.py, applied on load and on write.

    def doctor_visits(self) -> list[DoctorVisit]:
        """Recorded visits, oldest first."""
        return sorted(self._load().visits, key=lambda v: v.seen_on)

    def add_doctor_visit(self, visit: DoctorVisit) -> DoctorVisit:
        doc = visit_to_dict(visit)
        _gate(visit_from_dict, doc)
        with self._change() as db:
            db.table("doctor_visits").insert(doc)
        return visit

    def episodes_with_red_flags(self) -> list[Episode]:
        """Every episode that noted a warning sign, oldest first (signs have no time limit)."""
        return [e for e in self._load().episodes if e.red_flags]

    def first_record_night(self, boundary_hour: int = 12) -> date | None:
        """The night of the journal's first episode, check-in or routine run (None: empty).

        Nights before it were never tracked, so no doctor rule compares against them.
        """
        records = self._load()
        nights = [c.night for c in records.checkins[:1]]
        for first in (records.episodes[:1], records.runs[:1]):
            nights.extend(night_of(r.started_at, None, boundary_hour) for r in first)
        return min(nights, default=None)

    # ------------------------------------------------------------ personal experiments
    # (owned by the experiments feature; records pass the gate in core/trial.py)

    def trials(self) -> list[Trial]:
        """Every experiment, oldest first."""
        return list(self._load().trials)

    def start_trial(self, trial: Trial, now: datetime, boundary_hour: int = 12) -> Trial:
        """Save a new experiment; refuses (TrialError) while another one is running."""
        with self._change() as db:
            table = db.table("trials")
            existing = []
            for doc in table.all():
                with contextlib.suppress(ValidationError):
                    existing.append(trial_from_dict(dict(doc)))
            running = active_trial(existing, now, boundary_hour)
            if running is not None:
                raise TrialError(
                    f"an experiment ({running.habit}) is already running; stop it first"
                )
            table.insert(trial_to_dict(trial_from_dict(trial_to_dict(trial))))
        return trial

    def checkin_nights_since(self, first: date) -> set[date]:
        """Nights from ``first`` on that have a check-in (through the gate, like every read)."""
        return {c.night for c in self._load().checkins if c.night >= first}

    def stop_trial(self, trial_id: str, at: datetime) -> Trial:
        """Stop an experiment early (an already stopped one keeps its first stop)."""
        return self._change_trial(
            trial_id, lambda t: t if t.stopped_at is not None else replace(t, stopped_at=at)
        )

    def set_trial_kept(self, trial_id: str, night: date, kept: bool | None) -> Trial:
        """Record whether ``night`` kept its arm (None clears the answer)."""
        return self._change_trial(trial_id, lambda t: t.with_kept(night, kept))

    def _change_trial(self, trial_id: str, change: Callable[[Trial], Trial]) -> Trial:
        # Re-read under the lock and change only what was asked: a stop from the command line
        # and an answer from the app never undo each other.
        with self._change() as db:
            table = db.table("trials")
            doc = table.get(Query().id == trial_id)
            if doc is None:
                raise KeyError(trial_id)
            trial = change(trial_from_dict(dict(doc)))
            table.update(trial_to_dict(trial), Query().id == trial_id)
        return trial

    # ------------------------------------------------------------ profile and settings

    def _single(self, table: str) -> dict[str, Any]:
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
        _gate(profile_from_dict, doc)
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

    # ------------------------------------------------------------ housekeeping

    def changed_since_last_read(self) -> bool:
        """True when the file on disk is not the one this journal last read or wrote
        (another process wrote it). One stat, no read: cheap enough to poll every second."""
        return file_signature(self.path) != self._storage.signature

    def raw_bytes_valid(self) -> bool:
        try:
            parse_journal_bytes(self.path.read_bytes())
        except Exception:
            return False
        return True

    def close(self) -> None:
        self._storage.close()
        self._checked = None
        self._memo.clear()


def _same_content(a: Episode, b: Episode) -> bool:
    return episode_to_dict(a) == episode_to_dict(b)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"
