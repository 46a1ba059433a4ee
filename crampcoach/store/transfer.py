"""Export and import of episodes: CSV and JSON files, all-or-nothing, idempotent."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
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
        (quoted if "\r" in row["notes"] else writer).writerow(row)
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


def parse_csv(text: str) -> list[Episode]:
    errors: list[RowError] = []
    episodes: list[Episode] = []
    # newline="": line ends inside quoted cells stay as they were written.
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""), restkey=None)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise ImportRefused([RowError(1, "header", str(exc))]) from None
    missing = [c for c in ("started_at",) if c not in header]
    if not header:
        raise ImportRefused([RowError(1, "header", "the file is empty")])
    if missing:
        raise ImportRefused(
            [
                RowError(
                    1, "header", f"needs a started_at column; columns are {', '.join(CSV_COLUMNS)}"
                )
            ]
        )
    try:
        for row in reader:
            line = reader.line_num
            try:
                episodes.append(row_to_episode(row))
            except ValidationError as exc:
                errors.extend(RowError(line, p.field, p.message) for p in exc.problems)
    except csv.Error as exc:
        errors.append(RowError(reader.line_num, "csv", str(exc)))
    if errors:
        raise ImportRefused(errors)
    return episodes


def parse_json(text: str) -> list[Episode]:
    try:
        doc = json.loads(text)
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
    for index, obj in enumerate(items, start=1):
        try:
            episodes.append(json_to_episode(obj))
        except ValidationError as exc:
            errors.extend(RowError(index, p.field, p.message, "record") for p in exc.problems)
    if errors:
        raise ImportRefused(errors)
    return episodes


def read_import_file(path: Path) -> list[Episode]:
    """Read and validate every record; raise ImportRefused listing each problem."""
    try:
        # Not read_text: its newline translation would turn "\r" in a quoted note into "\n".
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise ImportRefused([RowError(1, "file", "is not UTF-8 text")], str(path)) from None
    try:
        stripped = text.lstrip("\ufeff \t\r\n")
        if path.suffix.lower() == ".json" or stripped.startswith(("{", "[")):
            return parse_json(text)
        return parse_csv(text)
    except ImportRefused as exc:
        raise ImportRefused(exc.errors, str(path)) from None
