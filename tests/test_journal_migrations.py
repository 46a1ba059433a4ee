"""Versioned schema and newer files (journal promises 9, 10 and the migration backup of 6)."""

from __future__ import annotations

import copy
import errno
import hashlib
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest

from crampcoach.core.models import CheckIn, Episode, Profile, Settings
from crampcoach.store import CorruptJournal, Journal, NewerJournal, WriteFailed, migrations
from crampcoach.store import backups as backups_mod
from crampcoach.store import storage as storage_mod
from crampcoach.store.atomic import atomic_write

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)

V1 = {
    "episodes": {
        "1": {
            "id": "a1",
            "started_at": "2026-11-20T03:10:00+01:00",
            "location": "calf",
            "side": "left",
            "intensity": 6,
            "notes": "old style",
        },
        "2": {
            "id": "a2",
            "started_at": "2026-11-21T02:00:00+01:00",
            "location": None,
            "duration_s": 90,
        },
    },
    "settings": {"1": {"theme": "crampcoach-night-red", "bell": False}},
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_raw(path: Path, data: object) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = orjson.dumps(data)
    path.write_bytes(payload)
    return payload


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.json"


@pytest.fixture
def writes(monkeypatch) -> list[str]:
    """Every atomic write, in order, as 'journal' or 'backup:<name>'."""
    order: list[str] = []

    def spy_journal(target: Path, payload: bytes, mode: int = 0o600) -> None:
        order.append("journal")
        atomic_write(target, payload, mode)

    def spy_backup(target: Path, payload: bytes, mode: int = 0o600) -> None:
        order.append(f"backup:{target.name}")
        atomic_write(target, payload, mode)

    monkeypatch.setattr(storage_mod, "atomic_write", spy_journal)
    monkeypatch.setattr(backups_mod, "atomic_write", spy_backup)
    return order


# ---------------------------------------------------------------- migration


def test_v1_file_is_migrated_backed_up_first_and_written_once(
    path: Path, writes: list[str]
) -> None:
    original = write_raw(path, V1)
    j = Journal.open(path, now=lambda: NOW)

    pre = "journal-2026-11-22-pre-v2.json"
    assert writes[:2] == [f"backup:{pre}", "journal"]
    assert writes.count("journal") == 1
    # The pre-migration backup holds exactly the old data.
    backup = path.parent / "backups" / pre
    assert orjson.loads(backup.read_bytes()) == orjson.loads(original)

    data = orjson.loads(path.read_bytes())
    assert data["meta"] == {"1": {"schema_version": migrations.SCHEMA_VERSION}}
    eps = {e.id: e for e in j.episodes()}
    assert eps["a1"].locations == ("calf",)
    assert eps["a1"].source == "manual"
    assert eps["a2"].locations == ()
    assert eps["a2"].duration_s == 90
    assert j.settings().theme == "crampcoach-night-red"
    assert j.notice and "upgraded" in j.notice
    for doc in data["episodes"].values():
        assert "location" not in doc

    # Opening again migrates nothing and writes nothing new to the journal.
    writes.clear()
    again = Journal.open(path, now=lambda: NOW)
    assert "journal" not in writes
    assert again.notice is None
    assert {e.id for e in again.episodes()} == {"a1", "a2"}


def test_migration_steps_are_pure(path: Path) -> None:
    data = copy.deepcopy(V1)
    frozen = copy.deepcopy(data)
    migrated, start = migrations.migrate(data)
    assert start == 1
    assert data == frozen  # the input was not touched
    assert migrated["meta"]["1"]["schema_version"] == migrations.SCHEMA_VERSION
    # Idempotent at the current version.
    assert migrations.migrate(migrated)[0] == migrated


def test_v1_file_with_an_invalid_record_is_left_unchanged(path: Path, writes: list[str]) -> None:
    bad = copy.deepcopy(V1)
    bad["episodes"]["3"] = {"id": "a3", "started_at": "2026-11-21T02:00:00", "location": "calf"}
    write_raw(path, bad)
    digest, mtime = sha256(path), path.stat().st_mtime_ns
    with pytest.raises(CorruptJournal) as info:
        Journal.open(path, now=lambda: NOW)
    message = str(info.value)
    assert str(path) in message and "not changed" in message
    assert "started_at" in message
    assert sha256(path) == digest
    assert path.stat().st_mtime_ns == mtime
    assert "journal" not in writes


def test_a_step_that_raises_leaves_the_file_unchanged(
    path: Path, writes: list[str], monkeypatch
) -> None:
    def broken(data):
        raise RuntimeError("step exploded")

    monkeypatch.setitem(migrations.MIGRATIONS, 1, broken)
    write_raw(path, V1)
    digest = sha256(path)
    with pytest.raises(CorruptJournal) as info:
        Journal.open(path, now=lambda: NOW)
    assert "step exploded" in str(info.value)
    assert sha256(path) == digest
    assert "journal" not in writes


def test_a_missing_step_leaves_the_file_unchanged(path: Path, monkeypatch) -> None:
    monkeypatch.delitem(migrations.MIGRATIONS, 1)
    write_raw(path, V1)
    digest = sha256(path)
    with pytest.raises(CorruptJournal):
        Journal.open(path, now=lambda: NOW)
    assert sha256(path) == digest


@pytest.mark.parametrize("where", ["backup", "journal"])
def test_disk_full_during_migration_leaves_the_file_unchanged(
    path: Path, monkeypatch, where: str
) -> None:
    write_raw(path, V1)
    digest = sha256(path)

    def full(target: Path, payload: bytes, mode: int = 0o600) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    module = backups_mod if where == "backup" else storage_mod
    monkeypatch.setattr(module, "atomic_write", full)
    with pytest.raises(WriteFailed) as info:
        Journal.open(path, now=lambda: NOW)
    assert "disk is full" in str(info.value)
    assert sha256(path) == digest
    monkeypatch.undo()
    # Once there is room again the same file migrates fine.
    assert len(Journal.open(path, now=lambda: NOW).episodes()) == 2


# ---------------------------------------------------------------- newer files


def newer_file(path: Path, version: int = 99) -> bytes:
    return write_raw(
        path,
        {
            "meta": {"1": {"schema_version": version}},
            "episodes": {"1": {"id": "f1", "started_at": "2030-01-01T03:00:00+01:00"}},
            "hologram_table": {"1": {"x": 1}},
        },
    )


def test_newer_file_is_refused_and_never_written(path: Path, writes: list[str]) -> None:
    newer_file(path)
    digest, mtime = sha256(path), path.stat().st_mtime_ns
    with pytest.raises(NewerJournal) as info:
        Journal.open(path, now=lambda: NOW)
    message = str(info.value)
    assert "newer" in message
    assert str(path) in message
    assert "99" in message
    assert writes == []  # not the journal, not even a backup
    assert sha256(path) == digest
    assert path.stat().st_mtime_ns == mtime
    assert not list(path.parent.glob("*.corrupt-*"))


def test_write_after_another_process_upgraded_the_file(path: Path) -> None:
    """This instance opened a v2 file; a newer crampcoach upgraded it meanwhile."""
    j = Journal.open(path, now=lambda: NOW)
    j.add_episode(Episode(started_at=NOW))
    payload = orjson.dumps(
        {"meta": {"1": {"schema_version": 99}}, "episodes": {}, "new_table": {"1": {"a": 1}}}
    )
    atomic_write(path, payload)  # as the newer version would
    digest = sha256(path)
    attempts = [
        lambda: j.add_episode(Episode(started_at=NOW)),
        lambda: j.add_episodes([Episode(started_at=NOW)]),
        lambda: j.save_checkin(CheckIn(night=date(2026, 11, 21))),
        lambda: j.save_settings(Settings(bell=False)),
        lambda: j.save_profile(Profile(pregnant=True)),
        lambda: j.delete_episode("anything"),
    ]
    for attempt in attempts:
        with pytest.raises(NewerJournal) as info:
            attempt()
        assert "newer" in str(info.value)
    assert sha256(path) == digest


def test_cli_refuses_a_newer_file(path: Path) -> None:
    newer_file(path)
    digest = sha256(path)
    env = {k: v for k, v in os.environ.items() if k != "CRAMPCOACH_DEBUG"}
    result = subprocess.run(
        [sys.executable, "-m", "crampcoach", "--data-dir", str(path.parent), "log"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 1
    assert "newer" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert sha256(path) == digest


def test_current_version_file_is_opened_without_migration(path: Path, writes) -> None:
    write_raw(path, {"meta": {"1": {"schema_version": migrations.SCHEMA_VERSION}}})
    digest = sha256(path)
    Journal.open(path, now=lambda: NOW)
    assert "journal" not in writes
    assert sha256(path) == digest


def test_a_file_without_meta_gets_its_version_stamped_at_open(tmp_path):
    """Otherwise the first record would make it look like schema 1 on the next open."""
    import json

    from crampcoach.store import Journal
    from crampcoach.store.migrations import SCHEMA_VERSION

    path = tmp_path / "journal.json"
    path.write_text("{}")
    Journal.open(path).close()
    data = json.loads(path.read_text())
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
