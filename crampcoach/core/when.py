"""Read what a person types for "when": now, 03:10, last night 03:10, yesterday 23:40, ISO.

Pure: the caller hands in ``now`` (aware, local) and the local zone.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo

from crampcoach.core.times import (
    LocalResolution,
    parse_clock,
    place_in_last_night,
    resolve_local,
)
from crampcoach.core.validate import YEAR_MAX, YEAR_MIN

ALLOWED = (
    "now, a time like 03:10 (put on last night), 'last night 03:10', "
    "'today 07:30', 'yesterday 23:40', '2026-11-22 03:10' or 2026-11-22T03:10:00+01:00"
)


class WhenError(ValueError):
    pass


_PREFIX = re.compile(r"^(last night|tonight|today|yesterday)(?:\s+at)?\s+(.+)$")


def parse_when(text: str, now: datetime, zone: tzinfo, boundary_hour: int = 12) -> LocalResolution:
    """Turn typed text into an instant; raise WhenError naming what is allowed.

    Years outside the journal's range (e.g. 0001 or 9999 with an extreme offset, which
    overflow when moved to UTC) are refused here like any other unreadable time.
    """
    try:
        res = _parse_when(text, now, zone, boundary_hour)
        res.instant.astimezone(UTC)
    except OverflowError:
        raise WhenError(f"'{text}' is out of range; use a year from {YEAR_MIN} on") from None
    if not YEAR_MIN <= res.instant.year <= YEAR_MAX:
        raise WhenError(f"'{text}' is out of range; use a year from {YEAR_MIN} on")
    return res


def _parse_when(text: str, now: datetime, zone: tzinfo, boundary_hour: int) -> LocalResolution:
    raw = " ".join(text.strip().lower().split())
    if raw in ("", "now"):
        return LocalResolution(now.astimezone(zone).replace(microsecond=0))
    local_now = now.astimezone(zone)
    m = _PREFIX.match(raw)
    if m:
        word, clock_text = m.groups()
        wall = parse_clock(clock_text)
        if wall is None:
            raise WhenError(f"'{text}' has no time I can read; use {ALLOWED}")
        if word in ("last night", "tonight"):
            day = place_in_last_night(wall, local_now.replace(tzinfo=None), boundary_hour)
        elif word == "today":
            day = local_now.date()
        else:
            day = local_now.date() - timedelta(days=1)
        return _checked(resolve_local(day, wall, zone), now, text)
    wall = parse_clock(raw)
    if wall is not None:
        day = place_in_last_night(wall, local_now.replace(tzinfo=None), boundary_hour)
        return _checked(resolve_local(day, wall, zone), now, text)
    try:
        value = datetime.fromisoformat(raw.upper().replace("Z", "+00:00"))
    except ValueError:
        try:
            value = datetime.strptime(raw, "%Y-%m-%d %H:%M")
        except ValueError:
            raise WhenError(f"'{text}' is not a time I can read; use {ALLOWED}") from None
    if value.tzinfo is not None:
        return _checked(LocalResolution(value), now, text)
    if len(raw) == 10:  # a bare date is not an instant
        raise WhenError(f"'{text}' has no time of day; use {ALLOWED}")
    return _checked(resolve_local(value.date(), value.time(), zone), now, text)


def _checked(res: LocalResolution, now: datetime, text: str) -> LocalResolution:
    # A minute of slack: the clock moved while the person typed.
    # Compare in UTC: datetimes sharing a zone compare on wall clocks, ignoring fold.
    if res.instant.astimezone(UTC) > now.astimezone(UTC) + timedelta(minutes=1):
        raise WhenError(f"'{text}' is in the future; a cramp can only be logged once it began")
    return res
