"""Export and import of episodes: CSV and JSON files, all-or-nothing, idempotent."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from crampcoach.core.errors import ValidationError
from crampcoach.core.models import Episode
from crampcoach.core.rows import (
    CSV_COLUMNS,
    episode_to_json,
    episode_to_row,
    json_to_episode,
    row_to_episode,
)

MAX_ERRORS_SHOWN = 20


def export_csv(episodes: Iterable[Episode]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    # With "\n" line ends the csv module leaves a lone "\r" unquoted, which breaks the
    # row on reading: quote every cell of such a row.
    quoted = csv.DictWriter(
        out, fieldnames=list(CSV_COLUMNS), lineterminator="\n", quoting=csv.QUOTE_ALL
    )
    writer.writeheader()
    for ep in episodes:
        row = episode_to_row(ep)
        (quoted if "\r" in row["notes"] else writer).writerow(row)  # older records only
    return out.getvalue()


def export_json(episodes: Iterable[Episode]) -> str:
    doc = {
        "format": "crampcoach-episodes",
        "version": 1,
        "episodes": [episode_to_json(e) for e in episodes],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str
    unit: str = "line"  # JSON problems are counted by record, not by line

    def __str__(self) -> str:
        return f"{self.unit} {self.line}: {self.field}: {self.message}"


class ImportRefused(ValueError):
    """The file had problems; nothing was imported."""

    def __init__(self, errors: list[RowError], path: str = "") -> None:
        self.errors = errors
        shown = "\n".join(f"  {e}" for e in errors[:MAX_ERRORS_SHOWN])
        more = len(errors) - MAX_ERRORS_SHOWN
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(
            f"Nothing was imported from {path or 'the file'}: {len(errors)} problem(s).\n"
            f"{shown}{tail}"
        )


def _header_problems(header: list[str]) -> list[RowError]:
    if not header or header == [""]:
        return [RowError(1, "header", "the file is empty")]
    errors = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            errors.append(RowError(1, name, "this column appears twice"))
        seen.add(name)
        if name not in CSV_COLUMNS:
            errors.append(
                RowError(1, name[:40], f"unknown column; columns are {', '.join(CSV_COLUMNS)}")
            )
    if "started_at" not in seen:
        errors.append(
            RowError(
                1, "header", f"needs a started_at column; columns are {', '.join(CSV_COLUMNS)}"
            )
        )
    return errors


def parse_csv(text: str, *, now: datetime | None = None) -> list[Episode]:
    """Read a CSV file strictly: duplicate or unknown columns, extra cells and broken
    quoting are refused with their line. With ``now``, the time limits of ``log`` apply."""
    errors: list[RowError] = []
    episodes: list[Episode] = []
    # newline="": line ends inside quoted cells stay as they were written.
    # strict: an unterminated quote or a stray one is an error, not silently accepted.
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise ImportRefused([RowError(1, "header", f"broken quoting ({exc})")]) from None
    header_errors = _header_problems(header)
    if header_errors:
        raise ImportRefused(header_errors)
    try:
        for cells in reader:
            line = reader.line_num
            if not cells or cells == [""]:
                continue  # a blank line
            if len(cells) > len(header):
                errors.append(RowError(line, "row", "has more cells than there are columns"))
                continue
            row = dict(zip(header, cells, strict=False))
            try:
                episodes.append(row_to_episode(row, now=now))
            except ValidationError as exc:
                errors.extend(RowError(line, p.field, p.message) for p in exc.problems)
    except csv.Error as exc:
        errors.append(RowError(reader.line_num, "csv", f"broken quoting ({exc})"))
    if errors:
        raise ImportRefused(errors)
    return episodes


def parse_json(text: str, *, now: datetime | None = None) -> list[Episode]:
    try:
        doc = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ImportRefused([RowError(exc.lineno, "json", exc.msg)]) from None
    except (ValueError, RecursionError) as exc:  # e.g. too deeply nested, too many digits
        raise ImportRefused([RowError(1, "json", str(exc))]) from None
    items = doc.get("episodes") if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise ImportRefused(
            [RowError(1, "json", 'expected a list of episodes or {"episodes": [...]}')]
        )
    errors: list[RowError] = []
    episodes: list[Episode] = []
    ids: dict[str, int] = {}
    for index, obj in enumerate(items, start=1):
        try:
            episode = json_to_episode(obj, now=now)
        except ValidationError as exc:
            errors.extend(RowError(index, p.field, p.message, "record") for p in exc.problems)
            continue
        if isinstance(obj, dict) and obj.get("id"):
            if episode.id in ids:
                errors.append(
                    RowError(index, "id", f"is used by record {ids[episode.id]} too", "record")
                )
            ids.setdefault(episode.id, index)
        episodes.append(episode)
    if errors:
        raise ImportRefused(errors)
    return episodes


def read_import_file(path: Path, *, now: datetime | None = None) -> list[Episode]:
    """Read and validate every record; raise ImportRefused listing each problem.

    ``now`` (the command line and the app hand it in) applies the time limits of ``log``:
    nothing in the future, nothing before 1900. A byte-order mark is allowed in both
    formats."""
    try:
        # Not read_text: its newline translation would turn "\r" in a quoted note into "\n".
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise ImportRefused([RowError(1, "file", "is not UTF-8 text")], str(path)) from None
    try:
        stripped = text.lstrip("\ufeff \t\r\n")
        if path.suffix.lower() == ".json" or stripped.startswith(("{", "[")):
            return parse_json(text, now=now)
        return parse_csv(text, now=now)
    except ImportRefused as exc:
        raise ImportRefused(exc.errors, str(path)) from None
