"""Command line: subcommands call the journal and core; the bare command starts the UI.

Exit codes: 0 ok, 2 bad input (one line, nothing written), 1 other failure.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from crampcoach import paths
from crampcoach.exits import (
    EXIT_BAD_INPUT,
    EXIT_FAIL,
    EXIT_OK,
    BadInput,
    CommandFailed,
)
from crampcoach.exits import (
    silence_stdout as _silence_stdout,
)

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    from crampcoach.cli_parser import build_parser as build

    return build()


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else list(argv))
    try:
        root = paths.data_dir(getattr(args, "data_dir", None))
    except paths.BadDataDir as exc:
        _say(f"crampcoach: {exc}")
        return EXIT_BAD_INPUT
    if args.command in (None, "now") and not os.isatty(1):
        # The app draws a full screen: piped (crampcoach | head) it would wait forever.
        _say(
            "crampcoach: the app needs a terminal; for text, use a command (see crampcoach --help)"
        )
        return EXIT_BAD_INPUT
    return _run_reporting_failures(args, root)


def _parse(argv: list[str]) -> argparse.Namespace:
    # The bare command (optionally with --data-dir DIR) opens the app: skip building the
    # parser, which costs about 10 ms of the first frame.
    if not argv or (len(argv) == 2 and argv[0] == "--data-dir" and not argv[1].startswith("-")):
        # Read like a Namespace by everything after; argparse itself is not even imported.
        bare = SimpleNamespace(command=None, data_dir=argv[1] if argv else None)
        return cast("argparse.Namespace", bare)
    return build_parser().parse_args(argv)


def _run_reporting_failures(args: argparse.Namespace, root: Path) -> int:
    """Run the command; turn each kind of failure into one line on stderr and its exit code."""
    try:
        return _dispatch(args, root)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        code = _report_known_failure(args.command, exc)
        if code is not None:
            return code
        if os.environ.get("CRAMPCOACH_DEBUG"):  # no traceback for users unless asked
            raise
        _say(f"crampcoach: unexpected error: {exc.__class__.__name__}: {exc}")
        return EXIT_FAIL


def _report_known_failure(command: str | None, exc: Exception) -> int | None:
    """Say a failure we can name and give its exit code; None for an unexpected one."""
    # The store's errors are imported only once something failed: importing them loads the
    # whole store, which cost the app's first frame about 50 ms when done up front.
    from crampcoach.store.errors import JournalError, RecordRefused

    if isinstance(exc, BadInput | RecordRefused):
        _say(f"crampcoach {command}: {exc}")
        return EXIT_BAD_INPUT
    if isinstance(exc, CommandFailed):
        _silence_stdout()
        _say(f"crampcoach {command}: {exc}")
        return EXIT_FAIL
    if isinstance(exc, JournalError):
        _say(f"crampcoach: {exc}")
        return EXIT_FAIL
    if isinstance(exc, BrokenPipeError):
        _silence_stdout()  # the reader left (crampcoach stats | head): not a failure
        return EXIT_OK
    if isinstance(exc, OSError):  # a cause we can name: never "unexpected error"
        from crampcoach.store.storage import describe_os_error

        _silence_stdout()
        where = f" ({exc.filename})" if exc.filename else ""
        _say(f"crampcoach {command}: {describe_os_error(exc)}{where}; nothing was saved")
        return EXIT_FAIL
    return None


def _dispatch(args: argparse.Namespace, root: Path) -> int:
    """The app for the bare command and ``now``; else the subcommand's handler."""
    command = args.command
    if command is None:
        return _run_app(root)
    if command == "now":
        return _run_app(root, start="first-aid", location=args.location)
    if command == "doctor":
        from crampcoach.cli_doctor import cmd_doctor

        return cmd_doctor(args, root)
    if command == "trial":
        from crampcoach.cli_trial import run_trial

        return run_trial(args, root)
    from crampcoach import commands

    code = (
        COMMANDS[command](args, root)
        if command in COMMANDS
        else getattr(commands, f"cmd_{command}")(args, root)
    )
    sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
    return code


# Subcommands other parts add: name -> handler(args, data_dir) -> exit code. A new
# subcommand registers its parser in build_parser() and its handler here (or as
# ``commands.cmd_<name>``).
COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {}


def _say(message: str) -> None:
    """One message on stderr; control characters from file names or cells are shown
    escaped, never sent to the terminal."""
    from crampcoach.core.text import escape_controls

    print(escape_controls(message), file=sys.stderr)


def _run_app(root: Path, start: str | None = None, location: str | None = None) -> int:
    from crampcoach.ui.launch import launch

    return launch(root, start=start, location=location)
