"""Spoken cues for eyes-closed first aid: the system's own speech command, never blocking.

Linux: espeak-ng, else spd-say (speech-dispatcher); macOS: say. The command is started with
``subprocess.Popen`` and left to run: the routine's timer never waits for it. Any failure
becomes a short notice, never an exception. Tests hand the app a fake speaker instead.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from typing import Any, Protocol

HOW_TO_GET = (
    "No speech command was found. On Linux install espeak-ng (for example "
    "`sudo apt install espeak-ng`) or speech-dispatcher (`spd-say`); macOS has `say` built in."
)

# (command, arguments before the words), in order of preference per platform.
_CANDIDATES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "darwin": (("say", ()),),
    "linux": (("espeak-ng", ()), ("spd-say", ())),
}


class Speaker(Protocol):
    def say(self, text: str) -> str | None:
        """Start speaking ``text``; return a notice when it cannot, else None."""

    @property
    def available(self) -> bool: ...


def find_command(
    which: Callable[[str], str | None] = shutil.which, platform: str = sys.platform
) -> list[str] | None:
    """The speech command line (without the words), or None when there is none."""
    key = "darwin" if platform == "darwin" else "linux" if platform.startswith("linux") else ""
    for name, args in _CANDIDATES.get(key, ()):
        path = which(name)
        if path:
            return [path, *args]
    return None


def speakable(text: str) -> str:
    """Words as one argument that no speech command can mistake for an option."""
    cleaned = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return cleaned.lstrip("-").strip()


class SystemSpeaker:
    """Speaks through the system's command; a new cue cuts off one still being spoken."""

    def __init__(
        self,
        which: Callable[[str], str | None] = shutil.which,
        platform: str = sys.platform,
        popen: Callable[..., Any] = subprocess.Popen,
    ) -> None:
        self._command = find_command(which, platform)
        self._popen = popen
        self._current: Any = None

    @property
    def available(self) -> bool:
        return self._command is not None

    def say(self, text: str) -> str | None:
        if self._command is None:
            return HOW_TO_GET
        words = speakable(text)
        if not words:
            return None
        try:
            if self._current is not None and self._current.poll() is None:
                self._current.terminate()  # "Switch sides" must not wait behind a long title
            self._current = self._popen(
                [*self._command, words],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as exc:
            return f"Could not speak: {exc.strerror or exc}."
        return None
