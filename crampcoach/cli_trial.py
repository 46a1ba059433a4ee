"""``crampcoach trial list|start|status|stop|result``: personal experiments from the shell.

Exit codes as everywhere: 0 ok, 2 bad input (nothing written), 1 other failure (e.g. nothing to
show yet). ``--json`` output follows docs/experiments.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import datetime

    from crampcoach.core.trial import Trial
    from crampcoach.store import Journal

NO_TRIAL = "no experiment yet; start one with: crampcoach trial start HABIT (see trial list)"


def add_trial_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    trial = sub.add_parser(
        "trial",
        parents=[common],
        help="personal experiments: switch a habit on and off, then compare",
        description=(
            "Personal experiments (N-of-1 trials): one habit on and off in phases fixed in "
            "advance, then an honest comparison of your cramp nights."
        ),
    )
    actions = trial.add_subparsers(
        dest="trial_command", metavar="ACTION", required=True, parser_class=type(trial)
    )
    actions.add_parser("list", parents=[common], help="the habits on offer, with their evidence")
    start = actions.add_parser("start", parents=[common], help="start an experiment")
    start.add_argument("habit", metavar="HABIT", help="a habit id from trial list")
    start.add_argument(
        "--nights-per-phase",
        type=_whole,
        default=14,
        metavar="N",
        help="nights in each phase (at least 7; default 14)",
    )
    start.add_argument(
        "--phases", type=_whole, default=4, metavar="K", help="an even number (default 4)"
    )
    start.add_argument(
        "--seed", type=_whole, default=None, metavar="S", help="fixes the on/off order"
    )
    status = actions.add_parser("status", parents=[common], help="the schedule and tonight")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    actions.add_parser("stop", parents=[common], help="stop the running experiment early")
    result = actions.add_parser("result", parents=[common], help="the comparison so far")
    result.add_argument("--json", action="store_true", help="machine-readable output")


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None


def run_trial(args: argparse.Namespace, root: Path) -> int:
    handler = {
        "list": _list,
        "start": _start,
        "status": _status,
        "stop": _stop,
        "result": _result,
    }[args.trial_command]
    return handler(args, root)


def _context(root: Path) -> tuple[Any, Any, int]:
    from crampcoach.commands import open_journal
    from crampcoach.localzone import now_local

    journal = open_journal(root)
    return journal, now_local(), journal.settings().night_boundary_hour


def _list(args: argparse.Namespace, root: Path) -> int:
    from crampcoach.habits import DEFAULT_HABIT, load_habits

    for habit in load_habits():
        mark = " (default)" if habit.id == DEFAULT_HABIT else ""
        routine = f" Routine: {habit.routine}." if habit.routine else ""
        print(f"{habit.id}{mark}: {habit.title}")
        print(f"  On: {habit.on}{routine}")
        print(f"  Off: {habit.off}")
        print(f"  Evidence: {habit.evidence}")
        print(f"  Safety: {habit.safety}")
    print("\nFirst aid is there on every night, 'on' or 'off'. Habits only, never medicines.")
    return 0


def _start(args: argparse.Namespace, root: Path) -> int:
    import secrets

    from crampcoach.core.times import zone_name
    from crampcoach.core.trial import TrialError, new_trial
    from crampcoach.core.trial_text import schedule_lines, status_line
    from crampcoach.exits import BadInput
    from crampcoach.habits import get_habit, load_habits
    from crampcoach.localzone import local_zone

    habit = get_habit(args.habit)
    if habit is None:
        ids = ", ".join(h.id for h in load_habits())
        raise BadInput(f"unknown habit '{args.habit}'; choose from {ids}")
    seed = secrets.randbits(32) if args.seed is None else args.seed
    journal, now, boundary = _context(root)
    try:
        trial = new_trial(
            habit.id,
            now,
            seed,
            nights_per_phase=args.nights_per_phase,
            phases=args.phases,
            tz=zone_name(local_zone()),
            boundary_hour=boundary,
        )
        journal.start_trial(trial, now, boundary)
    except TrialError as exc:
        raise BadInput(str(exc)) from None
    print(
        f"Started: {habit.title}, {trial.phase_count} phases of {trial.nights_per_phase} "
        f"nights (seed {seed})."
    )
    print(status_line(trial, now, habit.name, boundary))
    print(*schedule_lines(trial), sep="\n")
    print(f"On nights: {habit.on}\nOff nights: {habit.off}")
    print("Do the evening check-in each night, so cramp-free nights count too.")
    return 0


def _current(root: Path, command: str) -> tuple[Journal, Trial, datetime, int] | None:
    """The running or last experiment with its context, or None after saying there is none."""
    import sys

    from crampcoach.experiments import current_trial

    journal, now, boundary = _context(root)
    trial = current_trial(journal, now, boundary)
    if trial is None:
        print(f"crampcoach trial {command}: {NO_TRIAL}", file=sys.stderr)
        return None
    return journal, trial, now, boundary


def _status(args: argparse.Namespace, root: Path) -> int:
    import json

    from crampcoach.core.trial_json import status_json
    from crampcoach.core.trial_text import schedule_lines, status_line
    from crampcoach.habits import habit_name

    found = _current(root, "status")
    if found is None:
        return 1
    _journal, trial, now, boundary = found
    if args.json:
        print(json.dumps(status_json(trial, now, boundary), indent=2))
        return 0
    print(status_line(trial, now, habit_name(trial.habit), boundary))
    print(*schedule_lines(trial), sep="\n")
    return 0


def _stop(args: argparse.Namespace, root: Path) -> int:
    from crampcoach.core.trial import active_trial
    from crampcoach.exits import BadInput
    from crampcoach.habits import habit_name

    journal, now, boundary = _context(root)
    trial = active_trial(journal.trials(), now, boundary)
    if trial is None:
        raise BadInput("no experiment is running")
    stopped = journal.stop_trial(trial.id, now)
    done = stopped.phases_done(now, boundary)
    print(
        f"Stopped: {habit_name(trial.habit)}, after {done} of {trial.phase_count} phases. "
        "See the result with: crampcoach trial result"
    )
    return 0


def _result(args: argparse.Namespace, root: Path) -> int:
    import json

    from crampcoach.core.trial_json import result_json
    from crampcoach.core.trial_text import result_lines
    from crampcoach.experiments import result_for
    from crampcoach.habits import habit_name

    found = _current(root, "result")
    if found is None:
        return 1
    journal, trial, now, boundary = found
    result = result_for(journal, trial, now, boundary)
    if args.json:
        print(json.dumps(result_json(result), indent=2))
        return 0
    print(*result_lines(result, habit_name(trial.habit)), sep="\n")
    return 0
