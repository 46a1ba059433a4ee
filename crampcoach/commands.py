"""The non-interactive subcommands. Each returns an exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crampcoach import paths
from crampcoach.core.errors import ValidationError
from crampcoach.core.models import episode_from_dict
from crampcoach.core.nights import episode_night
from crampcoach.core.times import to_iso, zone_name
from crampcoach.core.vocab import label
from crampcoach.core.when import WhenError, parse_when
from crampcoach.exits import EXIT_OK, BadInput
from crampcoach.localzone import local_zone, now_local
from crampcoach.store import Journal


def open_journal(root: Path) -> Journal:
    return Journal.open(paths.journal_path(root))


def _write_output(text: str, output: str | None) -> None:
    if not output:
        sys.stdout.write(text)
        return
    from crampcoach.store.atomic import atomic_write

    target = Path(output).expanduser()
    if target.is_dir():
        raise BadInput(f"-o {output} is a folder; give a file name")
    try:
        atomic_write(target.resolve(), text.encode("utf-8"), mode=0o600)
    except OSError as exc:
        raise BadInput(f"could not write {output}: {exc.strerror}") from None
    print(f"Wrote {target}", file=sys.stderr)


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
        # parse_when already refused the future, with a minute's slack for slow typing.
        episode = episode_from_dict(raw)
    except ValidationError as exc:
        p = exc.problems[0]
        flag = {"duration_min": "--duration", "started_at": "--at", "notes": "--note"}.get(
            p.field, f"--{p.field.replace('_', '-')}"
        )
        raise BadInput(f"{flag} {p.message}") from None
    journal = open_journal(root)
    journal.add_episode(episode)
    local = episode.started_at.astimezone(zone)
    night = episode_night(episode)
    where = ", ".join(label(x) for x in episode.locations) or "leg"
    print(
        f"Saved: {where} cramp at {local.strftime('%a %d %b %H:%M')}"
        f" (night of {night.strftime('%a %d %b')})."
    )
    if when.note:
        print(f"Note: {when.note}")
    from crampcoach.advice_text import advice_after_log

    message = advice_after_log(journal, episode, now)
    if message:
        print(message)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, root: Path) -> int:
    from crampcoach.store.transfer import export_csv, export_json

    episodes = open_journal(root).episodes()
    text = export_csv(episodes) if args.format == "csv" else export_json(episodes)
    _write_output(text, args.output)
    return EXIT_OK


def cmd_import(args: argparse.Namespace, root: Path) -> int:
    from crampcoach.store.transfer import ImportRefused, read_import_file

    path = Path(args.file).expanduser()
    if not path.is_file():
        raise BadInput(f"{args.file} is not a file")
    try:
        episodes = read_import_file(path)
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

    journal = open_journal(root)
    print(stats_output(journal, now_local(), as_json=args.json))
    return EXIT_OK


def cmd_report(args: argparse.Namespace, root: Path) -> int:
    from crampcoach.stats_text import report_output

    journal = open_journal(root)
    text = report_output(journal, now_local(), fmt=args.format, days=args.days)
    _write_output(text, args.output)
    return EXIT_OK
