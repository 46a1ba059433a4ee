"""First-aid episodes kept aside when the journal cannot take them, merged once later."""

from __future__ import annotations

import errno
import os
import stat
from datetime import datetime
from pathlib import Path

import pytest

from crampcoach import paths
from crampcoach.core.models import RoutineRun
from crampcoach.store import Journal, WriteFailed, pending
from tests.ui_support import NOW, ZONE, episode, open_journal


def a_run() -> RoutineRun:
    return RoutineRun(
        routine_id="first-aid-calf",
        started_at=NOW,
        ended_at=datetime(2026, 11, 22, 7, 33, tzinfo=ZONE),
        steps_completed=6,
        steps_total=6,
        finished=True,
        tz="Europe/Berlin",
    )


def test_a_pending_file_is_private_durable_and_passes_the_gate(tmp_path: Path) -> None:
    ep = episode("2026-11-22 03:10", duration_s=200, locations=["calf"], source="first-aid")
    run = a_run()
    path = pending.write_pending(tmp_path, ep, [run])
    assert path.parent == tmp_path / "pending"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    back, runs = pending.read_pending(path)
    assert back == ep and runs == [run]
    assert not list(path.parent.glob("*.tmp"))


def test_the_next_good_open_merges_it_exactly_once(tmp_path: Path) -> None:
    ep = episode("2026-11-22 03:10", duration_s=200, locations=["calf"], source="first-aid")
    pending.write_pending(tmp_path, ep, [a_run()])
    journal = open_journal(tmp_path)
    assert [e.id for e in journal.episodes()] == [ep.id]
    assert len(journal.runs()) == 1
    assert journal.notice and "1 cramp" in journal.notice
    assert pending.pending_files(tmp_path) == []
    again = open_journal(tmp_path)
    assert [e.id for e in again.episodes()] == [ep.id]
    assert len(again.runs()) == 1


def test_merging_is_idempotent_by_id_after_a_crash_before_the_clean_up(tmp_path: Path) -> None:
    ep = episode("2026-11-22 03:10", duration_s=200, source="first-aid")
    journal = open_journal(tmp_path)
    journal.add_episode(ep)  # merged, then killed before the file was removed
    pending.write_pending(tmp_path, ep)
    reopened = open_journal(tmp_path)
    assert [e.id for e in reopened.episodes()] == [ep.id]
    assert pending.pending_files(tmp_path) == []


def test_a_damaged_pending_file_is_left_alone_and_never_stops_the_journal(tmp_path: Path) -> None:
    folder = tmp_path / "pending"
    folder.mkdir()
    bad = folder / "episode-x.json"
    bad.write_bytes(b'{"format": 1, "episode": {"started_at": "yesterday"}}')
    junk = folder / "episode-y.json"
    junk.write_bytes(b"\x00\x01not json")
    journal = open_journal(tmp_path)
    assert journal.episodes() == []
    assert bad.exists() and junk.exists()


def test_keep_episode_uses_the_journal_when_it_can(tmp_path: Path) -> None:
    journal = open_journal(tmp_path)
    ep = episode("2026-11-22 03:10", source="first-aid")
    kept = pending.keep_episode(journal, tmp_path, ep, [a_run()])
    assert kept.where == "journal" and kept.why == ""
    assert journal.episodes() == [ep] and len(journal.runs()) == 1


def test_keep_episode_falls_back_to_a_side_file_then_to_the_screen(tmp_path, monkeypatch):
    journal = open_journal(tmp_path)
    ep = episode("2026-11-22 03:10", source="first-aid")

    def refuse(*args, **kwargs):
        raise WriteFailed("the disk is read-only", paths.journal_path(tmp_path))

    monkeypatch.setattr(journal, "add_episode", refuse)
    kept = pending.keep_episode(journal, tmp_path, ep)
    assert kept.where == "pending" and "read-only" in kept.why
    assert kept.path is not None and kept.path.exists()
    os.unlink(kept.path)

    def no_disk(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(pending, "atomic_write", no_disk)
    kept = pending.keep_episode(journal, tmp_path, ep)
    assert kept.where == "screen" and kept.path is None
    assert "side file could not be written" in kept.why
    kept = pending.keep_episode(None, tmp_path, ep)
    assert kept.where == "screen" and "could not be opened" in kept.why


@pytest.mark.parametrize("content", [b"{not json", b'{"meta": {"1": {"schema_version": 99}}}'])
def test_nothing_is_merged_into_a_journal_that_does_not_open(tmp_path: Path, content) -> None:
    ep = episode("2026-11-22 03:10", source="first-aid")
    path = pending.write_pending(tmp_path, ep)
    journal_file = paths.journal_path(tmp_path)
    journal_file.write_bytes(content)
    with pytest.raises(Exception):  # noqa: B017 - corrupt or newer: either refuses to open
        Journal.open(journal_file)
    assert path.exists()
    assert journal_file.read_bytes() == content


def test_the_command_line_says_on_stderr_what_was_merged(tmp_path: Path, capsys) -> None:
    from crampcoach.commands import open_journal as cli_open

    ep = episode("2026-11-22 03:10", duration_s=200, locations=["calf"], source="first-aid")
    pending.write_pending(tmp_path, ep, [a_run()])
    journal = cli_open(tmp_path)
    captured = capsys.readouterr()
    assert "1 cramp" in captured.err and captured.out == ""
    assert journal.notice is None
