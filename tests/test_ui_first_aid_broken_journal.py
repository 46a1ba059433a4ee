"""First aid never depends on the journal: corrupt, newer, read-only or full, it still plays
and keeps the episode safely — in a side file merged once later, or on the screen."""

from __future__ import annotations

import errno
import json

from crampcoach import paths
from crampcoach.store import Journal, pending
from crampcoach.ui.screens.error import ErrorScreen
from crampcoach.ui.screens.first_aid import FirstAidScreen
from crampcoach.ui.screens.first_aid_kept import KeptScreen
from crampcoach.ui.screens.first_aid_question import PassedScreen
from crampcoach.ui.screens.player import PlayerScreen
from tests.ui_support import NOW, ZONE, FakeClock, make_app, open_journal


async def settle(pilot, times: int = 3) -> None:
    for _ in range(times):
        await pilot.pause()


def app_on(root, clock, **kwargs):
    """The app as the command line starts it: the journal opens after the first frame."""
    from crampcoach.ui.app import CrampCoachApp

    return CrampCoachApp(
        None,
        root,
        opener=lambda: Journal.open(paths.journal_path(root), now=lambda: NOW),
        now=lambda: NOW,
        zone=ZONE,
        monotonic=clock,
        **kwargs,
    )


async def play_and_save(app, pilot, clock) -> KeptScreen:
    assert isinstance(app.screen, PlayerScreen)
    clock.advance(10_000)
    app.screen.sync()
    await settle(pilot)
    assert isinstance(app.screen, PassedScreen)
    await pilot.press("y", "6", "enter")
    await settle(pilot)
    assert isinstance(app.screen, KeptScreen)
    return app.screen


def kept_text(screen: KeptScreen) -> str:
    return str(screen.query_one("#kept-head").render()) + str(
        screen.query_one("#kept-lines").render()
    )


async def test_now_with_a_corrupt_journal_plays_and_keeps_the_episode_aside(tmp_path):
    journal_file = paths.journal_path(tmp_path)
    journal_file.write_bytes(b'{"episodes": {"1": {"started_at": ')  # cut off mid-write
    before = journal_file.read_bytes()
    clock = FakeClock()
    app = app_on(tmp_path, clock, start="first-aid", location="calf")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 4)
        assert app.startup_error is not None
        assert isinstance(app.screen, PlayerScreen)
        assert app.screen.routine.id == "first-aid-calf"
        kept = await play_and_save(app, pilot, clock)
        shown = kept_text(kept)
        assert "Kept safely in" in shown and "pending" in shown
        assert "next time the journal opens" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ErrorScreen)  # the problem is still said
    assert journal_file.read_bytes() == before  # never written
    (path,) = pending.pending_files(tmp_path)
    episode, runs = pending.read_pending(path)
    assert episode.locations == ("calf",) and episode.intensity == 6
    assert [r.routine_id for r in runs] == ["first-aid-calf"]
    # The user restores the journal; the next good open merges the cramp once.
    for aside in tmp_path.glob("journal.json*"):
        aside.unlink()
    journal = open_journal(tmp_path)
    assert [e.id for e in journal.episodes()] == [episode.id]
    assert [e.id for e in open_journal(tmp_path).episodes()] == [episode.id]


async def test_f_on_the_error_screen_starts_first_aid(tmp_path):
    journal_file = paths.journal_path(tmp_path)
    journal_file.write_text(json.dumps({"meta": {"1": {"schema_version": 99}}}))
    clock = FakeClock()
    app = app_on(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 4)
        assert isinstance(app.screen, ErrorScreen)
        assert "Press f for first aid" in str(app.screen.query_one("#error-hint").render())
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FirstAidScreen)
        await pilot.press("2")
        await settle(pilot)
        assert app.screen.routine.id == "first-aid-foot"
        kept = await play_and_save(app, pilot, clock)
        assert "Kept safely" in kept_text(kept)
    assert len(pending.pending_files(tmp_path)) == 1
    assert "schema_version" in journal_file.read_text()  # the newer journal is untouched


async def test_a_read_only_journal_keeps_the_episode_aside(tmp_path, monkeypatch):
    from crampcoach.store import storage

    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start="first-aid", location="calf")

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(storage, "atomic_write", read_only)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 4)
        kept = await play_and_save(app, pilot, clock)
        assert "Kept safely" in kept_text(kept)
        assert "read-only" in kept_text(kept)
    monkeypatch.undo()
    (episode,) = open_journal(tmp_path).episodes()
    assert episode.source == "first-aid" and episode.intensity == 6
    assert pending.pending_files(tmp_path) == []


async def test_when_nothing_can_be_written_the_screen_says_what_to_log_later(tmp_path, monkeypatch):
    from crampcoach.store import storage

    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start="first-aid", location="toes")

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(storage, "atomic_write", read_only)
    monkeypatch.setattr(pending, "atomic_write", read_only)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 4)
        kept = await play_and_save(app, pilot, clock)
        shown = kept_text(kept)
        assert "Not saved" in shown and "write this down" in shown
        assert "Sun 22 Nov 2026 07:30" in shown and "toes" in shown and "how strong: 6" in shown
        assert "crampcoach log --at 2026-11-22T07:30+01:00" in shown
    monkeypatch.undo()
    assert open_journal(tmp_path).episodes() == []
    assert pending.pending_files(tmp_path) == []


async def test_a_long_cramp_kept_aside_still_shows_what_to_do_now(tmp_path):
    paths.journal_path(tmp_path).write_bytes(b"\x00" * 64)  # NUL-filled: unreadable
    clock = FakeClock()
    app = app_on(tmp_path, clock, start="first-aid", location="calf")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, 4)
        clock.advance(10_000)
        app.screen.sync()
        await settle(pilot)
        await pilot.press("s")
        clock.advance(11 * 60)  # still cramping past 10 minutes; no journal for the advice
        await pilot.press("y", "enter")
        await settle(pilot)
        assert isinstance(app.screen, KeptScreen)
        shown = kept_text(app.screen)
        assert "Kept safely" in shown
        assert "urgent appointment today" in shown and "NHS 111" in shown and "999" in shown
