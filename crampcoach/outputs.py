"""Writing an export or a report where the person asked, without ever clobbering.

One function for the command line's ``-o`` and the app's export and report:

- ``-`` is standard output;
- the journal, its lock, its temp files, its corrupt copies and anything in its backups
  folder are refused (compared by real path and by inode, so a link or another spelling
  of the same file is caught);
- a folder is refused;
- a FIFO or a device (``/dev/null``, a terminal) is written into, never replaced;
- a regular file is replaced atomically, keeping its permissions; a new file is 0600.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from crampcoach import paths


class OutputRefused(ValueError):
    """The target may not be written (bad input: exit 2). Nothing was written."""


class OutputFailed(Exception):
    """Writing failed (a full disk, no permission...). The message says which."""


def _protected(data_dir: Path) -> tuple[set[str], set[tuple[int, int]], Path, Path]:
    journal = paths.journal_path(data_dir)
    names = {
        os.path.realpath(journal),
        os.path.realpath(f"{journal}.lock"),
        os.path.realpath(journal.parent / "theme"),
    }
    inodes: set[tuple[int, int]] = set()
    folder = Path(os.path.realpath(journal)).parent
    backups = Path(os.path.realpath(paths.backups_dir(data_dir)))
    candidates = [journal, Path(f"{journal}.lock")]
    for where in {journal.parent, folder}:
        try:
            candidates += [p for p in where.iterdir() if p.name.startswith(".journal.json.")]
            candidates += [p for p in where.iterdir() if p.name.startswith("journal.json.")]
        except OSError:
            pass
    with contextlib.suppress(OSError):
        candidates += list(backups.iterdir())
    for p in candidates:
        try:
            st = os.stat(p)
        except OSError:
            continue
        inodes.add((st.st_dev, st.st_ino))
    return names, inodes, folder, backups


def _is_journal_file(real: Path, folder: Path, backups: Path) -> bool:
    if real.parent == backups or backups in real.parents:
        return True
    if real.parent != folder:
        return False
    name = real.name
    return name.startswith((".journal.json.", "journal.json.")) or name == "journal.json"


def check_target(output: str, data_dir: Path) -> Path:
    """The real path ``output`` would write to; raise OutputRefused if it may not."""
    if not output:
        raise OutputRefused("-o needs a file name, or - for standard output")
    if "\x00" in output:
        raise OutputRefused("-o: the file name contains a NUL character")
    try:
        target = Path(output).expanduser()
    except RuntimeError:
        raise OutputRefused(f"-o {output}: that user's home folder is unknown") from None
    real = Path(os.path.realpath(target))
    names, inodes, folder, backups = _protected(data_dir)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputFailed(f"cannot use {output}: {_why(exc)}") from None
    journal_like = (
        str(real) in names
        or _is_journal_file(real, folder, backups)
        or (st is not None and (st.st_dev, st.st_ino) in inodes)
    )
    if journal_like:
        raise OutputRefused(
            f"-o {output} is the journal or one of its backups; it was not touched. "
            "Write the export somewhere else."
        )
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputRefused(f"-o {output} is a folder; give a file name")
    if st is not None and stat.S_ISSOCK(st.st_mode):
        raise OutputRefused(f"-o {output} is a socket; give a file name")
    if st is None and not real.parent.is_dir():
        raise OutputRefused(f"-o {output}: the folder {real.parent} does not exist")
    return real


def write_output(
    payload: bytes, output: str, data_dir: Path, *, stdout: BinaryIO | None = None
) -> str:
    """Write ``payload`` to ``output`` (``-`` = standard output) safely; return where, in
    words ("standard output" or the path). Raises OutputRefused (the target is the journal,
    a backup, a folder...) or OutputFailed (the disk said no)."""
    if output == "-":
        out = stdout if stdout is not None else sys.stdout.buffer
        try:
            out.write(payload)
            out.flush()
        except OSError as exc:
            raise OutputFailed(f"could not write to standard output: {_why(exc)}") from None
        return "standard output"
    real = check_target(output, data_dir)
    try:
        st = os.stat(real)
    except OSError:
        st = None
    try:
        if st is not None and not stat.S_ISREG(st.st_mode):
            # A FIFO or a device: write into it; replacing it would break it (/dev/null).
            fd = os.open(real, os.O_WRONLY)
            try:
                view = memoryview(payload)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
        else:
            from crampcoach.store.atomic import atomic_write

            atomic_write(real, payload, mode=0o600, keep_mode=True)
    except OSError as exc:
        raise OutputFailed(f"could not write {output}: {_why(exc)}") from None
    return str(real)


def _why(exc: OSError) -> str:
    from crampcoach.store.storage import describe_os_error

    return describe_os_error(exc)
