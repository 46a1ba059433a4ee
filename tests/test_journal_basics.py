"""Journal basics: round trips, file modes, no write-back cache, close, unknown settings.

Journal promises 3 (no cache, nothing after close), 8 (modes of the journal, its folder,
temp files and lock) and the round trip of every record type.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson
import pytest

from crampcoach.core.models import CheckIn, Episode, Profile, RoutineRun, Settings
from crampcoach.store import Journal, JournalError
from crampcoach.store import atomic as atomic_mod
from crampcoach.store.errors import JournalClosed

BERLIN = ZoneInfo("Europe/Berlin")
NOON = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def fixed_now() -> datetime:
    return NOON


@pytest.fixture
def journal_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.json"


@pytest.fixture
def journal(journal_path: Path) -> Iterator[Journal]:
    j = Journal.open(journal_path, now=fixed_now)
    yield j
    j.close()


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Umask 0, so any mode we see is the one the code asked for, not the umask's doing."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def raw(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def full_episode(**changes) -> Episode:
    ep = Episode(
        started_at=datetime(2026, 11, 22, 3, 10, tzinfo=BERLIN),
        duration_s=150,
        side="left",
        locations=("calf", "foot"),
        intensity=7,
        woke_me=True,
        relief=("stretch", "walk"),
        triggers=("little-water", "caffeine"),  # vocabulary order
        red_flags=("numbness",),
        notes="woke at 3, stretched — better «after» 2 min ✓",
        source="first-aid",
        tz="Europe/Berlin",
    )
    return ep.with_changes(**changes) if changes else ep


# ---------------------------------------------------------------- round trips


def test_episode_round_trip_every_field(journal: Journal, journal_path: Path) -> None:
    ep = full_episode()
    journal.add_episode(ep)
    journal.close()
    again = Journal.open(journal_path, now=fixed_now)
    [back] = again.episodes()
    assert back == ep
    assert back.tz == "Europe/Berlin"
    assert back.started_at.utcoffset() == timedelta(hours=1)
    stored = next(iter(raw(journal_path)["episodes"].values()))
    assert stored["started_at"] == "2026-11-22T03:10:00+01:00"
    again.close()


def test_update_delete_and_get_episode(journal: Journal, journal_path: Path) -> None:
    a, b = full_episode(), full_episode(notes="second", side="right")
    journal.add_episode(a)
    journal.add_episode(b)
    changed = a.with_changes(intensity=3, notes="shorter")
    journal.update_episode(changed)
    assert Journal.open(journal_path, now=fixed_now).get_episode(a.id) == changed
    assert journal.delete_episode(b.id) == b
    assert journal.delete_episode(b.id) is None
    with pytest.raises(KeyError):
        journal.update_episode(b)
    assert [e.id for e in Journal.open(journal_path, now=fixed_now).episodes()] == [a.id]


def test_add_episodes_is_idempotent(journal: Journal) -> None:
    eps = [full_episode(started_at=datetime(2026, 11, d, 3, 0, tzinfo=BERLIN)) for d in (1, 2, 3)]
    assert journal.add_episodes(eps) == 3
    # The same episodes again (new ids, as from a re-import) add nothing.
    assert journal.add_episodes([e.with_changes(id=f"x{i}") for i, e in enumerate(eps)]) == 0
    assert len(journal.episodes()) == 3


def test_episodes_come_back_oldest_first(journal: Journal) -> None:
    late = full_episode(started_at=datetime(2026, 11, 22, 4, 0, tzinfo=UTC))
    early = full_episode(started_at=datetime(2026, 11, 20, 4, 0, tzinfo=UTC))
    journal.add_episode(late)
    journal.add_episode(early)
    assert [e.id for e in journal.episodes()] == [early.id, late.id]


def test_checkin_round_trip_and_one_per_night(journal: Journal, journal_path: Path) -> None:
    first = CheckIn(night=date(2026, 11, 21), water_glasses=6, caffeine_after_noon=True)
    journal.save_checkin(first)
    second = CheckIn(night=date(2026, 11, 21), water_glasses=8, tight_shoes=True)
    saved = journal.save_checkin(second)
    other = CheckIn(night=date(2026, 11, 20), alcohol=True, bedtime_routine=True)
    journal.save_checkin(other)
    back = Journal.open(journal_path, now=fixed_now).checkins()
    assert back == [other, saved]
    assert saved.id == first.id  # the night's check-in was replaced, not duplicated
    assert back[1].water_glasses == 8 and back[1].tight_shoes and not back[1].caffeine_after_noon


def test_routine_run_round_trip(journal: Journal, journal_path: Path) -> None:
    run = RoutineRun(
        routine_id="calf-first-aid",
        started_at=datetime(2026, 11, 22, 3, 11, tzinfo=BERLIN),
        ended_at=datetime(2026, 11, 22, 3, 16, 30, tzinfo=BERLIN),
        steps_completed=4,
        steps_total=5,
        finished=False,
        tz="Europe/Berlin",
    )
    journal.add_run(run)
    assert Journal.open(journal_path, now=fixed_now).runs() == [run]


def test_profile_round_trip(journal: Journal, journal_path: Path) -> None:
    assert journal.profile() == Profile()
    from crampcoach.core import vocab

    prof = Profile(
        age_band=vocab.AGE_BANDS[-1],
        pregnant=True,
        conditions=vocab.CONDITIONS[:2],
        medicines=vocab.MEDICINE_KINDS[:1],
        medicines_other="something else",
    )
    journal.save_profile(prof)
    assert Journal.open(journal_path, now=fixed_now).profile() == prof
    assert len(raw(journal_path)["profile"]) == 1


def test_settings_round_trip(journal: Journal, journal_path: Path) -> None:
    assert journal.settings() == Settings()
    s = Settings(
        theme="crampcoach-night-red",
        bell=False,
        flash=False,
        get_ready_s=5,
        night_boundary_hour=14,
        thresholds={"frequent_nights_7": 4.0},
        welcomed=True,
        last_side="both",
        last_locations=("calf", "toes"),
    )
    journal.save_settings(s)
    journal.save_settings(s)
    assert Journal.open(journal_path, now=fixed_now).settings() == s
    assert len(raw(journal_path)["settings"]) == 1


def test_settings_survive_unknown_keys(journal: Journal, journal_path: Path) -> None:
    """Keys a newer crampcoach added are kept when this one saves settings."""
    data = raw(journal_path)
    data["settings"] = {"1": {"theme": "crampcoach-dark", "from_the_future": {"x": [1, 2]}}}
    atomic_mod.atomic_write(journal_path, orjson.dumps(data))
    journal.save_settings(Settings(bell=False))
    [doc] = raw(journal_path)["settings"].values()
    assert doc["from_the_future"] == {"x": [1, 2]}
    assert doc["bell"] is False
    assert journal.settings().bell is False


def test_unreadable_settings_fall_back_to_defaults(journal: Journal, journal_path: Path) -> None:
    data = raw(journal_path)
    data["settings"] = {"1": {"theme": "neon", "get_ready_s": "lots", "bell": "maybe"}}
    atomic_mod.atomic_write(journal_path, orjson.dumps(data))
    assert journal.settings() == Settings()


# ---------------------------------------------------------------- no cache, close


def test_saved_is_on_disk_before_close(journal: Journal, journal_path: Path) -> None:
    """No write-back cache: when add_episode returns, the file on disk has the entry."""
    ep = full_episode()
    journal.add_episode(ep)
    ids = [d["id"] for d in raw(journal_path)["episodes"].values()]
    assert ids == [ep.id]
    journal.save_checkin(CheckIn(night=date(2026, 11, 21)))
    assert len(raw(journal_path)["checkins"]) == 1


def test_closed_journal_refuses_writes_and_reads(journal: Journal, journal_path: Path) -> None:
    journal.add_episode(full_episode())
    before = journal_path.read_bytes()
    journal.close()
    attempts = [
        lambda: journal.add_episode(full_episode(notes="after close")),
        lambda: journal.add_episodes([full_episode(notes="after close")]),
        lambda: journal.save_checkin(CheckIn(night=date(2026, 11, 21))),
        lambda: journal.add_run(RoutineRun("r", NOON, NOON + timedelta(minutes=1), 1, 1, True)),
        lambda: journal.save_settings(Settings(bell=False)),
        lambda: journal.save_profile(Profile(pregnant=True)),
        lambda: journal.episodes(),
    ]
    for attempt in attempts:
        with pytest.raises(JournalClosed) as info:
            attempt()
        assert isinstance(info.value, JournalError)
    assert journal_path.read_bytes() == before


def test_two_instances_see_each_others_writes(journal_path: Path) -> None:
    """Nothing is served from a stale in-memory copy after another writer changed the file."""
    a = Journal.open(journal_path, now=fixed_now)
    b = Journal.open(journal_path, now=fixed_now)
    e1 = a.add_episode(full_episode(notes="from a"))
    assert [e.id for e in b.episodes()] == [e1.id]
    e2 = b.add_episode(full_episode(notes="from b"))
    assert {e.id for e in a.episodes()} == {e1.id, e2.id}
    a.save_settings(Settings(bell=False))
    assert b.settings().bell is False


def test_unchanged_file_is_not_reread(journal: Journal, journal_path: Path, monkeypatch) -> None:
    """Saves stay fast: the file is parsed again only when (inode, size, mtime) changed."""
    journal.add_episode(full_episode())
    from crampcoach.store import storage

    reads: list[Path] = []
    real = storage.read_regular_file

    def counting(path: Path) -> bytes:
        if path == journal_path:
            reads.append(path)
        return real(path)

    monkeypatch.setattr(storage, "read_regular_file", counting)
    for i in range(5):
        journal.add_episode(full_episode(notes=f"n{i}"))
        journal.episodes()
    assert reads == []
    # Another writer replaces the file: the next read must notice.
    other = Journal.open(journal_path, now=fixed_now)
    other.add_episode(full_episode(notes="other"))
    reads.clear()
    assert len(journal.episodes()) == 7
    assert len(reads) == 1


# ---------------------------------------------------------------- modes


def test_new_journal_modes(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "fresh" / "journal.json"
    j = Journal.open(path, now=fixed_now)
    j.add_episode(full_episode())  # also writes the day's backup
    assert mode(path.parent) == 0o700
    assert mode(path) == 0o600
    assert mode(Path(str(path) + ".lock")) == 0o600
    assert mode(path.parent / "backups") == 0o700
    backups = list((path.parent / "backups").iterdir())
    assert backups and all(mode(b) == 0o600 for b in backups)


def test_temp_files_are_private_and_beside_the_journal(
    journal: Journal, journal_path: Path, monkeypatch, open_umask: None
) -> None:
    seen: list[tuple[Path, int]] = []
    real_replace = os.replace

    def spying_replace(src, dst, *args, **kwargs):
        seen.append((Path(src), stat.S_IMODE(os.stat(src).st_mode)))
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(atomic_mod.os, "replace", spying_replace)
    journal.add_episode(full_episode())
    journal.save_settings(Settings(bell=False))
    journal_temps = [(p, m) for p, m in seen if p.name.startswith(".journal.json.")]
    assert len(journal_temps) == 2
    for tmp, tmp_mode in journal_temps:
        assert tmp.parent == journal_path.parent
        assert tmp_mode == 0o600
        assert not tmp.exists()
    assert all(m == 0o600 for _, m in seen)


def test_reopening_tightens_a_loose_journal_mode(journal: Journal, journal_path: Path) -> None:
    journal.add_episode(full_episode())
    journal.close()
    os.chmod(journal_path, 0o644)
    Journal.open(journal_path, now=fixed_now).close()
    assert mode(journal_path) == 0o600


def test_every_save_leaves_mode_0600(journal: Journal, journal_path: Path) -> None:
    os.chmod(journal_path, 0o666)
    journal.add_episode(full_episode())
    assert mode(journal_path) == 0o600


def test_no_temp_files_left_after_saves(journal: Journal, journal_path: Path) -> None:
    for i in range(3):
        journal.add_episode(full_episode(notes=str(i)))
    leftovers = [p for p in journal_path.parent.rglob("*.tmp")]
    assert leftovers == []


def test_every_change_is_exactly_one_write(journal: Journal, monkeypatch) -> None:
    """A change is one atomic replace; two writes (e.g. truncate then insert) could be torn."""
    from crampcoach.store import storage as storage_mod

    writes: list[Path] = []
    real = storage_mod.atomic_write

    def spy(target: Path, payload: bytes, mode: int = 0o600) -> None:
        writes.append(target)
        real(target, payload, mode)

    monkeypatch.setattr(storage_mod, "atomic_write", spy)
    ep = full_episode()
    changes = [
        lambda: journal.add_episode(ep),
        lambda: journal.update_episode(ep.with_changes(notes="x")),
        lambda: journal.add_episodes([full_episode(started_at=NOON - timedelta(days=3))]),
        lambda: journal.delete_episode(ep.id),
        lambda: journal.save_checkin(CheckIn(night=date(2026, 11, 21))),
        lambda: journal.save_checkin(CheckIn(night=date(2026, 11, 21), alcohol=True)),
        lambda: journal.add_run(RoutineRun("r", NOON, NOON + timedelta(minutes=1), 1, 1, True)),
        lambda: journal.save_profile(Profile(pregnant=True)),
        lambda: journal.save_settings(Settings(bell=False)),
        lambda: journal.save_settings(Settings(bell=True)),
    ]
    for i, change in enumerate(changes):
        writes.clear()
        change()
        assert len(writes) == 1, f"change {i} wrote {len(writes)} times"
