"""Atomic, durable file replacement: temp file in the same folder, fsync, rename, fsync dir.

A kill -9 at any instant leaves either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_prefix(target: Path) -> str:
    return f".{target.name}."


def atomic_write(target: Path, payload: bytes, mode: int = 0o600) -> None:
    """Replace ``target`` with ``payload`` durably; on error the old file is untouched."""
    folder = target.parent
    tmp = folder / f"{temp_prefix(target)}{secrets.token_hex(6)}{TEMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; some filesystems refuse, which is harmless.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def has_stale_temps(target: Path) -> bool:
    return next(target.parent.glob(f"{temp_prefix(target)}*{TEMP_SUFFIX}"), None) is not None


def remove_stale_temps(target: Path) -> list[Path]:
    """Delete temp files a killed writer left behind. Call only while holding the lock."""
    removed = []
    for tmp in target.parent.glob(f"{temp_prefix(target)}*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed.append(tmp)
    return removed
