"""The one journal API the app and the command line use.

What TinyDB does: it is the database. The file holds its tables (episodes, checkins,
routine_runs, doctor_visits, trials, profile, settings, meta), each a set of documents
under numeric keys, and every change to a record table is a TinyDB table operation
(insert, update, remove; a Query where one serves). Its tables are ``tinydb_table``'s:
TinyDB's own operations, minus re-keying the whole table twice and scanning it for the
next id on every change.

What the journal adds around it:

- atomic storage (``storage.AtomicJSONStorage``): each change is one write of the whole
  file to a temp file, fsynced, renamed over the journal and the folder fsynced, so a crash
  leaves the old file or the new one, never a mix; the file is parsed again only when
  another process changed it;
- the lock: each change holds an OS file lock, so two crampcoach processes take turns,
  and reads the file again first if the other one wrote it (``journal_core``);
- the gate: every record read, and every record about to be written, passes the validators
  in core, and a file holding a record they refuse is never changed;
- versions, backups and repair: schema upgrades, daily backups, and messages that say what
  to do with a damaged file (``journal_open``, ``backups``, ``migrations``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crampcoach.store.journal_core import LOCK_TIMEOUT_S
from crampcoach.store.journal_episodes import EpisodeRecords
from crampcoach.store.journal_open import Opening
from crampcoach.store.journal_records import DayRecords
from crampcoach.store.journal_trials import TrialRecords

__all__ = ["LOCK_TIMEOUT_S", "Journal"]


class Journal(Opening, EpisodeRecords, DayRecords, TrialRecords):
    """A journal file: open it with ``Journal.open(path)``; every method reads or changes it."""

    @classmethod
    def open(cls, path: Path, **kwargs: Any) -> Journal:
        journal = cls(path, **kwargs)
        journal._prepare()
        # First-aid episodes kept aside while the journal could not be used: merged once.
        from crampcoach.store.pending import merge_into

        merge_into(journal)
        return journal
