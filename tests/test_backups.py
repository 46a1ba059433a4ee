"""Rolling daily backups (journal promise 6): at most once a day, validated, last 7 kept."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from crampcoach.core.models import Episode
from crampcoach.store import Journal
from crampcoach.store import backups as backups_mod
from crampcoach.store.backups import KEEP, list_backups, newest_valid_backup, write_backup
from crampcoach.store.storage import ParseFailure

START = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def episode(n: int) -> Episode:
    return Episode(started_at=START - timedelta(hours=n), notes=f"e{n}", id=f"ep{n}")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "journal.json"


def backup_dir(path: Path) -> Path:
    return path.parent / "backups"


def ids_in(file: Path) -> set[str]:
    return {d["id"] for d in orjson.loads(file.read_bytes()).get("episodes", {}).values()}


def test_at_most_one_backup_a_day(path: Path) -> None:
    clock = Clock(START)
    j = Journal.open(path, now=clock)
    for n in range(5):
        clock.now = START + timedelta(hours=n)  # same day, hours apart
        j.add_episode(episode(n))
    [only] = list_backups(backup_dir(path))
    # The journal was empty before the day's first change: nothing worth a copy then.
    # After the day's first save, a copy holding it.
    assert only.name == "journal-2026-11-01-after.json"
    first_bytes = only.read_bytes()
    assert ids_in(only) == {"ep0"}
    for n in range(5, 8):
        j.add_episode(episode(n))
        Journal.open(path, now=clock).close()
    assert list_backups(backup_dir(path)) == [only]
    assert only.read_bytes() == first_bytes  # never rewritten during the day

    clock.now = START + timedelta(days=1)
    j.add_episode(episode(9))
    names = [p.name for p in list_backups(backup_dir(path))]
    assert names == [
        "journal-2026-11-02-after.json",
        "journal-2026-11-02.json",
        "journal-2026-11-01-after.json",
    ]
    # The new day's first backup holds everything saved up to then; the one after its
    # first save holds that save too.
    assert ids_in(backup_dir(path) / names[1]) == {f"ep{n}" for n in range(8)}
    assert ids_in(backup_dir(path) / names[0]) == {f"ep{n}" for n in (*range(8), 9)}


def test_opening_alone_makes_the_days_backup(path: Path) -> None:
    clock = Clock(START)
    Journal.open(path, now=clock).add_episode(episode(0))
    clock.now = START + timedelta(days=3)
    Journal.open(path, now=clock).close()
    newest = list_backups(backup_dir(path))[0]
    assert newest.name == "journal-2026-11-04.json"
    assert ids_in(newest) == {"ep0"}


def test_only_the_last_seven_are_kept(path: Path) -> None:
    clock = Clock(START)
    j = Journal.open(path, now=clock)
    for day in range(12):
        clock.now = START + timedelta(days=day)
        j.add_episode(episode(day))
    files = list_backups(backup_dir(path))
    assert KEEP == 7
    assert [p.name for p in files] == [
        f"journal-{(START.date() + timedelta(days=d)).isoformat()}{tag}.json"
        for d in range(11, 4, -1)
        for tag in ("-after", "")
    ]
    for f in files:  # every kept backup is a whole, valid journal
        backups_mod.parse_journal_bytes(f.read_bytes())
    # Each day's first backup holds the episodes saved on the days before it.
    assert ids_in(files[1]) == {f"ep{d}" for d in range(11)}
    assert ids_in(files[0]) == {f"ep{d}" for d in range(12)}


def test_backups_are_validated_before_they_are_kept(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    with pytest.raises(ParseFailure):
        write_backup(folder, {"episodes": [1, 2, 3]}, date(2026, 11, 1))
    assert list_backups(folder) == []
    assert list(folder.iterdir()) == []  # no temp file left either


def test_backups_are_private_and_go_through_the_atomic_path(path: Path, monkeypatch) -> None:
    calls: list[Path] = []
    real = backups_mod.atomic_write

    def spy(target: Path, payload: bytes, mode: int = 0o600) -> None:
        calls.append(target)
        real(target, payload, mode)

    monkeypatch.setattr(backups_mod, "atomic_write", spy)
    j = Journal.open(path, now=Clock(START))
    j.add_episode(episode(0))
    [made] = list_backups(backup_dir(path))
    assert calls == [made]
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup_dir(path).stat().st_mode) == 0o700
    assert [p.name for p in backup_dir(path).iterdir()] == [made.name]


def test_a_failed_backup_does_not_block_saving(path: Path, monkeypatch) -> None:
    def refuse(target: Path, payload: bytes, mode: int = 0o600) -> None:
        raise OSError(28, "No space left on device")

    j = Journal.open(path, now=Clock(START))
    monkeypatch.setattr(backups_mod, "atomic_write", refuse)
    j.add_episode(episode(0))
    assert [e.id for e in Journal.open(path, now=Clock(START)).episodes()] == ["ep0"]
    monkeypatch.undo()
    j.add_episode(episode(1))  # the next change makes the missing backup
    assert [p.name for p in list_backups(backup_dir(path))] == [
        "journal-2026-11-01-after.json",
        "journal-2026-11-01.json",
    ]


def test_newest_valid_backup_skips_damaged_ones(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    for d in (1, 2, 3):
        write_backup(folder, {"episodes": {"1": {"id": f"d{d}"}}}, date(2026, 11, d))
    (folder / "journal-2026-11-03.json").write_bytes(b'{"episodes": ')
    (folder / "journal-2026-11-02.json").write_bytes(b"")
    assert newest_valid_backup(folder) == folder / "journal-2026-11-01.json"
    assert newest_valid_backup(tmp_path / "nowhere") is None


def test_a_backup_restores_to_a_working_journal(path: Path) -> None:
    clock = Clock(START)
    j = Journal.open(path, now=clock)
    for n in range(3):
        j.add_episode(episode(n))
    clock.now = START + timedelta(days=1)
    Journal.open(path, now=clock).close()
    newest = newest_valid_backup(backup_dir(path))
    restored = path.with_name("restored.json")
    restored.write_bytes(newest.read_bytes())
    assert {e.id for e in Journal.open(restored, now=clock).episodes()} == {"ep0", "ep1", "ep2"}


def _journal_with(n_episodes: int) -> dict:
    first = datetime(2023, 1, 1, 3, 10, tzinfo=UTC)
    eps = {
        str(i): {"id": f"e{i}", "started_at": (first + timedelta(days=i)).isoformat()}
        for i in range(n_episodes)
    }
    return {"episodes": eps, "meta": {"1": {"schema_version": 2}}}


def test_a_future_dated_backup_never_pins_a_slot(tmp_path: Path) -> None:
    """A backup written while the clock said 2099 used to stay forever, as the "newest"."""
    folder = tmp_path / "backups"
    today = date(2026, 12, 2)
    write_backup(folder, _journal_with(1), date(2099, 1, 1))
    for d in range(8):
        write_backup(folder, _journal_with(2), today - timedelta(days=d), today=today)
    names = [p.name for p in list_backups(folder, today)]
    assert "journal-2099-01-01.json" not in names
    assert len(names) == KEEP


def test_the_backup_named_holds_data_and_is_not_from_the_future(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    today = date(2026, 12, 2)
    write_backup(folder, _journal_with(0), date(2099, 1, 1))  # future, empty
    write_backup(folder, _journal_with(3), date(2099, 1, 2))  # future, with data
    write_backup(folder, _journal_with(0), today)  # today's first copy, empty
    write_backup(folder, _journal_with(1240), date(2026, 11, 30))
    damaged = _journal_with(5)
    damaged["episodes"]["0"]["tz"] = "Europe"  # parses, but fails the gate
    write_backup(folder, damaged, date(2026, 12, 1))
    good = backups_mod.newest_useful_backup(folder, today)
    assert good is not None
    assert good.path.name == "journal-2026-11-30.json"
    assert good.describe() == "30 Nov 2026, 1,240 episodes"
    assert backups_mod.newest_useful_backup(tmp_path / "nowhere", today) is None
