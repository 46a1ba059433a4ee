"""The cramp clock tells its watchers when it holds or runs on (and only then)."""

from __future__ import annotations

from crampcoach.core.first_aid import CrampClock


def test_watchers_hear_hold_and_run_once_each():
    now = [100.0]
    clock = CrampClock(lambda: now[0])
    heard: list[bool] = []
    unwatch = clock.watch(lambda: heard.append(clock.running))
    clock.run()  # already running: nothing changed
    now[0] = 130.0
    clock.hold()
    clock.hold()  # already held
    clock.run()
    assert heard == [False, True]
    unwatch()
    clock.hold()
    assert heard == [False, True]
    unwatch()  # twice is harmless
    assert clock.elapsed() == 30.0
