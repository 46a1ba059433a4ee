"""Run the installed `crampcoach` in a real pseudo-terminal and read its screen with pyte."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pexpect
import pyte


def crampcoach_bin() -> str:
    """The console script of the environment running the tests."""
    beside = Path(sys.executable).parent / "crampcoach"
    if beside.exists():
        return str(beside)
    found = shutil.which("crampcoach")
    assert found, "the crampcoach console script is not installed"
    return found


class Terminal:
    """A child process on a pty, its output fed into a pyte screen of a fixed size."""

    def __init__(self, args: list[str], env: dict[str, str], cols: int = 80, rows: int = 24):
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        full_env = {
            **os.environ,
            "TERM": "xterm-256color",
            "COLUMNS": str(cols),
            "LINES": str(rows),
            **env,
        }
        full_env.pop("TEXTUAL", None)
        self.child = pexpect.spawn(
            crampcoach_bin(), args, env=full_env, dimensions=(rows, cols), timeout=5
        )

    def pump(self, seconds: float = 0.1) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.05)
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return
            self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = 20.0) -> str:
        """Poll the screen until ``needle`` shows, or fail with what was shown."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.1)
            if needle in self.text():
                return self.text()
            if not self.child.isalive():
                break
        raise AssertionError(f"{needle!r} never appeared; the screen showed:\n{self.text()}")

    def send(self, keys: str) -> None:
        self.child.send(keys)
        self.pump(0.2)

    def wait_exit(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while self.child.isalive() and time.monotonic() < deadline:
            self.pump(0.1)
        if self.child.isalive():
            self.child.terminate(force=True)
            raise AssertionError(f"crampcoach did not exit; the screen showed:\n{self.text()}")
        self.child.close()
        return self.child.exitstatus if self.child.exitstatus is not None else -1


CTRL_S = "\x13"
ESCAPE = "\x1b"
