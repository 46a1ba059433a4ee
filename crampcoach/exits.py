"""Exit codes and the refused-input error shared by the command line and its commands.

They live apart from ``cli`` so ``commands`` can use them without importing ``cli`` back.
"""

from __future__ import annotations

EXIT_OK, EXIT_FAIL, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """A value the user gave was refused; the message says what is allowed."""


class CommandFailed(Exception):
    """Something other than the input failed (exit 1); the message says what."""
