"""Time to save one episode, to read the journal right after, and to open it, with 10
years of nightly data.

    python benchmarks/bench_journal.py [--runs 50]

Targets: saving one episode ≤ 20 ms median, and ≤ 1.5× the floor: serializing the same
journal (orjson) and writing it to a file with one fsync, which no durable save can beat.
The read after a save (what Home and History do after every save) checks only what the
save wrote, so it stays near the cost of copying the list out.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import ZONE, build_journal

from crampcoach import paths
from crampcoach.core.models import Episode
from crampcoach.store import Journal


def floor_ms(root: Path, runs: int) -> list[float]:
    """Serialize the journal as it is on disk now, write it to a file, fsync: per run, in ms."""
    import orjson

    data = orjson.loads(paths.journal_path(root).read_bytes())
    target = root / "floor.json"
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        payload = orjson.dumps(data)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        out.append((time.perf_counter() - t0) * 1000)
    target.unlink()
    return out


def atomic_floor_ms(root: Path, runs: int) -> list[float]:
    """For reference, not the target: the floor plus what any durable atomic replace adds
    (a temp file, the rename over the target, the folder's fsync), in raw calls, in ms."""
    import orjson

    data = orjson.loads(paths.journal_path(root).read_bytes())
    target, tmp = root / "floor-atomic.json", root / ".floor-atomic.json.tmp"
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        payload = orjson.dumps(data)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
        dir_fd = os.open(root, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        out.append((time.perf_counter() - t0) * 1000)
    target.unlink()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        journal = build_journal(root)
        size = paths.journal_path(root).stat().st_size
        saves, after_saves, floors, atomic_floors = [], [], [], []
        for i in range(args.runs):
            ep = Episode(
                started_at=datetime(2030, 1, 1, 3, i % 60, tzinfo=ZONE), tz="Europe/Berlin"
            )
            t0 = time.perf_counter()
            journal.add_episode(ep)
            saves.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            journal.episodes()
            after_saves.append((time.perf_counter() - t0) * 1000)
            # The floor in the same loop, so both see the same disk and machine load.
            floors += floor_ms(root, 1)
            atomic_floors += atomic_floor_ms(root, 1)
        opens, reads = [], []
        for _ in range(10):
            t0 = time.perf_counter()
            j = Journal.open(paths.journal_path(root))
            opens.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            j.episodes()
            j.checkins()
            reads.append((time.perf_counter() - t0) * 1000)
            j.close()
        first_opens = []
        for _ in range(5):
            # The day's first open also writes the day's backup.
            shutil.rmtree(root / "backups")
            t0 = time.perf_counter()
            j = Journal.open(paths.journal_path(root))
            first_opens.append((time.perf_counter() - t0) * 1000)
            j.close()
        print(
            f"journal: {len(journal.episodes())} episodes, {len(journal.checkins())} check-ins, "
            f"{size / 1e6:.1f} MB"
        )
        print(
            f"save one episode: median {statistics.median(saves):.1f} ms, "
            f"p90 {sorted(saves)[int(len(saves) * 0.9)]:.1f} ms (target ≤ 20 ms median)"
        )
        save, floor = statistics.median(saves), statistics.median(floors)
        print(
            f"floor (serialize + write + fsync of the same journal): median {floor:.1f} ms; "
            f"save / floor = {save / floor:.2f} (target ≤ 1.5)"
        )
        atomic = statistics.median(atomic_floors)
        print(
            "for reference, the floor + temp file, rename and folder fsync (any atomic save): "
            f"median {atomic:.1f} ms; save / that = {save / atomic:.2f}"
        )
        print(f"read after save:  median {statistics.median(after_saves):.2f} ms (episodes())")
        print(f"open journal:     median {statistics.median(opens):.1f} ms")
        print(
            f"open journal, the day's first (with its backup): median "
            f"{statistics.median(first_opens):.1f} ms"
        )
        print(f"load all records: median {statistics.median(reads):.1f} ms")


if __name__ == "__main__":
    main()
