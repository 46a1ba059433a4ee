"""Time to save one episode and to open the journal with 10 years of nightly data.

    python benchmarks/bench_journal.py [--runs 50]

Target (DESIGN.md): saving one episode ≤ 20 ms median.
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        journal = build_journal(root)
        size = paths.journal_path(root).stat().st_size
        saves = []
        for i in range(args.runs):
            ep = Episode(
                started_at=datetime(2030, 1, 1, 3, i % 60, tzinfo=ZONE), tz="Europe/Berlin"
            )
            t0 = time.perf_counter()
            journal.add_episode(ep)
            saves.append((time.perf_counter() - t0) * 1000)
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
        print(
            f"journal: {len(journal.episodes())} episodes, {len(journal.checkins())} check-ins, "
            f"{size / 1e6:.1f} MB"
        )
        print(
            f"save one episode: median {statistics.median(saves):.1f} ms, "
            f"p90 {sorted(saves)[int(len(saves) * 0.9)]:.1f} ms (target ≤ 20 ms median)"
        )
        print(f"open journal:     median {statistics.median(opens):.1f} ms")
        print(f"load all records: median {statistics.median(reads):.1f} ms")


if __name__ == "__main__":
    main()
