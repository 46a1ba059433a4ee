"""The gate's building blocks: one check per kind of value, shared by every record type.

Every way in (forms, ``log``, import, loading the journal, migrations, settings, profile,
user routine files) goes through the record validators in ``models``, and they are built
only from these checks, so a rule cannot differ between two ways in. The checks are
written for speed on the common case (a value of the right type), because loading a
journal with years of records runs them tens of thousands of times.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from crampcoach.core.errors import Problem
from crampcoach.core.text import control_name, first_control

# Years a record may carry. Far enough from 1 and 9999 that moving an instant by any UTC
# offset, or to the evening of its night, never overflows. A cramp logged before 1900 is a
# typing mistake; the upper bound only guards arithmetic (``log`` and import also refuse
# the future).
YEAR_MIN, YEAR_MAX = 1900, 2999
# ``log`` allows a minute of clock drift while the person typed; import uses the same rule.
FUTURE_SLACK = timedelta(minutes=1)

ZONE_NAME_MAX = 64
ID_MAX = 64
_ZONE_RE = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*\Z")
_ID_RE = re.compile(r"[A-Za-z0-9_.:\-]+\Z")
# Plain decimals only: no exponents, no inf/nan, no signs, no thousands separators.
_DECIMAL_RE = re.compile(r"\d{1,9}(?:\.\d{1,9})?\Z")
_WHOLE_RE = re.compile(r"\d{1,9}\Z")
_TRUE = frozenset(("yes", "true", "1", "y"))
_FALSE = frozenset(("no", "false", "0", "n"))


@lru_cache(maxsize=1024)
def zone_exists(name: str) -> bool:
    """Is ``name`` a zone in the zone database? (A folder such as ``Europe`` is not.)"""
    if len(name) > ZONE_NAME_MAX or not _ZONE_RE.match(name):
        return False
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: IsADirectoryError for "Europe", PermissionError and the like.
        return False
    return True


def zone(value: Any, key: str, problems: list[Problem]) -> str | None:
    """An optional IANA zone name."""
    if value is None or value == "":
        return None
    if type(value) is str and zone_exists(value):
        return value
    problems.append(Problem(key, "is not a time zone name like Europe/Berlin"))
    return None


def text(
    value: Any, key: str, max_len: int, problems: list[Problem], *, required: bool = False
) -> str:
    """Free text: a string of at most ``max_len`` characters, UTF-8, no control characters
    other than newline and tab (they could drive the terminal that shows it)."""
    if value is None or value == "":
        if required:
            problems.append(Problem(key, "is required"))
        return ""
    if type(value) is not str:
        problems.append(Problem(key, "must be text"))
        return ""
    if len(value) > max_len:
        problems.append(Problem(key, f"is {len(value)} characters; at most {max_len} fit"))
        return ""
    bad = first_control(value)
    if bad is not None:
        what = "a NUL character" if bad == "\x00" else f"the control character {control_name(bad)}"
        problems.append(Problem(key, f"contains {what}; only text is kept"))
        return ""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate, e.g. a non-UTF-8 byte in argv
            problems.append(Problem(key, "contains bytes that are not UTF-8 text"))
            return ""
    return value


def record_id(value: Any, key: str, problems: list[Problem]) -> str | None:
    """A record id: letters, digits and ``_ . : -``, at most 64 characters."""
    if value is None or value == "":
        return None
    if type(value) is str and len(value) <= ID_MAX and _ID_RE.match(value):
        return value
    problems.append(Problem(key, f"must be letters, digits or -_.: (at most {ID_MAX})"))
    return None


def _in_range(value: datetime, key: str, problems: list[Problem]) -> datetime | None:
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        problems.append(
            Problem(key, f"year {value.year} is out of range; use {YEAR_MIN} to {YEAR_MAX}")
        )
        return None
    return value


def instant(value: Any, key: str, problems: list[Problem]) -> datetime | None:
    """A required aware instant: a datetime or ISO 8601 text with its UTC offset."""
    if value is None or value == "":
        problems.append(Problem(key, "is required (a time with its UTC offset)"))
        return None
    if type(value) is str:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            try:
                parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                problems.append(
                    Problem(key, f"'{value}' is not a date and time like 2026-11-22T03:10:00+01:00")
                )
                return None
        if parsed.tzinfo is None:
            problems.append(
                Problem(
                    key, f"'{value}' has no UTC offset; write it like 2026-11-22T03:10:00+01:00"
                )
            )
            return None
        return _in_range(parsed, key, problems)
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            problems.append(Problem(key, "has no UTC offset"))
            return None
        return _in_range(value, key, problems)
    problems.append(
        Problem(key, f"'{value}' is not a date and time like 2026-11-22T03:10:00+01:00")
    )
    return None


def not_future(
    value: datetime | None, now: datetime | None, key: str, problems: list[Problem]
) -> None:
    """The one time limit for what a person enters (``log``, the forms, import):
    a cramp can only be recorded once it began. (Before 1900 is refused by ``instant``.)"""
    if value is None or now is None:
        return
    # Compare in UTC: aware datetimes sharing a tzinfo compare on their wall clocks.
    if value.astimezone(UTC) > now.astimezone(UTC) + FUTURE_SLACK:
        problems.append(Problem(key, "is in the future; a cramp can only be logged once it began"))


def day(value: Any, key: str, problems: list[Problem]) -> date | None:
    """A calendar date (``YYYY-MM-DD``) within the years a record may carry."""
    parsed: date | None = None
    if type(value) is str:
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            parsed = None
    elif isinstance(value, date) and not isinstance(value, datetime):
        parsed = value
    if parsed is None:
        problems.append(Problem(key, f"'{value}' is not a date like 2026-11-21"))
        return None
    if not YEAR_MIN <= parsed.year <= YEAR_MAX:
        problems.append(
            Problem(key, f"year {parsed.year} is out of range; use {YEAR_MIN} to {YEAR_MAX}")
        )
        return None
    return parsed


def whole(value: Any, key: str, lo: int, hi: int, problems: list[Problem], what: str) -> int | None:
    """An optional whole number in ``lo..hi``: an int, an integral float, or plain digits."""
    if value is None or value == "":
        return None
    kind = type(value)
    if kind is int:
        number = value
    elif kind is float:
        if not value.is_integer():  # also refuses inf and nan
            problems.append(Problem(key, f"'{value}' is not a whole number; {what}"))
            return None
        number = int(value)
    elif kind is str and _WHOLE_RE.match(value.strip()):
        number = int(value.strip())
    elif kind is bool:
        problems.append(Problem(key, f"must be a whole number from {lo} to {hi}"))
        return None
    else:
        problems.append(Problem(key, f"'{value}' is not a whole number; {what}"))
        return None
    if not lo <= number <= hi:
        problems.append(Problem(key, f"{number} is out of range; {what}"))
        return None
    return number


def decimal(
    value: Any, key: str, lo: float, hi: float, problems: list[Problem], what: str
) -> float | None:
    """An optional number in ``lo..hi``: an int, a finite float, or a plain decimal
    (``12`` or ``2.5``; not ``1e3``, ``inf``, ``nan``, ``-1`` or ``1,5``)."""
    if value is None or value == "":
        return None
    kind = type(value)
    if kind is int:
        number = float(value)
    elif kind is float:
        number = value
    elif kind is str and _DECIMAL_RE.match(value.strip()):
        number = float(value.strip())
    else:
        problems.append(Problem(key, f"'{value}' is not a plain number; {what}"))
        return None
    if not lo <= number <= hi:  # nan fails this too
        problems.append(Problem(key, f"'{value}' is out of range; {what}"))
        return None
    return number


def flag(value: Any, key: str, default: bool, problems: list[Problem]) -> bool:
    """A yes/no value: a bool, 0/1, or yes/no/true/false/y/n text."""
    if value is None or value == "":
        return default
    kind = type(value)
    if kind is bool:
        return value
    if kind is int and value in (0, 1):
        return bool(value)
    if kind is str:
        word = value.strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    problems.append(Problem(key, f"'{value}' is not yes or no"))
    return default


def choice(value: Any, key: str, allowed: tuple[str, ...], problems: list[Problem]) -> str | None:
    """An optional value from a fixed vocabulary."""
    if value is None or value == "":
        return None
    if type(value) is str and value in allowed:
        return value
    problems.append(Problem(key, f"'{value}' not allowed; choose from {', '.join(allowed)}"))
    return None


_CANON: dict[tuple[int, tuple[Any, ...]], tuple[str, ...]] = {}
_CANON_MAX = 8192


def vocab_list(
    value: Any, key: str, allowed: tuple[str, ...], problems: list[Problem]
) -> tuple[str, ...]:
    """A list of vocabulary words (a list, or text joined with ``;`` or ``,``), returned in
    the vocabulary's order without repeats, so equal sets compare equal."""
    if value is None or value == "":
        return ()
    if type(value) is list or type(value) is tuple:
        items = tuple(value)
        cache_key = (id(allowed), items)
        try:
            return _CANON[cache_key]
        except KeyError:
            pass
        except TypeError:  # an unhashable item, e.g. a nested list
            problems.append(Problem(key, f"must be a list of words from {', '.join(allowed)}"))
            return ()
    elif type(value) is str:
        items = tuple(v.strip() for v in value.replace(",", ";").split(";") if v.strip())
        cache_key = None
    else:
        shown = str(value)[:40]
        problems.append(Problem(key, f"{shown} not allowed; choose from {', '.join(allowed)}"))
        return ()
    bad = [v for v in items if type(v) is not str or v not in allowed]
    if bad:
        problems.append(
            Problem(
                key, f"{', '.join(map(str, bad))} not allowed; choose from {', '.join(allowed)}"
            )
        )
        return ()
    canon = tuple(v for v in allowed if v in items)
    if cache_key is not None and len(_CANON) < _CANON_MAX:
        _CANON[cache_key] = canon
    return canon


def text_list(
    value: Any, key: str, max_items: int, max_len: int, problems: list[Problem]
) -> tuple[str, ...]:
    """A short list of free-text items, each checked like ``text``."""
    if value is None or value == "":
        return ()
    if not isinstance(value, list | tuple) or len(value) > max_items:
        problems.append(Problem(key, f"must be a list of at most {max_items} texts"))
        return ()
    out = []
    for item in value:
        before = len(problems)
        checked = text(item, key, max_len, problems)
        if len(problems) > before:
            return ()
        out.append(checked)
    return tuple(out)


def first_problem_text(values: Iterable[tuple[str, str]]) -> Problem | None:
    """The first of ``(field, text)`` pairs holding a control character, as a Problem.

    For records built elsewhere (user routine files) whose text fields still must pass
    the same rule as the journal's.
    """
    for key, value in values:
        bad = first_control(value)
        if bad is not None:
            return Problem(key, f"contains the control character {control_name(bad)}")
    return None
