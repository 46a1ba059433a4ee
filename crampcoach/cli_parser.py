"""The command line's parser: built only when a subcommand or option is given.

The bare command (the app) never imports argparse: it is parsed by hand in ``cli._parse``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import NoReturn

from crampcoach import paths
from crampcoach.core import vocab
from crampcoach.core.ranges import REPORT_NIGHTS
from crampcoach.exits import EXIT_BAD_INPUT


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
