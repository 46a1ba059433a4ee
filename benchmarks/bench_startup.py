"""Time from process start to the first frame, crampcoach vs a bare Textual app, in one run.

    python benchmarks/bench_startup.py [--runs 10]

Each program runs on its own pseudo-terminal; the clock stops when the text of its first
screen arrives on the terminal. Peak memory is the child's max RSS from wait4. Runs alternate
so both see the same machine, and each round starts with the next program. Run it with a
non-editable install (pip install .): an editable one adds import-hook time. The machine's
load moves single figures by tens of ms: compare medians of several runs.
Targets: first frame ≤ 1.1× and memory ≤ 1.5× the bare app.
"""

from __future__ import annotations

import argparse
import contextlib
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


def run_once(
    argv: list[str], markers: tuple[str, str], env: dict[str, str]
) -> tuple[float, float, float]:
    """Seconds to the first frame (first marker), to the filled screen (second marker),
    and peak RSS in MB."""
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
    first = filled = None
    wanted = [m.encode() for m in markers]
    received = bytearray()
    deadline = t0 + 30
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.01)
        if ready:
            try:
                received += os.read(master, 65536)
            except OSError:
                break
            # Look for the markers in the raw bytes: emulating the terminal (pyte) here
            # would bill the bigger screen for the benchmark's own parsing time.
            now = time.perf_counter() - t0
            if first is None and wanted[0] in received:
                first = now
            if filled is None and wanted[1] in received:
                filled = now
            if first is not None and filled is not None:
                break
    proc.terminate()
    usage = None
    while usage is None:
        # Keep draining the pty so the child is never blocked writing while it exits.
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            with contextlib.suppress(OSError):  # the child closed its side
                os.read(master, 65536)
        pid, _status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            usage = rusage
    os.close(master)
    proc.returncode = 0  # reaped by wait4
    if first is None or filled is None:
        stream.feed(bytes(received))
        raise SystemExit(f"{argv} never showed {markers!r}:\n" + "\n".join(screen.display))
    return first, filled, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    # The console script of this interpreter's install, as the bare app runs on this
    # interpreter: a crampcoach found first on PATH may be another (editable) install.
    beside = Path(sys.executable).parent / "crampcoach"
    exe = str(beside) if beside.exists() else shutil.which("crampcoach")
    if exe is None:
        raise SystemExit("install crampcoach (not editable) into this interpreter first")
    import crampcoach

    if "site-packages" not in Path(crampcoach.__file__).parts:
        print("warning: crampcoach is not installed in site-packages (editable install?):")
        print("its import hooks add start-up time the installed app does not have")
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
        # First frame: the home menu (painted before the journal is read);
        # filled: the 7/30-night counts computed from the journal.
        cases = {
            "bare textual app": ([sys.executable, str(bare)], ("bare app ready",) * 2),
            "crampcoach, empty journal": (
                [exe, "--data-dir", str(empty)],
                ("First aid now", "Nothing logged yet"),
            ),
            "crampcoach, 10 years": (
                [exe, "--data-dir", str(full)],
                ("First aid now", "last 30 nights"),
            ),
        }
        results: dict[str, list[tuple[float, float, float]]] = {k: [] for k in cases}
        names = list(cases)
        for round_ in range(args.runs):
            # Each round starts with another program: the first run of a round sees a
            # different machine (caches, CPU clock) than the next, so no side always gets it.
            shift = round_ % len(names)
            for name in names[shift:] + names[:shift]:
                argv, marker = cases[name]
                results[name].append(run_once(argv, marker, env))
    base_t = statistics.median(r[0] for r in results["bare textual app"])
    base_m = statistics.median(r[2] for r in results["bare textual app"])
    print(f"{'program':<28}{'first frame':>13}{'ratio':>7}{'filled':>10}", end="")
    print(f"{'peak RSS':>11}{'ratio':>7}")
    for name, rows in results.items():
        t = statistics.median(r[0] for r in rows)
        f = statistics.median(r[1] for r in rows)
        m = statistics.median(r[2] for r in rows)
        print(
            f"{name:<28}{t * 1000:>10.0f} ms{t / base_t:>7.2f}{f * 1000:>7.0f} ms"
            f"{m:>8.1f} MB{m / base_m:>7.2f}"
        )
    print(f"medians of {args.runs} runs each, alternating, each round starting with the next")
    print("targets: first frame ≤ 1.1× and peak memory ≤ 1.5× the bare app")


if __name__ == "__main__":
    main()
