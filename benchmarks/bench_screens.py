"""Time from a key press to each screen's frame on a real terminal, beside a bare Textual push.

    python benchmarks/bench_screens.py [--runs 3] [--show] [--only history,settings]

crampcoach runs on a pseudo-terminal with 10 years of nightly data (3,650 episodes and 3,650
check-ins). For each screen the benchmark presses its key on Home and stops the clock when the
screen's own words arrive on the terminal (looked for in the raw bytes, so the benchmark's own
terminal emulation is not billed to the app), then presses escape and waits for Home again.
Each screen opens twice per run: "first" is the first time in a fresh process (its module is
imported then), "again" the second time. A bare Textual app pushing a plain screen runs in the
same loop, so both see the same machine. It also times History's search: from a keystroke in
the search field to the new count of matching episodes in the title.

Target: every screen ≤ 100 ms and ≤ 3× the bare push; a search keystroke ≤ 30 ms.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyte

sys.path.insert(0, str(Path(__file__).resolve().parent))

BARE = """
from textual.app import App
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

class Pushed(Screen):
    BINDINGS = [("escape", "app.pop_screen", "Back")]
    def compose(self):
        yield Header()
        yield Static("bare screen pushed")
        yield Footer()

class Bare(App):
    BINDINGS = [("n", "push", "Push")]
    def compose(self):
        yield Header()
        yield Static("bare app ready")
        yield Footer()
    def action_push(self):
        self.push_screen(Pushed())

Bare().run()
"""

ESC = "\x1b"
# (name, key, words on the screen's first frame). The words are the screen's own and
# are painted in one style, so they arrive as one run of bytes.
SCREENS: tuple[tuple[str, str, str], ...] = (
    ("log", "l", "When did it start"),
    ("history", "h", "Started"),
    ("history rows", "h", "sorted by"),
    ("patterns", "p", "Cramp nights per week"),
    ("doctor", "d", "Whom to see"),
    ("check-in", "c", "Glasses of water"),
    ("routines", "r", "Pick one with"),
    ("learn", "i", "What is a leg cramp"),
    ("settings", "s", "Look and sound"),
    # The last part of Settings' first screenful at 80×24 (the rest mounts below it).
    ("settings filled", "s", "Help at any hour"),
    ("help", "?", "In the command palette"),
    ("first aid", "f", "Where does it hurt"),
)
HOME = "last 30 nights"


@dataclass
class Times:
    first: list[float] = field(default_factory=list)
    again: list[float] = field(default_factory=list)
    # The app's own CPU seconds over the same span: steadier than wall time on a busy machine.
    cpu: list[float] = field(default_factory=list)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait()


class Pty:
    """One program on a pseudo-terminal; bytes kept raw, a pyte screen only for --show."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        master, slave = pty.openpty()
        os.set_blocking(master, False)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.master = master
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        # Never leave the app behind: a failed run (SystemExit) would keep it spinning on a
        # pty nobody reads.
        atexit.register(_kill, self.proc)
        os.close(slave)
        self.received = bytearray()
        self.cpu_used = 0.0
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)

    def _read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            with contextlib.suppress(OSError):
                self.received += os.read(self.master, 1 << 20)

    def wait_for(self, marker: str, since: int, timeout: float = 90) -> float:
        """Seconds until ``marker`` appears in the bytes after offset ``since``."""
        wanted = marker.encode()
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.received.find(wanted, since) >= 0:
                return time.perf_counter()
            self._read(0.002)
        self.stream.feed(bytes(self.received))
        raise SystemExit(f"never showed {marker!r}:\n" + "\n".join(self.screen.display))

    def press(self, keys: str, marker: str) -> float:
        """Send ``keys``; the seconds until ``marker`` is painted."""
        self.settle()
        since = len(self.received)
        t0 = time.perf_counter()
        cpu_before = self.cpu()
        os.write(self.master, keys.encode())
        took = self.wait_for(marker, since) - t0
        self.cpu_used = self.cpu() - cpu_before
        return took

    def cpu(self) -> float:
        """The program's CPU seconds so far (user + system, all its threads)."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # not Linux: no CPU column
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def settle(self, quiet: float = 0.15, most: float = 3.0) -> None:
        """Wait until the program has said nothing for ``quiet`` seconds (a screen with a
        running clock never goes quiet: then ``most`` seconds at the most)."""
        last = len(self.received)
        since = start = time.perf_counter()
        while time.perf_counter() - since < quiet and time.perf_counter() - start < most:
            self._read(0.01)
            if len(self.received) != last:
                last = len(self.received)
                since = time.perf_counter()

    def show(self) -> str:
        self.stream.feed(bytes(self.received))
        self.received.clear()
        return "\n".join(self.screen.display)

    def close(self) -> None:
        self.proc.terminate()
        while self.proc.poll() is None:
            self._read(0.05)
        os.close(self.master)


def bare_run(script: Path, env: dict[str, str], out: Times) -> None:
    term = Pty([sys.executable, str(script)], env)
    term.wait_for("bare app ready", 0)
    for i in range(2):
        (out.first if i == 0 else out.again).append(term.press("n", "bare screen pushed"))
        out.cpu.append(term.cpu_used)
        term.press(ESC, "bare app ready")
    term.close()


def app_run(
    argv: list[str],
    env: dict[str, str],
    out: dict[str, Times],
    show: bool,
    search: bool = True,
    only: frozenset[str] | None = None,
) -> None:
    term = Pty(argv, env)
    term.wait_for(HOME, 0)
    for name, key, marker in SCREENS:
        if only is not None and name not in only:
            continue
        for i in range(2):
            took = term.press(key, marker)
            (out[name].first if i == 0 else out[name].again).append(took)
            out[name].cpu.append(term.cpu_used)
            if show and i == 0:
                term.settle(0.5)
                print(f"--- {name}\n{term.show()}")
            term.press(ESC, HOME)
    if not search:
        term.close()
        return
    # History's search: each keystroke changes the count of matching episodes in the title.
    term.press("h", "sorted by")
    term.settle(1.0)
    os.write(term.master, b"/")
    term.settle(1.0)
    for keys, count in search_steps():
        took = term.press(keys, f"{count} of 3650")
        out["history search key"].again.append(took)
        out["history search key"].cpu.append(term.cpu_used)
    term.close()


def search_steps() -> list[tuple[str, int]]:
    """Keystrokes in History's search and the count each leaves, from the same data."""
    from _data import ten_years

    episodes, _ = ten_years()
    steps, typed = [], ""
    for key in ("w", "o", "\x7f", "\x7f"):
        typed = typed[:-1] if key == "\x7f" else typed + key
        count = sum(typed in ep.notes.casefold() for ep in episodes) if typed else len(episodes)
        steps.append((key, count))
    return steps


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:>7.0f}" if values else f"{'–':>7}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--show", action="store_true", help="print each screen once")
    parser.add_argument("--no-search", action="store_true", help="skip History's search")
    parser.add_argument("--only", help="comma-separated screens to time (default: all)")
    args = parser.parse_args()
    only = frozenset(args.only.split(",")) if args.only else None
    exe = shutil.which("crampcoach") or str(Path(sys.executable).parent / "crampcoach")
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("TEXTUAL", None)
    bare = Times()
    times: dict[str, Times] = {name: Times() for name, _, _ in SCREENS}
    times["history search key"] = Times()
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "bare.py"
        script.write_text(BARE)
        from _data import build_journal

        build_journal(Path(tmp) / "full").close()
        argv = [exe, "--data-dir", str(Path(tmp) / "full")]
        for run in range(args.runs):
            bare_run(script, env, bare)
            app_run(argv, env, times, args.show and run == 0, not args.no_search, only)
    base = statistics.median(bare.first + bare.again)
    print("10 years of nightly data (3,650 episodes + 3,650 check-ins), 80×24 pty")
    print(f"{'screen':<20}{'first':>10}{'×bare':>7}{'again':>10}{'×bare':>7}{'cpu':>10}")
    rows = [("bare textual push", bare), *times.items()]
    for name, t in rows:
        if not (t.first or t.again):
            continue  # left out with --only or --no-search
        ratio_first = statistics.median(t.first) / base if t.first else None
        ratio_again = statistics.median(t.again) / base if t.again else None
        print(
            f"{name:<20}{ms(t.first)} ms{_ratio(ratio_first)}{ms(t.again)} ms{_ratio(ratio_again)}"
            f"{ms(t.cpu)} ms"
        )
    print(f"medians of {args.runs} runs; bare push median {base * 1000:.0f} ms")
    print("cpu: the app's CPU time from the key to the words (both openings; 10 ms ticks)")
    print("targets: every screen ≤ 100 ms and ≤ 3× the bare push; search key ≤ 30 ms")


def _ratio(value: float | None) -> str:
    return f"{value:>7.2f}" if value is not None else f"{'–':>7}"


if __name__ == "__main__":
    main()
