"""A 10-minute routine played in real time ends within 100 ms of 10:00.

    python benchmarks/bench_routine_realtime.py [--minutes 10] [--core] [--no-load]
                                                [--block-every 5 --block-ms 250]

By default it plays the real PlayerScreen inside the headless app (``run_test``) on the real
monotonic clock, while a second process keeps one CPU core busy. It prints how far from the
routine's length the player noticed the end (the moment the bell would ring), and the worst
lateness of any step's end. ``--core`` drives the bare RoutinePlayer from an asyncio loop
instead. ``--block-every``/``--block-ms`` also freeze the event loop now and then, the way a
slow disk or a big redraw would. Exit status 0 when the end is within the target.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crampcoach.core.routines import Routine, Step
from crampcoach.core.timer import PhaseEnded, RoutineFinished, RoutinePlayer

TARGET_S = 0.100
GET_READY_S = 3
UNIT_S = 30  # get ready (3 s) + a 27 s step


def make_routine(minutes: float) -> Routine:
    """A routine of exactly ``minutes`` (rounded to 30 s), timed and counted steps mixed."""
    units = max(1, round(minutes * 60 / UNIT_S))
    steps = []
    for i in range(units):
        if i % 3 == 1:
            steps.append(Step(f"Counted {i + 1}", "Rise and lower.", reps=9, pace_s=3.0))
        else:
            steps.append(Step(f"Timed {i + 1}", "Hold the stretch.", seconds=UNIT_S - GET_READY_S))
    return Routine(
        id="bench",
        title="Benchmark",
        kind="daytime",
        locations=(),
        sources=(),
        safety="Benchmark.",
        summary="Benchmark.",
        steps=tuple(steps),
    )


def burn() -> None:  # pragma: no cover - runs in the load process
    x = 0
    while True:
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF


def step_end_offsets(player: RoutinePlayer) -> list[float]:
    """When each step phase should end, in seconds from the start."""
    t = 0.0
    ends = []
    for phase in player.phases:
        t += phase.duration_s
        if phase.kind == "step":
            ends.append(t)
    return ends


async def blocker(every: float, block_ms: float) -> None:
    """Freeze the event loop for ``block_ms`` every ``every`` seconds."""
    while True:
        await asyncio.sleep(every)
        end = time.perf_counter() + block_ms / 1000
        while time.perf_counter() < end:
            pass


# ---------------------------------------------------------------------- core only


async def play_core(routine: Routine, tick_s: float = 0.1) -> tuple[float, list[float], float]:
    clock = time.monotonic
    player = RoutinePlayer(routine, clock, get_ready_s=GET_READY_S)
    start = clock()
    player.start()
    signals: list[float] = []
    while True:
        now_events = player.tick()
        seen = clock()
        if any(isinstance(e, PhaseEnded) and e.phase.kind == "step" for e in now_events):
            signals.append(seen - start)
        if any(isinstance(e, RoutineFinished) for e in now_events):
            return seen - start, signals, player.total_s
        left = player.remaining()
        await asyncio.sleep(min(tick_s, left + 0.001) if left > 0 else 0)


# ---------------------------------------------------------------------- the real screen


async def play_app(routine: Routine) -> tuple[float, list[float], float]:
    from crampcoach import paths
    from crampcoach.store import Journal
    from crampcoach.ui.app import CrampCoachApp
    from crampcoach.ui.screens.player import PlayerScreen

    marks: dict[str, float] = {}
    signals: list[float] = []
    done = asyncio.Event()

    class TimedPlayer(PlayerScreen):
        # CSS_PATH resolves beside the file defining the class: point back at the real one.
        CSS_PATH = str(
            Path(sys.modules[PlayerScreen.__module__].__file__ or "").parent / PlayerScreen.CSS_PATH
        )

        def on_mount(self) -> None:
            super().on_mount()
            player = self.player
            assert player is not None
            # Where the routine began on the player's own clock (nothing is paused).
            marks["start"] = time.monotonic() - (player.total_s - player.overall_remaining())

        def _signal_step_end(self) -> None:
            signals.append(time.monotonic() - marks["start"])
            super()._signal_step_end()

        def _finish(self, *, finished: bool) -> None:
            marks["end"] = time.monotonic()
            super()._finish(finished=finished)
            done.set()

    root = Path(tempfile.mkdtemp(prefix="crampcoach-bench-"))
    try:
        journal = Journal.open(paths.journal_path(root))
        app = CrampCoachApp(journal, root, monotonic=time.monotonic)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.push_screen(TimedPlayer(routine))
            await done.wait()
            await pilot.pause()
        journal.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return marks["end"] - marks["start"], signals, routine.total_seconds(GET_READY_S)


# ---------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="routine length (10)")
    parser.add_argument("--core", action="store_true", help="bare RoutinePlayer, no Textual")
    parser.add_argument("--no-load", action="store_true", help="no busy second process")
    parser.add_argument("--block-every", type=float, default=0.0, help="seconds between freezes")
    parser.add_argument("--block-ms", type=float, default=250.0, help="length of each freeze")
    args = parser.parse_args(argv)

    routine = make_routine(args.minutes)
    expected = routine.total_seconds(GET_READY_S)
    load: multiprocessing.Process | None = None
    if not args.no_load:
        load = multiprocessing.Process(target=burn, daemon=True)
        load.start()

    async def run() -> tuple[float, list[float], float]:
        play: Callable[[Routine], object] = play_core if args.core else play_app
        extra = None
        if args.block_every > 0:
            extra = asyncio.get_running_loop().create_task(blocker(args.block_every, args.block_ms))
        try:
            return await play(routine)  # type: ignore[misc]
        finally:
            if extra is not None:
                extra.cancel()

    mode = "RoutinePlayer on asyncio" if args.core else "PlayerScreen in the headless app"
    print(
        f"playing {expected / 60:g} min ({len(routine.steps)} steps) in real time: {mode}, "
        f"{'no load' if load is None else 'one core busy in a second process'}"
        + (
            f", loop frozen {args.block_ms:g} ms every {args.block_every:g} s"
            if args.block_every > 0
            else ""
        ),
        flush=True,
    )
    try:
        took, signals, total = asyncio.run(run())
    finally:
        if load is not None:
            load.terminate()
            load.join()

    off = took - total
    print(
        f"expected {total:.3f} s, ended after {took:.3f} s of wall time: "
        f"{off * 1000:+.1f} ms (target within {TARGET_S * 1000:.0f} ms)"
    )
    player = RoutinePlayer(routine, time.monotonic, get_ready_s=GET_READY_S)
    ends = step_end_offsets(player)
    if len(ends) == len(signals):
        late = [s - e for s, e in zip(signals, ends, strict=True)]
        print(
            f"step ends signalled: {len(late)}, lateness mean "
            f"{sum(late) / len(late) * 1000:.1f} ms, worst {max(late) * 1000:.1f} ms"
        )
    else:
        print(f"step end signals: {len(signals)} (expected {len(ends)}; late ticks merge them)")
    ok = abs(off) <= TARGET_S
    print("OK" if ok else "MISSED the target")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
