"""The machine's local time zone, as an IANA zone where it can be found."""

from __future__ import annotations

from datetime import datetime, tzinfo


def local_zone() -> tzinfo:
    try:
        from tzlocal import get_localzone

        return get_localzone()
    except Exception:  # an odd /etc/localtime must not stop a 3 a.m. log
        return datetime.now().astimezone().tzinfo  # type: ignore[return-value]


def now_local(zone: tzinfo | None = None) -> datetime:
    return datetime.now(zone or local_zone())
