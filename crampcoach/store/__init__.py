"""The journal: durable, locked, versioned storage on TinyDB behind one API."""

from crampcoach.store.atomic import atomic_write
from crampcoach.store.errors import (
    CorruptJournal,
    JournalError,
    JournalLocked,
    NewerJournal,
    RecordRefused,
    WriteFailed,
)
from crampcoach.store.journal import Journal
from crampcoach.store.pending import Kept, keep_episode
from crampcoach.store.storage import describe_os_error
from crampcoach.store.transfer import ImportRefused, export_csv, export_json, read_import_file

__all__ = [
    "CorruptJournal",
    "ImportRefused",
    "Journal",
    "JournalError",
    "JournalLocked",
    "Kept",
    "NewerJournal",
    "RecordRefused",
    "WriteFailed",
    "atomic_write",
    "describe_os_error",
    "export_csv",
    "export_json",
    "keep_episode",
    "read_import_file",
]
