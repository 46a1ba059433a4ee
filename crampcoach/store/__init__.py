"""The journal: durable, locked, versioned storage on TinyDB behind one API."""

from crampcoach.store.errors import (
    CorruptJournal,
    JournalError,
    JournalLocked,
    NewerJournal,
    WriteFailed,
)
from crampcoach.store.journal import Journal

__all__ = [
    "CorruptJournal",
    "Journal",
    "JournalError",
    "JournalLocked",
    "NewerJournal",
    "WriteFailed",
]
