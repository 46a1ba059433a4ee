"""Opening a journal: create it, tidy after a killed writer, upgrade it, check it once.

The usual start takes no lock: a readable, current, private file with nothing to tidy is
checked through the gate and used as it is. Anything else (no file, an empty one, an old
schema, leftover temp files, a loose mode) takes the lock and is set right, or refused
with a message saying what to do.
"""

from __future__ import annotations

import os
from typing import Any

from crampcoach.core.validate_journal import check_journal
from crampcoach.store import backups
from crampcoach.store.atomic import has_stale_temps, make_private_dirs, remove_stale_temps
from crampcoach.store.errors import CorruptJournal, WriteFailed
from crampcoach.store.journal_core import JournalCore
from crampcoach.store.migrations import (
    SCHEMA_VERSION,
    SchemaError,
    migrate,
    schema_version,
    set_version,
)
from crampcoach.store.storage import describe_os_error


class Opening(JournalCore):
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
                    self._write_checked(set_version(data, SCHEMA_VERSION))
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

    def _write_checked(self, data: dict[str, Any]) -> None:
        """Write ``data``, whose records are the checked ones with only ``meta`` changed
        (the gate does not read it), so the file written needs no second check."""
        checked = self._checked
        self._storage.write(data)
        if checked is not None:
            self._checked = (self._storage.signature, checked[1])

    def _write_fresh(self) -> None:
        data = {"meta": {"1": {"schema_version": SCHEMA_VERSION}}}
        self._storage.write(data)

    def _migrate(self, data: dict[str, Any]) -> None:
        old = self._version(data)
        try:
            migrated, _ = migrate(data)
            checked = check_journal(migrated)  # the same gate as every load
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
        self._checked = (self._storage.signature, checked)  # just checked: not again on read
        self.notice = f"Your journal was upgraded from schema {old} to {SCHEMA_VERSION}."
