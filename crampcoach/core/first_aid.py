"""First aid now: the keys, the measured duration and the episode it saves. Pure stdlib.

The screens only read keys and clocks; every rule a test wants to check lives here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from crampcoach.core import vocab

# One key per place; the numbers are the ones shown on the "Where does it hurt?" screen.
LOCATION_KEYS: dict[str, str] = {
    "1": "calf",
    "2": "foot",
    "3": "toes",
    "4": "front-thigh",
    "5": "back-thigh",
    "6": "other",
}
LOCATION_WORDS: dict[str, str] = {
    "calf": "Calf",
    "foot": "Foot",
    "toes": "Toes",
    "front-thigh": "Front of thigh",
    "back-thigh": "Back of thigh",
    "other": "Somewhere else",
}
SIDE_KEYS: dict[str, str] = {"l": "left", "r": "right", "b": "both"}

NOT_PASSED_NOTE = "It had not passed yet when this was saved."


def intensity_from_key(key: str) -> int | None:
    """1–9 are themselves, 0 means 10 (one key for every strength); anything else is None."""
    if len(key) == 1 and key.isdigit():
        return 10 if key == "0" else int(key)
    return None


def measured_duration_s(start: float, end: float) -> int:
    """Whole seconds between two readings of a monotonic clock, within the journal's limits."""
    seconds = round(end - start)
    return max(0, min(vocab.DURATION_MAX_S, seconds))


def first_aid_episode(
    *,
    started_at: datetime,
    duration_s: int,
    location: str | None,
    relief: tuple[str, ...] | list[str],
    tz: str | None,
    intensity: int | None = None,
    side: str | None = None,
    passed: bool | None = None,
) -> dict[str, Any]:
    """The raw episode (for ``episode_from_dict``) that a first-aid session saves."""
    return {
        "started_at": started_at,
        "duration_s": duration_s,
        "side": side,
        "locations": [location] if location else [],
        "intensity": intensity,
        "woke_me": True,
        "relief": list(relief),
        "notes": NOT_PASSED_NOTE if passed is False else "",
        "source": "first-aid",
        "tz": tz,
    }
