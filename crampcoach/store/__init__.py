"""The journal: durable, locked, versioned storage on TinyDB behind one API."""

from crampcoach.store.atomic import atomic_write
from crampcoach.store.errors import (
    CorruptJournal,
    JournalError,
    JournalLocked,
    NewerJournal,
    WriteFailed,
)
from crampcoach.store.journal import Journal
from crampcoach.store.transfer import ImportRefused, export_csv, export_json, read_import_file

__all__ = [
    "CorruptJournal",
    "ImportRefused",
    "Journal",
    "JournalError",
    "JournalLocked",
    "NewerJournal",
    "WriteFailed",
    "atomic_write",
    "export_csv",
    "export_json",
    "read_import_file",
]
