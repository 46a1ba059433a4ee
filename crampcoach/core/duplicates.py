"""The same cramp logged twice: one rule for the app's question and the CLI's warning."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, timedelta

from crampcoach.core.models import Episode

# Typed times are to the minute and memories are rough: within this, it is the same cramp.
SAME_CRAMP_WINDOW = timedelta(minutes=15)


def same_place(a: Episode, b: Episode) -> bool:
    """Same leg (or one side not noted) and a shared spot (or neither noted)."""
    if a.side and b.side and a.side != b.side and "both" not in (a.side, b.side):
        return False
    if a.locations and b.locations:
        return bool(set(a.locations) & set(b.locations))
    return not a.locations and not b.locations


def find_duplicates(
    new: Episode, existing: Iterable[Episode], window: timedelta = SAME_CRAMP_WINDOW
) -> list[Episode]:
    """Episodes already logged that look like ``new``: close in time and in the same place.

    The episode being edited (same id) never counts as its own duplicate.
    """
    start = new.started_at.astimezone(UTC)
    found = [
        ep
        for ep in existing
        if ep.id != new.id
        and abs(ep.started_at.astimezone(UTC) - start) <= window
        and same_place(new, ep)
    ]
    return sorted(found, key=lambda ep: ep.started_at.astimezone(UTC))
