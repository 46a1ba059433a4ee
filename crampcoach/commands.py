"""The non-interactive subcommands. Each returns an exit code."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

from crampcoach import paths
from crampcoach.core.errors import ValidationError
from crampcoach.core.models import Episode, episode_from_dict
from crampcoach.core.nights import episode_night
from crampcoach.core.times import to_iso, zone_name
from crampcoach.core.vocab import label
from crampcoach.core.when import WhenError, parse_when
from crampcoach.exits import EXIT_OK, BadInput, CommandFailed
from crampcoach.localzone import local_zone, now_local
from crampcoach.store import Journal


def open_journal(root: Path, *, create: bool = True) -> Journal:
    """The journal; read-only commands pass ``create=False`` so they never create one.

    What the journal says once on opening (an upgrade, merged first-aid entries) goes to
    stderr, so a pipe of ``export`` output stays clean.
    """
    journal = Journal.open(paths.journal_path(root), create=create)
    if journal.notice:
        print(journal.notice, file=sys.stderr)
        journal.notice = None
    return journal


def _write_output(text: str, output: str | None, root: Path) -> None:
    from crampcoach.outputs import OutputFailed, OutputRefused, write_output

    try:
        where = write_output(text.encode("utf-8"), output or "-", root)
    except OutputRefused as exc:
        raise BadInput(str(exc)) from None
    except OutputFailed as exc:
        raise CommandFailed(str(exc)) from None
    if output and output != "-":
        print(f"Wrote {where}", file=sys.stderr)


def _confirm(lines: list[str]) -> None:
    """Print what was saved. The save already happened: if stdout cannot take the text
    (a full disk, a closed pipe), say so on stderr and still exit 0."""
    try:
        sys.stdout.write("".join(f"{line}\n" for line in lines))
        sys.stdout.flush()
    except OSError as exc:
        from crampcoach.exits import silence_stdout as _silence_stdout
        from crampcoach.store.storage import describe_os_error

        _silence_stdout()
        print(
            f"crampcoach log: saved; the confirmation could not be printed "
            f"({describe_os_error(exc)})",
            file=sys.stderr,
        )


def cmd_log(args: argparse.Namespace, root: Path) -> int:
    zone = local_zone()
    now = now_local(zone)
    try:
        when = parse_when(args.at, now, zone)
    except WhenError as exc:
        raise BadInput(f"--at {exc}") from None
    if when.ambiguous:
        options = " or ".join(to_iso(c) for c in when.choices)
        raise BadInput(f"--at {when.note} Say which one: --at {options}")
    raw = {
        "started_at": when.instant,
        "tz": zone_name(zone),
        "duration_min": args.duration,
        "side": args.side,
        "locations": args.location or [],
        "intensity": args.intensity,
        "woke_me": not args.slept_through,
        "triggers": args.trigger or [],
        "relief": args.relief or [],
        "red_flags": args.red_flag or [],
        "notes": args.note,
        "source": "manual",
    }
    try:
        # The same gate and time limits as the forms and import.
        episode = episode_from_dict(raw, now=now)
    except ValidationError as exc:
        p = exc.problems[0]
        flag = {"duration_min": "--duration", "started_at": "--at", "notes": "--note"}.get(
            p.field, f"--{p.field.replace('_', '-')}"
        )
        raise BadInput(f"{flag} {p.message}") from None
    journal = open_journal(root)
    twin = _same_time_and_place(journal, episode)
    journal.add_episode(episode)
    local = episode.started_at.astimezone(zone)
    night = episode_night(episode)
    where = ", ".join(label(x) for x in episode.locations) or "leg"
    if twin is not None:
        print(
            "crampcoach log: note: an episode at the same time and place was already logged; "
            "both are kept (delete one in History if it was logged twice).",
            file=sys.stderr,
        )
    lines = [
        f"Saved: {where} cramp at {local.strftime('%a %d %b %H:%M')}"
        f" (night of {night.strftime('%a %d %b')})."
    ]
    if when.note:
        lines.append(f"Note: {when.note}")
    from crampcoach.advice_text import advice_after_log

    message = advice_after_log(journal, episode, now)
    if message:
        lines.append(message)
    _confirm(lines)
    return EXIT_OK


def _same_time_and_place(journal: Journal, episode: Episode) -> Episode | None:
    """An episode already logged in the same minute, on the same side and places."""
    minute = episode.started_at.timestamp() // 60
    for other in journal.episodes_since(episode.started_at - timedelta(minutes=1)):
        if (
            other.started_at.timestamp() // 60 == minute
            and other.side == episode.side
            and other.locations == episode.locations
        ):
            return other
    return None


def cmd_export(args: argparse.Namespace, root: Path) -> int:
    from crampcoach.store.transfer import export_csv, export_json

    episodes = open_journal(root, create=False).episodes()
    text = export_csv(episodes) if args.format == "csv" else export_json(episodes)
    _write_output(text, args.output, root)
    return EXIT_OK


def cmd_import(args: argparse.Namespace, root: Path) -> int:
    from crampcoach.store.transfer import ImportRefused, read_import_file

    try:
        path = Path(args.file).expanduser()
    except RuntimeError:
        raise BadInput(f"{args.file}: that user's home folder is unknown") from None
    if not path.is_file():
        raise BadInput(f"{args.file} is not a file")
    try:
        # The same time limits as log: nothing in the future, nothing before 1900.
        episodes = read_import_file(path, now=now_local())
    except ImportRefused as exc:
        raise BadInput(str(exc)) from None
    except OSError as exc:
        raise BadInput(f"could not read {args.file}: {exc.strerror}") from None
    added = open_journal(root).add_episodes(episodes)
    skipped = len(episodes) - added
    print(f"Imported {added} episode(s) from {path}; {skipped} already in the journal.")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace, root: Path) -> int:
    from crampcoach.stats_text import stats_output

    journal = open_journal(root, create=False)
    print(stats_output(journal, now_local(), as_json=args.json))
    return EXIT_OK


def cmd_report(args: argparse.Namespace, root: Path) -> int:
    from crampcoach.stats_text import report_output

    journal = open_journal(root, create=False)
    text = report_output(journal, now_local(), fmt=args.format, days=args.days)
    _write_output(text, args.output, root)
    return EXIT_OK
