"""Command line: subcommands call the journal and core; the bare command starts the UI.

Exit codes: 0 ok, 2 bad input (one line, nothing written), 1 other failure.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from crampcoach import paths
from crampcoach.core import vocab
from crampcoach.core.ranges import REPORT_NIGHTS
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


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One clear line instead of a usage dump: people read this at 3 a.m.
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message} (see {self.prog} --help)\n")


class _VersionAction(argparse.Action):
    """Looks the version up only when asked (importlib.metadata is slow to import)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)  # type: ignore[arg-type]

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        import crampcoach

        print(f"crampcoach {crampcoach.__version__}")
        parser.exit(0)


def _choices(values: Sequence[str]) -> str:
    return ", ".join(values)


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"where the journal lives (default: ${paths.ENV_VAR} or the user data folder)",
    )
    parser = _Parser(
        prog="crampcoach",
        description="A calm coach for night-time leg cramps. Run without a command for the app.",
        parents=[common],
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    now = sub.add_parser("now", parents=[common], help="go straight to first aid")
    now.add_argument("--location", choices=vocab.LOCATIONS, help="where it hurts")

    log = sub.add_parser(
        "log",
        parents=[common],
        help="log an episode",
        description="Log a cramp. Times: now, 03:10 (last night), 'yesterday 23:40', or ISO 8601.",
    )
    log.add_argument("--at", default="now", metavar="WHEN", help="when it began (default: now)")
    log.add_argument("--duration", metavar="MIN", help="how long it lasted, in minutes")
    log.add_argument("--side", choices=vocab.SIDES)
    for flag, allowed, metavar in (
        ("--location", vocab.LOCATIONS, "L"),
        ("--trigger", vocab.TRIGGERS, "T"),
        ("--relief", vocab.RELIEF, "R"),
        ("--red-flag", vocab.RED_FLAGS, "F"),
    ):
        log.add_argument(
            flag,
            nargs="+",
            action="extend",
            choices=allowed,
            metavar=metavar,
            help=f"one or more of: {_choices(allowed)}",
        )
    log.add_argument("--intensity", metavar="N", help="1 (mild) to 10 (worst)")
    log.add_argument("--note", default="", metavar="TEXT", help="free text, up to 2000 characters")
    log.add_argument("--slept-through", action="store_true", help="it did not wake you")

    export = sub.add_parser("export", parents=[common], help="export episodes as CSV or JSON")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")

    imp = sub.add_parser(
        "import", parents=[common], help="import episodes (all-or-nothing, idempotent)"
    )
    imp.add_argument("file", metavar="FILE", help="a CSV or JSON file as written by export")

    stats = sub.add_parser("stats", parents=[common], help="pattern numbers and doctor advice")
    stats.add_argument("--json", action="store_true", help="machine-readable output")

    report = sub.add_parser("report", parents=[common], help="a one-page summary for a doctor")
    report.add_argument("--format", choices=("md", "html"), default="md")
    report.add_argument(
        "--days",
        type=_positive_days,
        default=REPORT_NIGHTS,
        metavar="N",
        help=f"period to cover (default {REPORT_NIGHTS})",
    )
    report.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")

    from crampcoach.cli_doctor import add_doctor_parser

    add_doctor_parser(sub, common)
    from crampcoach.cli_trial import add_trial_parser

    add_trial_parser(sub, common)
    return parser


def _positive_days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of days") from None
    if not 1 <= value <= 3650:
        raise argparse.ArgumentTypeError(f"{value} is out of range; use 1 to 3650 days")
    return value


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
        return argparse.Namespace(command=None, data_dir=argv[1] if argv else None)
    return build_parser().parse_args(argv)


def _run_reporting_failures(args: argparse.Namespace, root: Path) -> int:
    """Run the command; turn each kind of failure into one line on stderr and its exit code."""
    from crampcoach.store.errors import JournalError, RecordRefused

    command = args.command
    try:
        return _dispatch(args, root)
    except BadInput as exc:
        _say(f"crampcoach {command}: {exc}")
        return EXIT_BAD_INPUT
    except RecordRefused as exc:
        _say(f"crampcoach {command}: {exc}")
        return EXIT_BAD_INPUT
    except CommandFailed as exc:
        _silence_stdout()
        _say(f"crampcoach {command}: {exc}")
        return EXIT_FAIL
    except JournalError as exc:
        _say(f"crampcoach: {exc}")
        return EXIT_FAIL
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _silence_stdout()  # the reader left (crampcoach stats | head): not a failure
        return EXIT_OK
    except OSError as exc:  # a cause we can name: never "unexpected error"
        from crampcoach.store.storage import describe_os_error

        _silence_stdout()
        where = f" ({exc.filename})" if exc.filename else ""
        _say(f"crampcoach {command}: {describe_os_error(exc)}{where}; nothing was saved")
        return EXIT_FAIL
    except Exception as exc:  # no traceback for users; CRAMPCOACH_DEBUG=1 shows it
        if os.environ.get("CRAMPCOACH_DEBUG"):
            raise
        _say(f"crampcoach: unexpected error: {exc.__class__.__name__}: {exc}")
        return EXIT_FAIL


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
