"""`crampcoach doctor seen [--on DATE] [--note TEXT]`: record that a doctor has seen it.

A recorded visit quiets the routine doctor reasons present at its date until something
new fires; urgent reasons are never quieted (crampcoach/core/doctor.py).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from crampcoach.exits import EXIT_OK, BadInput


def add_doctor_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    doctor = sub.add_parser(
        "doctor", parents=[common], help="record that a doctor has seen what the advice was about"
    )
    actions = doctor.add_subparsers(dest="doctor_command", metavar="ACTION", required=True)
    seen = actions.add_parser(
        "seen",
        parents=[common],
        help="a doctor has seen what the advice was about",
        description=(
            "Record a doctor's visit. The routine reasons the advice gave at that date stay "
            "quiet until something new comes up; urgent advice is never quieted."
        ),
    )
    seen.add_argument(
        "--on", default=None, metavar="DATE", help="the visit's date, YYYY-MM-DD (default: today)"
    )
    seen.add_argument("--note", default="", metavar="TEXT", help="what the doctor said (optional)")


def cmd_doctor(args: argparse.Namespace, root: Path, now: datetime | None = None) -> int:
    from crampcoach.core.doctor_visit import visit_from_dict
    from crampcoach.core.errors import ValidationError
    from crampcoach.core.patterns import format_night
    from crampcoach.localzone import now_local

    now = now or now_local()
    today = now.date()
    raw = {"seen_on": args.on if args.on is not None else today, "note": args.note}
    try:
        visit = visit_from_dict(raw, today=today)
    except ValidationError as exc:
        problem = exc.problems[0]
        flag = "--on" if problem.field == "seen_on" else "--note"
        raise BadInput(f"{flag}: {problem.message}") from None
    from crampcoach.commands import open_journal

    journal = open_journal(root)
    journal.add_doctor_visit(visit)
    print(
        f"Saved: a doctor's visit on {format_night(visit.seen_on, year=True)}. Routine advice "
        "given then stays quiet until something new comes up; urgent advice never does."
    )
    from crampcoach.advice_text import current_advice

    advice = current_advice(journal, now)
    if advice.level != "none":
        print(f"Still: {advice.headline}", file=sys.stdout)
    return EXIT_OK
