"""Aware instants, ISO 8601 with offsets, and typed local times around DST changes.

Everything here is handed its zone and its "now"; nothing reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo


class NaiveTimeError(ValueError):
    """A datetime without a UTC offset reached a place that stores instants."""


def require_aware(value: datetime, what: str = "time") -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveTimeError(f"{what} has no UTC offset; refusing to store a naive time")
    return value


def to_iso(value: datetime) -> str:
    """ISO 8601 with the UTC offset, to the second (e.g. 2026-11-22T03:10:00+01:00)."""
    require_aware(value)
    return value.replace(microsecond=0).isoformat()


def from_iso(text: str) -> datetime:
    """Parse an ISO 8601 instant; it must carry its UTC offset."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return require_aware(value, f"'{text}'")


def zone_name(zone: tzinfo | None) -> str | None:
    """The IANA name of a zone, when it has one."""
    key = getattr(zone, "key", None)
    return key if isinstance(key, str) else None


def duration_s(start: datetime, end: datetime) -> int:
    """Elapsed seconds between two aware instants, computed in UTC (DST-safe)."""
    require_aware(start, "start")
    require_aware(end, "end")
    # Convert first: Python subtracts two datetimes that share a tzinfo on their wall
    # clocks, so 01:00 -> 04:00 across spring-forward would come out as 3 h.
    utc = timezone_utc()
    return round((end.astimezone(utc) - start.astimezone(utc)).total_seconds())


@dataclass(frozen=True)
class LocalResolution:
    """What a typed wall-clock time means in a zone.

    ``instant`` is the chosen instant; ``note`` explains any correction. When the
    time falls in a repeated hour, ``choices`` holds both instants and the caller
    must ask which one was meant.
    """

    instant: datetime
    note: str | None = None
    choices: tuple[datetime, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return len(self.choices) > 1


def resolve_local(day: date, wall: time, zone: tzinfo) -> LocalResolution:
    """Turn a local date and wall time into an instant, handling DST gaps and overlaps."""
    naive = datetime.combine(day, wall.replace(tzinfo=None, fold=0))
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return LocalResolution(first)
    # Offsets differ: either a gap (the wall time never happened) or an overlap.
    round_trip = first.astimezone(timezone_utc()).astimezone(zone)
    if round_trip.replace(tzinfo=None) != naive:
        # In a gap: the clocks jumped over this time. Keep the same elapsed instant
        # the user most likely means (the pre-change offset) and say so.
        corrected = first.astimezone(timezone_utc()).astimezone(zone)
        note = (
            f"{wall.strftime('%H:%M')} did not exist on {day.isoformat()} "
            f"(the clocks went forward); saved as {corrected.strftime('%H:%M %Z')}."
        )
        return LocalResolution(corrected, note=note)
    a = first.astimezone(timezone_utc())
    b = second.astimezone(timezone_utc())
    earlier, later = sorted((a, b))
    note = f"{wall.strftime('%H:%M')} happened twice on {day.isoformat()} (the clocks went back)."
    return LocalResolution(
        earlier.astimezone(zone),
        note=note,
        choices=(earlier.astimezone(zone), later.astimezone(zone)),
    )


def timezone_utc() -> tzinfo:
    from datetime import UTC

    return UTC


def last_night_date(now: datetime, boundary_hour: int = 12) -> date:
    """The evening date of the most recent night that has begun by ``now``."""
    local = now
    day = local.date()
    return day - timedelta(days=1) if local.hour < boundary_hour else day


def parse_clock(text: str) -> time | None:
    """Parse '03:10', '3:10', '0310', '3' into a wall time; None if it is not one (nor
    '0:001' or '3:-5': around a colon, one or two digits each)."""
    t = text.strip().lower()
    suffix = None
    for s in ("a.m.", "p.m.", "am", "pm"):
        if t.endswith(s):
            suffix = s[0]
            t = t[: -len(s)].strip()
            break
    t = t.replace(".", ":")
    try:
        if ":" in t:
            hh, mm = t.split(":", 1)
            # One or two digits each ('3:5' is 03:05): '0:001' is a slip, not 00:01.
            if not (hh.isdigit() and mm.isdigit() and len(hh) <= 2 and len(mm) <= 2):
                return None
            hour, minute = int(hh), int(mm)
        elif t.isdigit() and len(t) in (3, 4):
            hour, minute = int(t[:-2]), int(t[-2:])
        elif t.isdigit() and len(t) in (1, 2):
            hour, minute = int(t), 0
        else:
            return None
    except ValueError:
        return None
    if suffix is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "p" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def place_in_last_night(wall: time, now: datetime, boundary_hour: int = 12) -> date:
    """The calendar day a typed time belongs on, read as "during last night".

    Times after the night boundary belong to the evening; earlier times to the
    morning after. A result in the future moves back a night.
    """
    evening = last_night_date(now, boundary_hour)
    day = evening if wall.hour >= boundary_hour else evening + timedelta(days=1)
    candidate = datetime.combine(day, wall)
    if candidate > now.replace(tzinfo=None):
        day -= timedelta(days=1)
    return day
