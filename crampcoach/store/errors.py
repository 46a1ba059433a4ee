"""Journal errors: each carries one message a person can act on."""

from __future__ import annotations

from pathlib import Path


class JournalError(Exception):
    """Something stops the journal from being used; ``str()`` says what to do."""

    title = "The journal cannot be used"

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class CorruptJournal(JournalError):
    title = "The journal could not be read"


class NewerJournal(JournalError):
    title = "The journal is from a newer crampcoach"


class JournalLocked(JournalError):
    title = "The journal is busy"


class WriteFailed(JournalError):
    title = "Could not save"


class JournalClosed(JournalError):
    title = "The journal is closed"


class RecordRefused(JournalError):
    """A record the gate refuses was about to be written; nothing was changed."""

    title = "Not saved"
