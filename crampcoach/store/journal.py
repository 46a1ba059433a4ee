"""The one journal API the app and the command line use.

Every change: take the OS file lock, re-read the file if another process changed
it, apply the change through TinyDB, write atomically, release. Reads never lock:
atomic replace means a reader always sees a whole file.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

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
    episode_from_stored,
    episode_to_dict,
    profile_from_dict,
    profile_to_dict,
    run_from_dict,
    run_to_dict,
    settings_from_dict,
    settings_to_dict,
)
from crampcoach.store import backups
from crampcoach.store.atomic import has_stale_temps, remove_stale_temps
from crampcoach.store.errors import CorruptJournal, JournalLocked, NewerJournal, WriteFailed
from crampcoach.store.migrations import SCHEMA_VERSION, migrate, schema_version, set_version
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


_SORT_KEYS: dict[str, Callable[[Any], Any]] = {
    # Timestamps sort much faster than aware datetimes compare.
    "episodes": lambda e: e.started_at.timestamp(),
    "checkins": lambda c: c.night,
    "routine_runs": lambda r: r.started_at.timestamp(),
}


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
    ) -> None:
        self.path = Path(path)
        self.backups_dir = self.path.parent / "backups"
        self._now = now
        self._lock_timeout = lock_timeout
        self._lock: Any = None  # a filelock.FileLock, made on first use (import costs ~10 ms)
        self._storage = AtomicJSONStorage(self.path)
        self._cache: dict[str, tuple[Any, Any]] = {}
        self.notice: str | None = None  # e.g. "migrated from schema 1", shown once

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: Path, **kwargs: Any) -> Journal:
        journal = cls(path, **kwargs)
        journal._prepare()
        return journal

    def _prepare(self) -> None:
        folder = self.path.parent
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteFailed(
                f"Could not create the data folder {folder}: {exc.strerror}."
            ) from None
        if self._ready_without_lock():
            return
        with self._locked():
            remove_stale_temps(self.path)
            backups.remove_stale_temps(self.backups_dir)
            if not self.path.exists():
                self._write_fresh()
                return
            if self.path.stat().st_size == 0 and not backups.list_backups(self.backups_dir):
                # An empty file with no history holds nothing to lose: start it properly.
                self._write_fresh()
                return
            data = self._read_or_explain()
            version = schema_version(data)
            if version > SCHEMA_VERSION:
                raise self._newer(version)
            if version < SCHEMA_VERSION:
                self._migrate(data)
            elif "meta" not in data:
                # Stamp the version now, or the first record would make it look like schema 1.
                self._storage.write(set_version(data, SCHEMA_VERSION))
            self._daily_backup()
            os.chmod(self.path, 0o600)

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
        if data is None or "meta" not in data or schema_version(data) != SCHEMA_VERSION:
            return False
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
        try:
            data = self._storage.read()
        except CorruptJournal as exc:
            raise self._corrupt(str(exc)) from None
        if data is None:
            raise self._corrupt("the file disappeared")
        return data

    def _corrupt(self, why: str) -> CorruptJournal:
        stamp = self._now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        kept = f"It was kept unchanged at {self.path}"
        try:
            if not aside.exists():
                shutil.copy2(self.path, aside)
            kept += f", with a copy at {aside}"
        except OSError:
            pass
        good = backups.newest_valid_backup(self.backups_dir)
        if good is not None:
            todo = (
                f"The newest good backup is {good}: to restore it, quit crampcoach and copy "
                f"it over {self.path}."
            )
        else:
            todo = "No backup was found; move the file away to start a new journal."
        return CorruptJournal(
            f"The journal {self.path} could not be read: {why}. {kept}; "
            f"nothing was written. {todo}",
            self.path,
        )

    def _migrate(self, data: dict[str, Any]) -> None:
        old = schema_version(data)
        try:
            migrated, _ = migrate(data)
            self._validate_all(migrated)
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

    @staticmethod
    def _validate_all(data: dict[str, Any]) -> None:
        for doc in data.get("episodes", {}).values():
            episode_from_dict(doc)
        for doc in data.get("checkins", {}).values():
            checkin_from_dict(doc)
        for doc in data.get("routine_runs", {}).values():
            run_from_dict(doc)

    def _today(self) -> date:
        return self._now().astimezone().date()

    def _daily_backup(self) -> None:
        today = self._today()
        if backups.has_backup_for(self.backups_dir, today):
            return
        data = self._storage.read()
        if data is None:
            return
        # A failed backup must not block saving the user's entry; the next change retries.
        with contextlib.suppress(OSError):
            backups.write_backup(self.backups_dir, data, today)

    # ------------------------------------------------------------ locking and changes

    def _file_lock(self) -> Any:
        if self._lock is None:
            from filelock import FileLock

            self._lock = FileLock(str(self.path) + ".lock", timeout=self._lock_timeout, mode=0o600)
        return self._lock

    @contextmanager
    def _locked(self) -> Iterator[None]:
        from filelock import Timeout

        try:
            # A short poll keeps two busy writers taking turns fairly.
            with self._file_lock().acquire(poll_interval=0.005):
                yield
        except Timeout:
            raise JournalLocked(
                f"Another crampcoach is holding {self.path} and did not let go within "
                f"{self._lock_timeout:.0f} s. Close it or try again.",
                self.path,
            ) from None

    @contextmanager
    def _change(self) -> Iterator[TinyDB]:
        """Lock, refresh from disk, hand TinyDB over for one change, release."""
        with self._locked():
            data = self._read_or_explain()
            version = schema_version(data)
            if version > SCHEMA_VERSION:
                raise self._newer(version)
            self._daily_backup()
            # A fresh TinyDB per change: its cached next-id never outlives the lock.
            db = TinyDB(storage=_Handle(self._storage))
            yield db

    def _table_docs(self, table: str) -> tuple[Any, list[dict[str, Any]]]:
        data = self._read_or_explain()
        sig = file_signature(self.path)
        return sig, list(data.get(table, {}).values())

    def _records(self, table: str, build: Callable[[dict[str, Any]], Any]) -> list[Any]:
        data = self._read_or_explain()
        sig = self._storage.signature
        cached = self._cache.get(table)
        if cached is not None and cached[0] == sig and sig is not None:
            return list(cached[1])
        records = []
        # Thousands of small objects: the collector would otherwise run many times for nothing.
        gc_was_on = gc.isenabled()
        gc.disable()
        try:
            for doc in data.get(table, {}).values():
                try:
                    records.append(build(doc))
                except ValidationError:
                    continue  # a record another tool damaged is skipped, never rewritten
        finally:
            if gc_was_on:
                gc.enable()
        if table in _SORT_KEYS:
            records.sort(key=_SORT_KEYS[table])
        self._cache[table] = (sig, records)
        return list(records)

    # ------------------------------------------------------------ episodes

    def episodes(self) -> list[Episode]:
        """All episodes, oldest first."""
        eps = self._records("episodes", episode_from_stored)
        return eps

    def episodes_since(self, since: datetime) -> list[Episode]:
        """Episodes that started at or after ``since``, oldest first.

        Reads the stored times only, building records just for the recent ones: the
        home screen stays quick with years of nights in the journal.
        """
        data = self._read_or_explain()
        cutoff = since.timestamp()
        recent = []
        for doc in data.get("episodes", {}).values():
            try:
                started = datetime.fromisoformat(doc["started_at"]).timestamp()
            except (KeyError, TypeError, ValueError):
                started = cutoff  # let full validation decide about a damaged record
            if started >= cutoff:
                try:
                    recent.append(episode_from_stored(doc))
                except ValidationError:
                    continue
        recent.sort(key=_SORT_KEYS["episodes"])
        return recent

    def last_episode(self) -> Episode | None:
        """The most recent episode, found from the stored times without building the rest."""
        data = self._read_or_explain()
        best, best_t = None, float("-inf")
        for doc in data.get("episodes", {}).values():
            try:
                t = datetime.fromisoformat(doc["started_at"]).timestamp()
            except (KeyError, TypeError, ValueError):
                continue
            if t > best_t:
                best, best_t = doc, t
        if best is None:
            return None
        try:
            return episode_from_stored(best)
        except ValidationError:
            return None

    def get_episode(self, episode_id: str) -> Episode | None:
        return next((e for e in self.episodes() if e.id == episode_id), None)

    def add_episode(self, episode: Episode) -> Episode:
        with self._change() as db:
            db.table("episodes").insert(episode_to_dict(episode))
        return episode

    def update_episode(self, episode: Episode) -> Episode:
        with self._change() as db:
            table = db.table("episodes")
            if not table.contains(Query().id == episode.id):
                raise KeyError(episode.id)
            table.update(episode_to_dict(episode), Query().id == episode.id)
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
        """Add many episodes in one write, skipping ones already in the journal."""
        new = list(episodes)
        with self._change() as db:
            table = db.table("episodes")
            seen = set()
            for doc in table.all():
                try:
                    seen.add(_episode_key(episode_from_dict(dict(doc))))
                except ValidationError:
                    continue
            fresh = []
            for ep in new:
                key = _episode_key(ep)
                if key in seen:
                    continue
                seen.add(key)
                fresh.append(episode_to_dict(ep))
            if fresh:
                table.insert_multiple(fresh)
        return len(fresh)

    # ------------------------------------------------------------ check-ins

    def checkins(self) -> list[CheckIn]:
        return self._records("checkins", checkin_from_dict)

    def checkin_for(self, night: date) -> CheckIn | None:
        return next((c for c in self.checkins() if c.night == night), None)

    def save_checkin(self, checkin: CheckIn) -> CheckIn:
        """One check-in per night: saving again replaces that night's."""
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
        with self._change() as db:
            db.table("checkins").insert_multiple(docs)
        return len(docs)

    # ------------------------------------------------------------ routine runs

    def runs(self) -> list[RoutineRun]:
        return self._records("routine_runs", run_from_dict)

    def add_run(self, run: RoutineRun) -> RoutineRun:
        with self._change() as db:
            db.table("routine_runs").insert(run_to_dict(run))
        return run

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
        try:
            return profile_from_dict(self._single("profile"))
        except ValidationError:
            return Profile()

    def save_profile(self, profile: Profile) -> Profile:
        self._save_single("profile", profile_to_dict(profile))
        return profile

    def settings(self) -> Settings:
        return settings_from_dict(self._single("settings"))

    def save_settings(self, settings: Settings) -> Settings:
        # Keep keys a newer version may have added, so settings survive up- and downgrades.
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
        self._cache.clear()
