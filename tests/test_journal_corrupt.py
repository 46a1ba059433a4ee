"""A bad journal file is never replaced (journal promise 5).

Each fixture damages a real journal the way crashes and tools do. Opening it must write
nothing, keep the file byte for byte, copy it aside as ``<name>.corrupt-<UTC>``, name it in
the message and point to the newest valid backup. The command line says so in one line.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from crampcoach.core.models import Episode
from crampcoach.store import CorruptJournal, Journal
from crampcoach.store.backups import list_backups

DAY1 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
DAY2 = DAY1 + timedelta(days=1)
LATER = DAY1 + timedelta(days=2, hours=3, minutes=4, seconds=5)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def episode(n: int) -> Episode:
    return Episode(
        started_at=datetime(2026, 11, 1 + n, 3, 10, tzinfo=UTC),
        side="left",
        locations=("calf",),
        notes=f"night {n}",
    )


@pytest.fixture
def good_journal(tmp_path: Path) -> Path:
    """A journal with three episodes and two valid daily backups (day 1 and day 2)."""
    path = tmp_path / "data" / "journal.json"
    j = Journal.open(path, now=lambda: DAY1)
    for n in range(3):
        j.add_episode(episode(n))
    j.close()
    j = Journal.open(path, now=lambda: DAY2)  # writes day 2's backup with the 3 episodes
    j.close()
    names = [p.name for p in list_backups(path.parent / "backups")]
    assert names == ["journal-2026-11-21.json", "journal-2026-11-20-after.json"]
    return path


def truncated(good: bytes) -> bytes:
    return good[: len(good) // 2]


def trailing_garbage(good: bytes) -> bytes:
    return good + b'\n{"episodes": 1}garbage'


def nul_filled(good: bytes) -> bytes:
    return b"\x00" * len(good)


def nul_hole(good: bytes) -> bytes:
    third = len(good) // 3
    return good[:third] + b"\x00" * third + good[2 * third :]


def empty(good: bytes) -> bytes:
    return b""


def whitespace(good: bytes) -> bytes:
    return b"  \n\n"


def json_array(good: bytes) -> bytes:
    return b"[1, 2, 3]"


def json_null(good: bytes) -> bytes:
    return b"null"


def table_not_records(good: bytes) -> bytes:
    return b'{"episodes": [{"started_at": "2026-11-22T03:10:00+01:00"}]}'


def not_utf8(good: bytes) -> bytes:
    return b"\xff\xfe" + good


DAMAGES: list[Callable[[bytes], bytes]] = [
    truncated,
    trailing_garbage,
    nul_filled,
    nul_hole,
    empty,
    whitespace,
    json_array,
    json_null,
    table_not_records,
    not_utf8,
]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda f: f.__name__)
def test_open_refuses_and_keeps_the_file(good_journal: Path, damage) -> None:
    path = good_journal
    bad = damage(path.read_bytes())
    path.write_bytes(bad)
    digest, mtime = sha256(path), path.stat().st_mtime_ns
    backups_before = snapshot(path.parent / "backups")

    with pytest.raises(CorruptJournal) as info:
        Journal.open(path, now=lambda: LATER)

    message = str(info.value)
    assert str(path) in message
    assert "kept" in message
    assert "nothing was written" in message
    newest = path.parent / "backups" / "journal-2026-11-21.json"
    assert str(newest) in message
    assert "\n" not in message
    assert info.value.path == path

    # Byte for byte the same, never rewritten.
    assert sha256(path) == digest
    assert path.stat().st_mtime_ns == mtime
    # Backups were neither added nor rotated (a bad file is not a backup).
    assert snapshot(path.parent / "backups") == backups_before
    # A copy aside, named with the UTC time, holding the same bytes.
    aside = path.with_name("journal.json.corrupt-20261122T150405Z")
    assert aside.exists(), sorted(p.name for p in path.parent.iterdir())
    assert aside.read_bytes() == bad
    assert str(aside) in message
    # Nothing else was left in the folder.
    leftovers = {p.name for p in path.parent.iterdir()}
    assert leftovers == {"journal.json", "journal.json.lock", "backups", aside.name}


def test_message_points_to_the_newest_valid_backup(good_journal: Path) -> None:
    path = good_journal
    # The newest backup is damaged too: the message must skip it.
    (path.parent / "backups" / "journal-2026-11-21.json").write_bytes(b"\x00\x00")
    path.write_bytes(truncated(path.read_bytes()))
    with pytest.raises(CorruptJournal) as info:
        Journal.open(path, now=lambda: LATER)
    message = str(info.value)
    assert str(path.parent / "backups" / "journal-2026-11-20-after.json") in message
    assert "journal-2026-11-21.json" not in message
    # Named with its date and what it holds.
    assert "(20 Nov 2026, 1 episode)" in message


def test_message_without_backups_says_so(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    path.write_bytes(b'{"episodes": {"1": {"started_at": "2026-11-2')
    digest = sha256(path)
    with pytest.raises(CorruptJournal) as info:
        Journal.open(path, now=lambda: LATER)
    assert "No backup holding data was found" in str(info.value)
    assert sha256(path) == digest


def test_empty_file_without_history_starts_a_journal(tmp_path: Path) -> None:
    """Only a zero-length file with no backups (nothing to lose) is started afresh."""
    path = tmp_path / "journal.json"
    path.write_bytes(b"")
    j = Journal.open(path, now=lambda: LATER)
    assert j.episodes() == []
    assert path.stat().st_size > 0


def test_restoring_the_named_backup_brings_the_entries_back(good_journal: Path) -> None:
    path = good_journal
    path.write_bytes(nul_filled(path.read_bytes()))
    with pytest.raises(CorruptJournal):
        Journal.open(path, now=lambda: LATER)
    (path.parent / "backups" / "journal-2026-11-21.json").replace(path)
    assert len(Journal.open(path, now=lambda: LATER).episodes()) == 3


@pytest.mark.parametrize("damage", [truncated, nul_filled, empty], ids=lambda f: f.__name__)
def test_open_journal_refuses_to_write_over_a_file_damaged_meanwhile(
    good_journal: Path, damage
) -> None:
    """Another tool damages the file while the app runs: the next save writes nothing."""
    path = good_journal
    j = Journal.open(path, now=lambda: LATER)
    assert len(j.episodes()) == 3
    bad = damage(path.read_bytes())
    path.write_bytes(bad)
    os.utime(path, ns=(1, 1))  # a different signature even on a coarse clock
    with pytest.raises(CorruptJournal):
        j.add_episode(episode(9))
    with pytest.raises(CorruptJournal):
        j.episodes()
    assert path.read_bytes() == bad


def test_a_corrupt_copy_is_not_duplicated_within_the_same_second(good_journal: Path) -> None:
    path = good_journal
    path.write_bytes(truncated(path.read_bytes()))
    for _ in range(3):
        with pytest.raises(CorruptJournal):
            Journal.open(path, now=lambda: LATER)
    assert len(list(path.parent.glob("journal.json.corrupt-*"))) == 1


# ---------------------------------------------------------------- through the command line


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CRAMPCOACH_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "crampcoach", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.mark.parametrize("damage", [truncated, nul_filled, empty], ids=lambda f: f.__name__)
def test_cli_log_refuses_a_corrupt_journal(good_journal: Path, damage) -> None:
    path = good_journal
    path.write_bytes(damage(path.read_bytes()))
    digest = sha256(path)
    result = run_cli(path.parent, "log", "--side", "left", "--location", "calf")
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert "journal-2026-11-21.json" in lines[0]
    assert "Saved" not in result.stdout
    assert sha256(path) == digest
    assert list(path.parent.glob("journal.json.corrupt-*"))


def test_cli_read_commands_refuse_a_corrupt_journal_too(good_journal: Path) -> None:
    path = good_journal
    path.write_bytes(truncated(path.read_bytes()))
    digest = sha256(path)
    result = run_cli(path.parent, "export", "--format", "json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert sha256(path) == digest
