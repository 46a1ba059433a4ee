"""The journal's TinyDB tables: changed on a copy, with the next id and an id index cached.

Those caches must never outlive the table they describe: another process's write, a failed
write and a change that fails half-way all make the journal read the file again.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from tinydb import Query

from crampcoach.core.models import Episode, RoutineRun
from crampcoach.store import Journal, RecordRefused, WriteFailed

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def episode(n: int, **changes) -> Episode:
    return Episode(started_at=NOW - timedelta(days=n, hours=9), side="left", **changes)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.json"


@pytest.fixture
def journal(path: Path) -> Iterator[Journal]:
    j = Journal.open(path, now=lambda: NOW)
    for n in range(1, 4):
        j.add_episode(episode(n))
    yield j
    j.close()


def on_disk(path: Path) -> dict[str, dict]:
    return orjson.loads(path.read_bytes())["episodes"]


def test_a_save_leaves_the_table_a_reader_holds_as_it_was(journal: Journal) -> None:
    """A reader on another thread (History's worker) may be going through the table it got:
    a save makes a new table (sharing the documents) rather than changing that one."""
    held = journal._storage.read()["episodes"]  # type: ignore[index]
    before = dict(held)
    journal.add_episode(episode(9))
    journal.delete_episode(journal.episodes()[0].id)
    assert held == before and len(held) == 3
    now = journal._storage.read()["episodes"]  # type: ignore[index]
    assert now is not held and len(now) == 3
    assert all(now[key] is held[key] for key in now if key in held)


def test_many_records_into_a_table_the_file_does_not_have_yet(path: Path) -> None:
    journal = Journal.open(path, now=lambda: NOW)
    assert journal.add_episodes([episode(n) for n in range(1, 6)]) == 5
    assert list(on_disk(path)) == ["1", "2", "3", "4", "5"]
    journal.add_episode(episode(6))
    assert list(on_disk(path))[-1] == "6"


def test_the_id_index_and_next_key_follow_another_process(journal: Journal, path: Path) -> None:
    journal.add_episode(episode(5))  # the index and the next key are cached now
    other = Journal.open(path, now=lambda: NOW)
    theirs = other.add_episode(episode(6))
    with pytest.raises(RecordRefused):
        journal.add_episode(theirs)  # an id the other process added is known at once
    mine = journal.add_episode(episode(7))
    keys = list(on_disk(path))
    assert len(keys) == len(set(keys)) == 6
    assert [d["id"] for d in on_disk(path).values()][-2:] == [theirs.id, mine.id]
    assert {e.id for e in other.episodes()} == {e.id for e in journal.episodes()}


def test_the_next_key_of_any_table_follows_another_process(path: Path) -> None:
    """TinyDB hands out its cached next id without looking at the table: a run added by
    another process in between must not make the next insert collide with it."""
    a = Journal.open(path, now=lambda: NOW)
    b = Journal.open(path, now=lambda: NOW)
    for i in range(4):
        start = NOW - timedelta(hours=i)
        (a if i % 2 == 0 else b).add_run(RoutineRun("calf", start, start, 1, 1, True))
    runs = orjson.loads(path.read_bytes())["routine_runs"]
    assert list(runs) == ["1", "2", "3", "4"]
    assert len(a.runs()) == len(b.runs()) == 4


def test_a_failed_write_leaves_no_id_behind(journal: Journal, path: Path, monkeypatch) -> None:
    journal.add_episode(episode(5))
    before = path.read_bytes()
    new = episode(6)

    def refuse(*_a, **_k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WriteFailed):
        journal.add_episode(new)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert new.id not in {e.id for e in journal.episodes()}
    journal.add_episode(new)  # not refused as "exists already"
    assert [d["id"] for d in on_disk(path).values()].count(new.id) == 1


def test_a_change_failing_half_way_is_forgotten(journal: Journal, path: Path) -> None:
    """An updater that edits a document and then fails leaves memory as the file is."""
    first = journal.episodes()[0]

    def edit_then_fail(doc: dict) -> None:
        doc["notes"] = "half a change"
        raise RuntimeError("fails after editing")

    with pytest.raises(RuntimeError), journal._change() as db:
        table = db.table("episodes")
        key = table.key_of(first.id)
        table.update(edit_then_fail, doc_ids=[int(key)])  # type: ignore[arg-type]
    assert journal.get_episode(first.id) == first
    assert journal._storage.read()["episodes"][key]["notes"] == first.notes  # type: ignore[index]
    journal.add_episode(episode(8))
    assert len(on_disk(path)) == 4


def test_update_delete_and_add_again_use_the_index(journal: Journal, path: Path) -> None:
    second = journal.episodes()[1]
    journal.update_episode(second.with_changes(notes="edited"))
    assert journal.get_episode(second.id).notes == "edited"  # type: ignore[union-attr]
    assert journal.delete_episode(second.id) is not None
    assert journal.delete_episode(second.id) is None
    with pytest.raises(KeyError):
        journal.update_episode(second)
    journal.add_episode(second)  # removed, so its id is free again
    ids = [d["id"] for d in on_disk(path).values()]
    assert ids.count(second.id) == 1 and len(ids) == 3


def test_query_results_are_not_served_from_an_older_file(journal: Journal, path: Path) -> None:
    with journal._change() as db:
        table = db.table("episodes")
        assert len(table.search(Query().side == "left")) == 3
    Journal.open(path, now=lambda: NOW).add_episode(episode(5))
    journal.episodes()  # reads the other process's file
    assert len(table.search(Query().side == "left")) == 4


def test_saves_on_top_of_their_own_reuse_the_id_index(journal: Journal, path: Path) -> None:
    """The index is built once per file read, not once per save (that scan cost ~1.5 ms at
    ten years of records); another process's write starts it over."""
    journal.add_episode(episode(5))
    table = journal._db.table("episodes")  # type: ignore[union-attr]
    index = table._keys
    assert index is not None
    new = journal.add_episode(episode(6))
    assert table._keys is index and index[new.id] == "5"
    Journal.open(path, now=lambda: NOW).add_episode(episode(7))
    journal.add_episode(episode(8))
    assert table._keys is not index and len(table._keys) == 7  # type: ignore[arg-type]
