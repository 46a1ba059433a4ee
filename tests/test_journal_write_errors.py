"""Write errors are visible and lossless; stale temp files go (journal promises 7 and 8)."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from filelock import FileLock

from crampcoach.core.models import Episode, Settings
from crampcoach.store import Journal, JournalLocked, WriteFailed
from crampcoach.store.atomic import TEMP_SUFFIX, temp_prefix

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def episode(n: int, notes: str = "") -> Episode:
    return Episode(
        started_at=NOW - timedelta(days=n, hours=9),
        side="right",
        locations=("calf",),
        notes=notes or f"episode {n}",
    )


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.json"


@pytest.fixture
def journal(path: Path) -> Iterator[Journal]:
    j = Journal.open(path, now=lambda: NOW)
    j.add_episode(episode(1))
    j.add_episode(episode(2))
    yield j
    j.close()


class FailingWrites:
    """Make os.write fail on our temp files only (stdout, pytest and the rest unaffected)."""

    def __init__(self, monkeypatch, error: int, after_bytes: int = 0) -> None:
        self.error = error
        self.after_bytes = after_bytes
        self.calls = 0
        self.real = os.write
        monkeypatch.setattr(os, "write", self)

    def __call__(self, fd: int, data) -> int:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if target.endswith(TEMP_SUFFIX):
            self.calls += 1
            if self.after_bytes:
                # A partial write first, like a disk that fills up half-way.
                n = self.real(fd, bytes(data[: self.after_bytes]))
                self.after_bytes = 0
                return n
            raise OSError(self.error, os.strerror(self.error))
        return self.real(fd, data)


def temps(folder: Path) -> list[Path]:
    return sorted(folder.rglob(f"*{TEMP_SUFFIX}"))


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EROFS, "the disk is read-only"),
        (errno.EACCES, "permission was refused"),
        (errno.EDQUOT, "quota"),
    ],
)
def test_failed_write_is_reported_and_nothing_is_lost(
    journal: Journal, path: Path, monkeypatch, error: int, words: str
) -> None:
    before = path.read_bytes()
    pending = episode(3, notes="the entry still in the form")
    failing = FailingWrites(monkeypatch, error, after_bytes=100)

    with pytest.raises(WriteFailed) as info:
        journal.add_episode(pending)
    assert failing.calls >= 1
    message = str(info.value)
    assert words in message
    assert str(path) in message
    assert "try again" in message
    assert path.read_bytes() == before  # the old file, intact
    assert temps(path.parent) == []  # the half-written temp file was removed
    # The unsaved entry is not shown as saved, not even from memory.
    assert pending.id not in {e.id for e in journal.episodes()}

    monkeypatch.undo()  # room again: the retry of the very same entry succeeds
    journal.add_episode(pending)
    ids = [e.id for e in Journal.open(path, now=lambda: NOW).episodes()]
    assert len(ids) == 3
    assert ids.count(pending.id) == 1  # not duplicated by the failed attempt


def test_failed_update_and_delete_leave_memory_and_disk_as_they_were(
    journal: Journal, path: Path, monkeypatch
) -> None:
    first = journal.episodes()[0]
    before = path.read_bytes()
    FailingWrites(monkeypatch, errno.ENOSPC)
    with pytest.raises(WriteFailed):
        journal.update_episode(first.with_changes(notes="changed"))
    with pytest.raises(WriteFailed):
        journal.delete_episode(first.id)
    with pytest.raises(WriteFailed):
        journal.save_settings(Settings(bell=False))
    assert path.read_bytes() == before
    assert journal.get_episode(first.id) == first
    assert journal.settings() == Settings()
    monkeypatch.undo()
    assert journal.delete_episode(first.id) == first
    assert len(Journal.open(path, now=lambda: NOW).episodes()) == 1


def test_failed_open_of_a_new_journal_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "journal.json"
    FailingWrites(monkeypatch, errno.ENOSPC)
    with pytest.raises(WriteFailed) as info:
        Journal.open(path, now=lambda: NOW)
    assert "disk is full" in str(info.value)
    assert not path.exists()
    assert temps(tmp_path) == []


def test_failed_fsync_is_a_failed_save(journal: Journal, path: Path, monkeypatch) -> None:
    """fsync reports the delayed write error (e.g. EIO, ENOSPC on some filesystems)."""
    before = path.read_bytes()
    real = os.fsync

    def failing_fsync(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(TEMP_SUFFIX):
            raise OSError(errno.EIO, "Input/output error")
        real(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(WriteFailed):
        journal.add_episode(episode(5))
    assert path.read_bytes() == before
    assert temps(path.parent) == []


RLIMIT_CHILD = textwrap.dedent(
    """
    import resource, signal, sys
    from datetime import datetime, timezone
    from pathlib import Path
    from crampcoach.core.models import Episode
    from crampcoach.store import Journal, WriteFailed

    path = Path(sys.argv[1])
    journal = Journal.open(path)
    size = path.stat().st_size
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (size + 512, resource.RLIM_INFINITY))
    big = Episode(started_at=datetime.now(timezone.utc), notes="x" * 1900, id="big-one")
    try:
        journal.add_episode(big)
    except WriteFailed as exc:
        print("FAILED", exc)
        sys.exit(0)
    print("SAVED")
    """
)


def test_file_size_limit_in_a_real_process(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes the kernel refuse the write part-way, as a full disk does."""
    path = tmp_path / "journal.json"
    j = Journal.open(path)
    for n in range(3):
        j.add_episode(episode(n))  # the first change also writes today's backup
    before = path.read_bytes()
    script = tmp_path / "child.py"
    script.write_text(RLIMIT_CHILD)
    result = subprocess.run(
        [sys.executable, str(script), str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("FAILED"), result.stdout
    assert "past the allowed size" in result.stdout
    assert path.read_bytes() == before
    assert temps(tmp_path) == []
    # Without the limit, the same entry saves and nothing earlier is lost.
    j.add_episode(Episode(started_at=NOW, notes="x" * 1900, id="big-one"))
    ids = {e.id for e in Journal.open(path).episodes()}
    assert len(ids) == 4 and "big-one" in ids


# ---------------------------------------------------------------- temp hygiene


def stale_temp(path: Path, name: str = "deadbeef0001") -> Path:
    tmp = path.parent / f"{temp_prefix(path)}{name}{TEMP_SUFFIX}"
    tmp.write_bytes(b'{"half": ')
    return tmp


def test_stale_temp_files_are_removed_at_open(journal: Journal, path: Path) -> None:
    journal.close()
    old = stale_temp(path)
    other = stale_temp(path, "cafe00000002")
    backup_tmp = path.parent / "backups" / ".journal-2026-11-20.json.abc123.tmp"
    backup_tmp.write_bytes(b"[")
    unrelated = path.parent / "notes.tmp"
    unrelated.write_bytes(b"mine")
    Journal.open(path, now=lambda: NOW).close()
    assert not old.exists()
    assert not other.exists()
    assert not backup_tmp.exists()
    assert unrelated.exists()  # only our own temp names are touched


def test_stale_temps_are_only_removed_under_the_lock(journal: Journal, path: Path) -> None:
    """A temp file may belong to a live writer: while another holds the lock, keep it."""
    journal.close()
    live = stale_temp(path)
    holder = FileLock(str(path) + ".lock")
    with holder, pytest.raises(JournalLocked) as info:
        Journal.open(path, now=lambda: NOW, lock_timeout=0.2)
    assert "busy" in info.value.title or "Another crampcoach" in str(info.value)
    assert live.exists()
    Journal.open(path, now=lambda: NOW).close()
    assert not live.exists()


def test_cli_says_saved_only_after_the_write_returned(tmp_path: Path) -> None:
    """`crampcoach log` under a file-size limit: one clear line, exit 1, no "Saved"."""
    data = tmp_path / "data"
    path = data / "journal.json"
    j = Journal.open(path)
    j.add_episode(episode(1))  # today's backup exists, so only the journal save is left
    before = path.read_bytes()
    limit = len(before) + 200

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    env = {k: v for k, v in os.environ.items() if k != "CRAMPCOACH_DEBUG"}
    cmd = [sys.executable, "-m", "crampcoach", "--data-dir", str(data), "log", "--note"]
    result = subprocess.run(
        [*cmd, "y" * 1900],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        preexec_fn=limited,
    )
    assert result.returncode == 1, result
    assert "Saved" not in result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Could not save" in lines[0], result.stderr
    assert path.read_bytes() == before
    # The same command without the limit saves.
    again = subprocess.run([*cmd, "y" * 1900], capture_output=True, text=True, timeout=60, env=env)
    assert again.returncode == 0 and again.stdout.startswith("Saved"), again
    assert len(Journal.open(path).episodes()) == 2
