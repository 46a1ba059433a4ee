"""A TinyDB storage that never leaves a half-written journal.

Stock JSONStorage rewrites the file in place and truncates it, so a crash mid-save
leaves invalid JSON (docs/journal-promises.md). This one writes atomically, caches nothing it
has not written, re-reads only when the file changed, and refuses files it cannot parse.
"""

from __future__ import annotations

import errno
import gc
import os
import stat
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from crampcoach.store.atomic import atomic_write
from crampcoach.store.errors import CorruptJournal, JournalClosed, WriteFailed

Signature = tuple[int, int, int, int]


def file_signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file; a FIFO or device raises instead of blocking forever."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


class ParseFailure(Exception):
    pass


def parse_journal_bytes(raw: bytes) -> dict[str, Any]:
    """Parse and shape-check a journal file; raise ParseFailure saying why."""
    if not raw.strip():
        raise ParseFailure("the file is empty")
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise ParseFailure(f"the file contains NUL bytes (from byte {nul})")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ParseFailure(f"it is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ParseFailure("it does not hold a table of records")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise ParseFailure(f"its table '{name}' is not a set of records")
    return data


def dump_journal(data: dict[str, Any]) -> bytes:
    # Keys keep TinyDB's insertion order: sorting them every save cost about as much as the
    # write itself with years of records, and nothing reads the file in key order.
    return orjson.dumps(data)


_WRITE_ERRORS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission was refused",
    errno.EPERM: "permission was refused",
    errno.EROFS: "the disk is read-only",
    errno.EFBIG: "the file grew past the allowed size",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EEXIST: "a file is in the way where a folder should be",
    errno.ENOENT: "it does not exist",
    errno.EINVAL: "it is not a regular file",
    errno.ELOOP: "it is a loop of symbolic links",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "the disk reported an input/output error",
}


def describe_os_error(exc: OSError) -> str:
    return _WRITE_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))


class AtomicJSONStorage(Storage):
    """Whole-file JSON storage with atomic replace and change detection."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._data: dict[str, Any] | None = None
        self._signature: Signature | None = None
        self._closed = False

    @property
    def signature(self) -> Signature | None:
        return self._signature

    def read(self) -> dict[str, Any] | None:
        if self._closed:
            raise JournalClosed("the journal was closed", self.path)
        sig = file_signature(self.path)
        if sig is None:
            self._data, self._signature = None, None
            return None
        if sig == self._signature and self._data is not None:
            return self._data
        try:
            raw = read_regular_file(self.path)
        except OSError as exc:
            raise CorruptJournal(
                f"Could not open {self.path}: {describe_os_error(exc)}.", self.path
            ) from None
        # Parsing makes ~10 objects per record; pausing the collector keeps it from
        # scanning them again and again while they are being built.
        gc_was_on = gc.isenabled()
        gc.disable()
        try:
            data = parse_journal_bytes(raw)
        except ParseFailure as exc:
            raise CorruptJournal(str(exc), self.path) from None
        finally:
            if gc_was_on:
                gc.enable()
        self._data, self._signature = data, sig
        return data

    def write(self, data: dict[str, Any]) -> None:
        if self._closed:
            raise JournalClosed("the journal was closed", self.path)
        payload = dump_journal(data)
        try:
            atomic_write(self.path, payload)
        except OSError as exc:
            # TinyDB may have changed the cached dict in place: forget it, re-read next time.
            self._data, self._signature = None, None
            raise WriteFailed(
                f"Could not save to {self.path}: {describe_os_error(exc)}. "
                "Nothing was lost: the journal is as it was before, and your entry is kept "
                "so you can try again.",
                self.path,
            ) from None
        self._data, self._signature = data, file_signature(self.path)

    def held(self) -> dict[str, Any] | None:
        """The data of the file version in ``signature`` (as last read or written), without
        looking at the disk."""
        return self._data

    def current_bytes(self) -> bytes | None:
        """The file's bytes if it is still the version this storage holds (the one last read
        or written, so they are known to parse); None if it changed or cannot be read."""
        if self._signature is None or self._data is None:
            return None
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            sig = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
            if not stat.S_ISREG(st.st_mode) or sig != self._signature:
                return None
            chunks = []
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
        except OSError:
            return None
        finally:
            os.close(fd)
        raw = b"".join(chunks)
        return raw if len(raw) == st.st_size else None

    def invalidate(self) -> None:
        self._data, self._signature = None, None

    def close(self) -> None:
        self._closed = True
        self._data = None
