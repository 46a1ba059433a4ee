"""Episodes as flat rows for CSV and JSON export/import (pure)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from crampcoach.core.errors import Problem, ValidationError
from crampcoach.core.models import Episode, episode_from_dict
from crampcoach.core.times import to_iso

CSV_COLUMNS: tuple[str, ...] = (
    "started_at",
    "duration_min",
    "side",
    "locations",
    "intensity",
    "woke_me",
    "triggers",
    "relief",
    "red_flags",
    "notes",
)
LIST_COLUMNS = ("locations", "triggers", "relief", "red_flags")


# OWASP "CSV injection": a cell starting with one of these is run as a formula by
# spreadsheets. On export such a cell gets a leading apostrophe (shown as text, not run);
# import removes it. Cells that already start with apostrophes before such a character get
# one more, so the round trip is exact for every text, and a hand-typed "'hello" is kept.
_FORMULA_START = "=+-@\t\r"
_NEEDS_QUOTE = re.compile(f"'*[{re.escape(_FORMULA_START)}]")
_QUOTED = re.compile(f"'+[{re.escape(_FORMULA_START)}]")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` as written to CSV: a formula-like start is neutralised with an apostrophe."""
    return "'" + cell if _NEEDS_QUOTE.match(cell) else cell


def from_spreadsheet_safe(cell: str) -> str:
    """The inverse of ``spreadsheet_safe``: ``from_spreadsheet_safe(spreadsheet_safe(t)) == t``."""
    return cell[1:] if _QUOTED.match(cell) else cell


def _minutes(seconds: int | None) -> str:
    if seconds is None:
        return ""
    minutes = seconds / 60
    return f"{minutes:g}" if minutes == round(minutes, 4) else f"{minutes:.4f}"


def episode_to_row(ep: Episode) -> dict[str, str]:
    return {
        "started_at": to_iso(ep.started_at),
        "duration_min": _minutes(ep.duration_s),
        "side": ep.side or "",
        "locations": ";".join(ep.locations),
        "intensity": "" if ep.intensity is None else str(ep.intensity),
        "woke_me": "yes" if ep.woke_me else "no",
        "triggers": ";".join(ep.triggers),
        "relief": ";".join(ep.relief),
        "red_flags": ";".join(ep.red_flags),
        "notes": spreadsheet_safe(ep.notes),
    }


def _line_ends(raw: dict[str, Any]) -> dict[str, Any]:
    """Line ends in an imported note become newlines: files made on Windows or by a
    spreadsheet carry CR LF, and a carriage return is a control character the gate refuses."""
    notes = raw.get("notes")
    if isinstance(notes, str) and "\r" in notes:
        raw["notes"] = notes.replace("\r\n", "\n").replace("\r", "\n")
    return raw


def row_to_episode(row: Mapping[str, Any], *, now: datetime | None = None) -> Episode:
    """Validate one CSV row through the episode gate; ValidationError lists every bad
    field. With ``now``, the same time limits as ``log`` apply."""
    unknown = [k for k in row if k not in CSV_COLUMNS and k is not None]
    problems = [
        Problem(k, f"unknown column; columns are {', '.join(CSV_COLUMNS)}") for k in unknown
    ]
    if None in row:  # csv.DictReader puts extra cells under the None key
        problems.append(Problem("row", "has more cells than there are columns"))
    raw: dict[str, Any] = {
        k: (from_spreadsheet_safe(v) if isinstance(v, str) else "") for k, v in row.items() if k
    }
    raw["source"] = "import"
    try:
        episode = episode_from_dict(_line_ends(raw), now=now)
    except ValidationError as exc:
        raise ValidationError(problems + exc.problems) from None
    if problems:
        raise ValidationError(problems)
    return episode


def episode_to_json(ep: Episode) -> dict[str, Any]:
    return {
        "id": ep.id,
        "started_at": to_iso(ep.started_at),
        "tz": ep.tz,
        "duration_s": ep.duration_s,
        "side": ep.side,
        "locations": list(ep.locations),
        "intensity": ep.intensity,
        "woke_me": ep.woke_me,
        "triggers": list(ep.triggers),
        "relief": list(ep.relief),
        "red_flags": list(ep.red_flags),
        "notes": ep.notes,
        "source": ep.source,
    }


JSON_KEYS = frozenset(
    (
        *("id", "started_at", "tz", "duration_s", "side", "locations", "intensity", "woke_me"),
        *("triggers", "relief", "red_flags", "notes", "source"),
    )
)


def json_to_episode(obj: Any, *, now: datetime | None = None) -> Episode:
    if not isinstance(obj, Mapping):
        raise ValidationError([Problem("record", "is not an object with episode fields")])
    unknown = sorted(str(k)[:40] for k in set(obj) - JSON_KEYS)
    problems = [Problem(k, "unknown field") for k in unknown]
    try:
        episode = episode_from_dict(_line_ends(dict(obj)), now=now)
    except ValidationError as exc:
        raise ValidationError(problems + exc.problems) from None
    if problems:
        raise ValidationError(problems)
    return episode
