"""Exit codes and the refused-input error shared by the command line and its commands.

They live apart from ``cli`` so ``commands`` can use them without importing ``cli`` back.
"""

from __future__ import annotations

import os
import sys

EXIT_OK, EXIT_FAIL, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """A value the user gave was refused; the message says what is allowed."""


class CommandFailed(Exception):
    """Something other than the input failed (exit 1); the message says what."""


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
