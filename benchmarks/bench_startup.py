"""Time from process start to the first frame, crampcoach vs a bare Textual app, in one run.

    python benchmarks/bench_startup.py [--runs 10]

Each program runs on its own pseudo-terminal; the clock stops when its first screen
shows (read with pyte). Peak memory is the child's max RSS from wait4. Runs alternate
so both see the same machine. Targets: first frame ≤ 1.25× and memory ≤ 1.5× the bare app.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyte

sys.path.insert(0, str(Path(__file__).resolve().parent))

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("bare app ready")
        yield Footer()

Bare().run()
"""


def run_once(argv: list[str], marker: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds to the first frame showing ``marker``, and peak RSS in MB."""
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
    )
    os.close(slave)
    elapsed = None
    deadline = t0 + 30
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.01)
        if ready:
            try:
                stream.feed(os.read(master, 65536))
            except OSError:
                break
            if marker in "\n".join(screen.display):
                elapsed = time.perf_counter() - t0
                break
    proc.terminate()
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                os.read(master, 65536)
            pid, _status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
    except OSError:
        _, _status, usage = os.wait4(proc.pid, 0)
    os.close(master)
    proc.returncode = 0  # reaped by wait4
    if elapsed is None:
        raise SystemExit(f"{argv} never showed {marker!r}:\n" + "\n".join(screen.display))
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    exe = shutil.which("crampcoach") or str(Path(sys.executable).parent / "crampcoach")
    env = {**os.environ, "TERM": "xterm-256color"}
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE)
        empty = Path(tmp) / "empty"
        full = Path(tmp) / "full"
        from _data import build_journal

        from crampcoach import paths
        from crampcoach.core.models import Settings
        from crampcoach.store import Journal

        Journal.open(paths.journal_path(empty)).save_settings(Settings(welcomed=True))
        build_journal(full).close()
        cases = {
            "bare textual app": ([sys.executable, str(bare)], "bare app ready"),
            "crampcoach, empty journal": ([exe, "--data-dir", str(empty)], "Cramp nights"),
            "crampcoach, 10 years": ([exe, "--data-dir", str(full)], "Cramp nights"),
        }
        results: dict[str, list[tuple[float, float]]] = {k: [] for k in cases}
        for _ in range(args.runs):
            for name, (argv, marker) in cases.items():
                results[name].append(run_once(argv, marker, env))
    base_t = statistics.median(t for t, _ in results["bare textual app"])
    base_m = statistics.median(m for _, m in results["bare textual app"])
    print(f"{'program':<28}{'first frame':>14}{'ratio':>8}{'peak RSS':>12}{'ratio':>8}")
    for name, rows in results.items():
        t = statistics.median(r[0] for r in rows)
        m = statistics.median(r[1] for r in rows)
        print(f"{name:<28}{t * 1000:>11.0f} ms{t / base_t:>8.2f}{m:>9.1f} MB{m / base_m:>8.2f}")
    print("targets: first frame ≤ 1.25× and peak memory ≤ 1.5× the bare app")


if __name__ == "__main__":
    main()
