"""The checked records a journal keeps between reads.

After a save, the records the save wrote (each through the gate again) become the journal's
checked records, so the next read checks nothing more; a file read from disk (another
process wrote it) is checked whole, and a damaged record is refused with the same message
as ever. Whatever the path, a read returns exactly the records the file on disk holds.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import Query

from crampcoach.core import validate_journal
from crampcoach.core.doctor_visit import DoctorVisit
from crampcoach.core.models import CheckIn, Episode, Profile, RoutineRun, Settings
from crampcoach.core.trial import new_trial
from crampcoach.store import CorruptJournal, Journal, RecordRefused, journal_core
from crampcoach.store.atomic import atomic_write
from crampcoach.store.storage import parse_journal_bytes

NOON = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
BASE = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)


def fixed_now() -> datetime:
    return NOON


def on_disk(path: Path) -> validate_journal.Records:
    """What a fresh, whole check of the file gives."""
    return validate_journal.check_records(parse_journal_bytes(path.read_bytes()))


def assert_same(journal: Journal, path: Path) -> None:
    """Every field of every record, in order (repr: a visit's profile is left out of ==)."""
    assert repr(journal._load()) == repr(on_disk(path))


@contextmanager
def counting_checks() -> Iterator[dict[str, int]]:
    """Count whole-journal checks in the journal, and records through the load gate."""
    counts = {"whole": 0, "records": 0}
    real_check = journal_core.check_journal

    def whole(data: Any) -> Any:
        counts["whole"] += 1
        return real_check(data)

    def counted(build: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def run(doc: Any) -> Any:
            counts["records"] += 1
            return build(doc)

        return run

    many = {name: counted(build) for name, build in validate_journal.MANY.items()}
    with (
        mock.patch.object(journal_core, "check_journal", whole),
        mock.patch.dict(validate_journal.MANY, many),
    ):
        yield counts


def episode(n: int, minutes: int = 0, **changes: Any) -> Episode:
    return Episode(
        started_at=BASE + timedelta(minutes=minutes),
        side="left",
        locations=("calf",),
        notes=f"e{n}",
        id=f"ep{n}",
        **changes,
    )


def filled(path: Path, count: int = 30) -> Journal:
    journal = Journal.open(path, now=fixed_now)
    journal.add_episodes(episode(n, minutes=n * 60) for n in range(count))
    journal.add_checkins(
        CheckIn(night=date(2026, 10, 1) + timedelta(days=n), id=f"c{n}") for n in range(count)
    )
    return journal


def write_raw(path: Path, data: Any) -> None:
    atomic_write(path, orjson.dumps(data))


def why(exc: pytest.ExceptionInfo[CorruptJournal]) -> str:
    """The message up to where it says where the file was kept (the first refusal also
    keeps a copy aside, and says so)."""
    return str(exc.value).split(". It was kept")[0]


# ---------------------------------------------------------------- after a save


SAVES: dict[str, Callable[[Journal], Any]] = {
    "add": lambda j: j.add_episode(episode(100, minutes=90)),
    "add, same start as another": lambda j: j.add_episode(episode(101, minutes=60)),
    "update": lambda j: j.update_episode(episode(3, minutes=5, intensity=4)),
    "update, onto another's start": lambda j: j.update_episode(episode(3, minutes=600)),
    "delete": lambda j: j.delete_episode("ep4"),
    "import": lambda j: j.add_episodes([episode(102, minutes=7), episode(103, minutes=7)]),
    "check-in, new night": lambda j: j.save_checkin(CheckIn(night=date(2026, 12, 1))),
    "check-in, replaced": lambda j: j.save_checkin(
        CheckIn(night=date(2026, 10, 3), water_glasses=5)
    ),
    "check-ins, same night twice": lambda j: j.add_checkins(
        [CheckIn(night=date(2026, 10, 5)), CheckIn(night=date(2026, 10, 5))]
    ),
    "run": lambda j: j.add_run(
        RoutineRun("calf-stretch", BASE, BASE + timedelta(minutes=2), 3, 3, True)
    ),
    "visit": lambda j: j.add_doctor_visit(
        DoctorVisit(date(2026, 11, 2), "ok", profile=Profile(pregnant=True))
    ),
    "profile": lambda j: j.save_profile(Profile(pregnant=True)),
    "settings": lambda j: j.save_settings(Settings(bell=False)),
    "trial": lambda j: j.start_trial(new_trial("no-caffeine", NOON, 7), NOON),
}


@pytest.mark.parametrize("name", list(SAVES))
def test_the_read_after_a_save_is_the_disks_and_checks_only_what_the_save_wrote(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / "journal.json"
    journal = filled(path)
    journal.episodes()
    with counting_checks() as counts:
        SAVES[name](journal)
        records = journal._load()
        journal.episodes()
    assert counts["whole"] == 0  # no check of the whole journal, in the save or the read
    assert counts["records"] <= 2  # only the records the save wrote went through the gate
    assert repr(records) == repr(on_disk(path))


def test_trial_changes_check_only_the_trial(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    journal = filled(path)
    trial = journal.start_trial(new_trial("no-caffeine", NOON, 7), NOON)
    with counting_checks() as counts:
        journal.set_trial_kept(trial.id, trial.first_night, True)
        journal.stop_trial(trial.id, NOON + timedelta(days=1))
        journal.trials()
    assert counts == {"whole": 0, "records": 2}
    assert_same(journal, path)


def test_an_update_by_query_is_checked_wherever_it_may_have_written(tmp_path: Path) -> None:
    """An updater handed every document may have edited any: each is checked again."""
    path = tmp_path / "journal.json"
    journal = filled(path, count=10)
    journal.episodes()
    with counting_checks() as counts, journal._change() as db:
        db.table("episodes").update({"notes": "all"}, Query().side == "left")
    assert counts["whole"] == 0
    assert counts["records"] == 10
    assert [e.notes for e in journal.episodes()] == ["all"] * 10
    assert_same(journal, path)


def test_a_damaged_record_written_by_a_change_is_refused_on_the_next_read(
    tmp_path: Path,
) -> None:
    """A record the gate refuses, if one ever got past the write gate, is not taken as
    checked: the next read checks the whole file and names it, as opening the file does."""
    path = tmp_path / "journal.json"
    journal = filled(path, count=5)
    journal.episodes()
    with journal._change() as db:
        db.table("episodes").insert({"id": "bad", "started_at": "not a time"})
    with pytest.raises(CorruptJournal) as read:
        journal.episodes()
    with pytest.raises(CorruptJournal) as opened:
        Journal.open(path, now=fixed_now)
    assert "table 'episodes', record 6 (id bad), field 'started_at'" in str(read.value)
    assert why(read) == why(opened)


def test_a_duplicate_id_written_by_a_change_is_refused_on_the_next_read(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    journal = filled(path, count=5)
    journal.episodes()
    with journal._change() as db:
        db.table("episodes").insert(dict(db.table("episodes").get(doc_id=2) or {}))
    with pytest.raises(CorruptJournal, match="is used by two records in this table"):
        journal.episodes()


def test_a_table_written_in_place_is_checked_whole(tmp_path: Path) -> None:
    """A write the log does not describe (here the whole data edited in place) leaves the
    whole check to the next read."""
    path = tmp_path / "journal.json"
    journal = filled(path, count=5)
    journal.episodes()
    with journal._change():
        data = journal._storage.read()
        assert data is not None
        data["episodes"]["1"]["notes"] = "edited in place"
        journal._storage.write(data)
    with counting_checks() as counts:
        assert journal.episodes()[0].notes == "edited in place"
    assert counts["whole"] == 1
    assert_same(journal, path)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["add", "update", "delete", "import", "checkin", "checkins"]),
            st.integers(0, 7),  # which record
            st.integers(0, 3),  # a start or night from a few, so ties are common
        ),
        max_size=14,
    )
)
def test_any_run_of_saves_reads_back_what_a_whole_check_of_the_file_gives(
    steps: list[tuple[str, int, int]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "journal.json"
        journal = Journal.open(path, now=fixed_now)
        journal.add_episodes([episode(0), episode(1, minutes=1)])
        with counting_checks() as counts:
            for op, n, slot in steps:
                ep = episode(n, minutes=slot, intensity=slot + 1)
                if op == "add" and journal.get_episode(ep.id) is None:
                    journal.add_episode(ep)
                elif op == "update" and journal.get_episode(ep.id) is not None:
                    journal.update_episode(ep)
                elif op == "delete":
                    journal.delete_episode(ep.id)
                elif op == "import":
                    # Refused whole when an id is there with other content: nothing written.
                    with contextlib.suppress(RecordRefused):
                        journal.add_episodes([episode(n + 10, minutes=slot), episode(n + 20)])
                elif op == "checkin":
                    journal.save_checkin(CheckIn(night=date(2026, 11, 1 + slot), water_glasses=n))
                elif op == "checkins":
                    journal.add_checkins([CheckIn(night=date(2026, 11, 1 + slot))])
                assert repr(journal._load()) == repr(on_disk(path))
        assert counts["whole"] == 0
        journal.close()


# ---------------------------------------------------------------- a file from disk


def test_another_processs_write_is_checked_whole(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    mine = filled(path, count=20)
    mine.episodes()
    other = Journal.open(path, now=fixed_now)
    other.add_episode(episode(50, minutes=3))
    with counting_checks() as counts:
        episodes = mine.episodes()
    assert counts["whole"] == 1
    assert counts["records"] == 20 + 1 + 20  # every episode and every check-in
    assert [e.id for e in episodes] == [e.id for e in on_disk(path).episodes]
    assert_same(mine, path)


def test_a_damaged_record_on_disk_is_refused_after_a_cached_read(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    journal = filled(path, count=5)
    journal.add_episode(episode(9, minutes=2))
    assert len(journal.episodes()) == 6  # served from the checked records
    data = orjson.loads(path.read_bytes())
    data["episodes"]["2"]["intensity"] = 99  # another program damages one record
    write_raw(path, data)
    damaged = path.read_bytes()
    with pytest.raises(CorruptJournal) as read:
        journal.episodes()
    with pytest.raises(CorruptJournal) as opened:
        Journal.open(path, now=fixed_now)
    assert "table 'episodes', record 2 (id ep1), field 'intensity'" in str(read.value)
    assert why(read) == why(opened)
    with pytest.raises(CorruptJournal):
        journal.add_episode(episode(10))  # nor is it changed
    assert path.read_bytes() == damaged


def test_a_file_replaced_with_the_same_records_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    journal = filled(path, count=5)
    before = repr(journal._load())
    write_raw(path, orjson.loads(path.read_bytes()))  # same content, a new file
    with counting_checks() as counts:
        assert repr(journal._load()) == before
    assert counts["whole"] == 1


# ---------------------------------------------------------------- opening


def test_opening_checks_the_journal_once(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    filled(path, count=5).close()
    with counting_checks() as counts:
        journal = Journal.open(path, now=fixed_now)
        journal.episodes()
        journal.checkins()
    assert counts == {"whole": 1, "records": 10}


def test_an_upgraded_journal_is_checked_once(tmp_path: Path) -> None:
    """The upgrade checks the migrated records before writing them; reading them after
    opening checks nothing again."""
    path = tmp_path / "journal.json"
    filled(path, count=3).close()
    data = orjson.loads(path.read_bytes())
    del data["meta"]  # records and no meta: schema 1
    write_raw(path, data)
    with counting_checks() as counts:
        journal = Journal.open(path, now=fixed_now)
        journal.episodes()
    assert journal.notice is not None and "upgraded" in journal.notice
    assert counts["records"] == 6  # three episodes and three check-ins, once
    assert_same(journal, path)


def test_the_days_first_backup_is_the_journal_files_own_bytes(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    journal = filled(path, count=3)
    journal.close()
    for old in (tmp_path / "backups").iterdir():
        old.unlink()
    Journal.open(path, now=fixed_now).close()
    [made] = (tmp_path / "backups").iterdir()
    assert made.read_bytes() == path.read_bytes()


def test_current_bytes_are_none_once_the_file_changed(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    journal = filled(path, count=3)
    journal.episodes()
    assert journal._storage.current_bytes() == path.read_bytes()
    write_raw(path, {"meta": {"1": {"schema_version": 2}}})
    assert journal._storage.current_bytes() is None


def test_a_record_id_that_is_a_list_is_refused_not_a_crash(tmp_path: Path) -> None:
    """Ids are looked up while checking: one that cannot be (a list) refuses the journal
    with the record named, like any damaged record."""
    path = tmp_path / "journal.json"
    filled(path, count=2).close()
    data = orjson.loads(path.read_bytes())
    data["doctor_visits"] = {"1": {"id": ["v"], "seen_on": "2026-11-02"}}
    write_raw(path, data)
    with pytest.raises(CorruptJournal, match="table 'doctor_visits', record 1, field 'id'"):
        Journal.open(path, now=fixed_now)
