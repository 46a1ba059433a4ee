"""Atomic, durable file replacement: temp file in the same folder, fsync, rename, fsync dir.

A kill -9 at any instant leaves either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_prefix(target: Path) -> str:
    return f".{target.name}."


def atomic_write(
    target: Path, payload: bytes, mode: int = 0o600, *, keep_mode: bool = False
) -> None:
    """Replace ``target`` with ``payload`` durably; on error the old file is untouched.

    A symbolic link is followed: the file it points to is replaced and the link stays,
    so a journal kept elsewhere through a link is written through, never swapped for a
    regular file. With ``keep_mode`` an existing file keeps its permission bits;
    otherwise (and for a new file) the file gets ``mode``.
    """
    target = Path(os.path.realpath(target)) if os.path.islink(target) else Path(target)
    if keep_mode:
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(os.stat(target).st_mode)
    folder = target.parent
    tmp = folder / f"{temp_prefix(target)}{secrets.token_hex(6)}{TEMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        try:
            os.fchmod(fd, mode)  # the umask must not widen nor narrow it
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


def make_private_dirs(folder: Path) -> None:
    """Create ``folder`` and any missing parents as 0700 (under any umask, even 000), and
    make an existing data folder 0700 too. A shared folder (sticky, like /tmp) or the home
    folder itself is left as it is: its mode is not ours to change."""
    folder = Path(folder)
    missing = []
    probe = folder
    while not probe.exists():
        if probe.is_symlink():  # a dangling link: mkdir would fail; report it as is
            break
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for part in reversed(missing):
        try:
            os.mkdir(part, 0o700)
        except FileExistsError:
            if not part.is_dir():
                raise
        else:
            os.chmod(part, 0o700)  # mkdir's mode is masked by the umask
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
    try:
        st = os.stat(folder)
        shared = st.st_mode & stat.S_ISVTX or folder.resolve() in (
            Path.home().resolve(),
            Path("/"),
        )
        if stat.S_IMODE(st.st_mode) != 0o700 and not shared:
            os.chmod(folder, 0o700)
    except (OSError, RuntimeError):
        pass  # not our folder, or a read-only disk: reading still works


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


def _real(target: Path) -> Path:
    return Path(os.path.realpath(target)) if os.path.islink(target) else target


def has_stale_temps(target: Path) -> bool:
    target = _real(target)
    return next(target.parent.glob(f"{temp_prefix(target)}*{TEMP_SUFFIX}"), None) is not None


def remove_stale_temps(target: Path) -> list[Path]:
    """Delete temp files a killed writer left behind. Call only while holding the lock."""
    removed = []
    target = _real(target)
    for tmp in target.parent.glob(f"{temp_prefix(target)}*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed.append(tmp)
    return removed
