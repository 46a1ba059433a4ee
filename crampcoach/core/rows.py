"""Episodes as flat rows for CSV and JSON export/import (pure)."""

from __future__ import annotations

from collections.abc import Mapping
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
        "notes": ep.notes,
    }


def row_to_episode(row: Mapping[str, Any]) -> Episode:
    """Validate one CSV row; ValidationError lists every bad field."""
    unknown = [k for k in row if k not in CSV_COLUMNS and k is not None]
    problems = [
        Problem(k, f"unknown column; columns are {', '.join(CSV_COLUMNS)}") for k in unknown
    ]
    if None in row:  # csv.DictReader puts extra cells under the None key
        problems.append(Problem("row", "has more cells than there are columns"))
    raw: dict[str, Any] = {k: (v if v is not None else "") for k, v in row.items() if k}
    raw["source"] = "import"
    try:
        episode = episode_from_dict(raw)
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


def json_to_episode(obj: Any) -> Episode:
    if not isinstance(obj, Mapping):
        raise ValidationError([Problem("record", "is not an object with episode fields")])
    unknown = sorted(set(obj) - JSON_KEYS)
    problems = [Problem(k, "unknown field") for k in unknown]
    try:
        episode = episode_from_dict(obj)
    except ValidationError as exc:
        raise ValidationError(problems + exc.problems) from None
    if problems:
        raise ValidationError(problems)
    return episode
