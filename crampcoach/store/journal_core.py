"""What every journal operation stands on: reading through the gate, the lock, one change.

Reads never lock: atomic replace means a reader always sees a whole file, and the storage
parses it again only when its (device, inode, size, mtime) changed. A change takes the OS
file lock, reads the file again if another process changed it, refuses a file it may not
change, hands TinyDB over, and writes once, atomically (``AtomicJSONStorage``).

The checked records are kept with the signature of the file they describe. A file read
from disk (this process did not write it) goes through the whole gate; after a change,
only the records it wrote are checked again (``recheck``), so the read that follows a
save costs what the save changed, not the whole journal.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from crampcoach.core.errors import ValidationError
from crampcoach.core.validate_journal import (
    Changes,
    Checked,
    DamagedRecord,
    Records,
    check_journal,
    recheck,
)
from crampcoach.store import backups
from crampcoach.store.errors import (
    CorruptJournal,
    JournalLocked,
    NewerJournal,
    RecordRefused,
    WriteFailed,
)
from crampcoach.store.migrations import SCHEMA_VERSION, SchemaError, schema_version
from crampcoach.store.storage import (
    AtomicJSONStorage,
    describe_os_error,
    file_signature,
    parse_journal_bytes,
)
from crampcoach.store.tinydb_table import JournalDB, TableWrite

LOCK_TIMEOUT_S = 10.0


def _utc_now() -> datetime:
    return datetime.now(UTC)


def gate(build: Callable[[Any], Any], doc: dict[str, Any]) -> None:
    """Refuse to write a record the load gate would refuse: one bad write must never make
    the whole journal unreadable."""
    try:
        build(doc)
    except ValidationError as exc:
        raise RecordRefused(f"Not saved: {exc}. The journal was not changed.") from None


class JournalCore:
    """The journal's state and the paths every read and change go through."""

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
        self._db: JournalDB | None = None  # made on the first change
        # The checked records of the file with this signature (read, or written by us).
        self._checked: tuple[Any, Checked] | None = None
        # Read-only commands open with create=False: no folder, no file, no writes when
        # the journal does not exist yet; every read then sees an empty journal.
        self._create = create
        self._absent = False
        self.notice: str | None = None  # e.g. "migrated from schema 1", shown once
        # The app reads from its UI thread and from worker threads: reads and changes take
        # turns, so a file's records and its signature are always swapped in together.
        self._in_use = threading.RLock()

    # ------------------------------------------------------------ reading through the gate

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
            return self._checked[1].records
        try:
            checked = check_journal(data)
        except DamagedRecord as exc:
            why = f"it holds a record crampcoach cannot use: {exc}"
            raise self._corrupt(why, damaged=True) from None
        self._checked = (sig, checked)
        return checked.records

    def _load(self) -> Records:
        """The current file's records, checked: what every read goes through."""
        with self._in_use:
            data = self._read_or_explain()
            if not data:
                return Records()
            self._current_version(data)
            return self._records_of(data)

    def _current_version(self, data: dict[str, Any]) -> None:
        """Refuse a file this version cannot read, or one not upgraded yet."""
        version = self._version(data)
        if version > SCHEMA_VERSION:
            raise self._newer(version)
        if version < SCHEMA_VERSION:
            raise self._corrupt(f"it is at schema {version} and was not upgraded")

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
            # The file's own bytes, when they are still the version just read (and checked)
            # or written: no second serialization, no second parse to prove they restore.
            payload = self._storage.current_bytes()
            if payload is not None:
                backups.keep_backup(self.backups_dir, payload, today, after=after_save)
            else:
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
    def _change(self) -> Iterator[JournalDB]:
        """Lock, refresh from disk, hand TinyDB over for one change, release."""
        if self._absent:
            raise WriteFailed(f"{self.path} was opened read-only and not created.", self.path)
        with self._in_use, self._locked():
            if not self._check_kind():
                raise self._corrupt("the file disappeared")
            data = self._read_or_explain()  # parsed again only if another process wrote it
            self._current_version(data)
            # Never change a file holding a damaged record (no work when already checked).
            self._records_of(data)
            checked = self._checked
            self._daily_backup()
            # One TinyDB for the journal's life: its tables keep their next id and id index
            # only while the table in memory is the one just read under this lock.
            if self._db is None:
                self._db = JournalDB.on(self._storage)
            self._db.writes.clear()
            yield self._db
            self._note_change(data, checked, self._db.writes)
            self._db.writes.clear()
            self._daily_backup(after_save=True)

    def _note_change(
        self, before: dict[str, Any], checked: tuple[Any, Checked] | None, writes: list[TableWrite]
    ) -> None:
        """Make the records the change just wrote (each through the gate again) the checked
        records of the file it wrote. If that cannot be told exactly, the next read checks
        the whole file, as it would after any other writer."""
        after, sig = self._storage.held(), self._storage.signature
        if checked is None or after is None or sig is None or sig == checked[0]:
            return  # nothing written (or nothing known): the checked records still hold
        changes = _changes(before, after, writes)
        fresh = None if changes is None else recheck(checked[1], after, changes)
        if fresh is not None:
            self._checked = (sig, fresh)

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


def _changes(
    before: dict[str, Any], after: dict[str, Any], writes: list[TableWrite]
) -> Changes | None:
    """What changed from ``before`` to ``after``, per table: the keys the logged writes
    touched, or None for a table written some other way (it is checked whole). A table that
    is the same object was not written: the journal's writes never edit a table in place."""
    if after is before:
        return None  # the data itself was edited in place: nothing can be told
    changes: dict[str, dict[str, None] | None] = {}
    for name in before.keys() | after.keys():
        old, new = before.get(name), after.get(name)
        if old is new:
            continue
        chain = [w for w in writes if w.name == name]
        linked = bool(chain) and chain[0].before is old and chain[-1].after is new
        linked = linked and all(a.after is b.before for a, b in itertools.pairwise(chain))
        changes[name] = dict.fromkeys(k for w in chain for k in w.keys) if linked else None
    return changes


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
