"""Counts of named values (where, which leg, triggers): one tally shape for every list.

Split out of the patterns module; ``crampcoach.core.patterns`` re-exports all of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from crampcoach.core import vocab
from crampcoach.core.models import Episode


@dataclass(frozen=True)
class Tally:
    """How many episodes named each value (most named first); ``unknown`` named none."""

    counts: tuple[tuple[str, int], ...]
    total: int
    unknown: int

    @property
    def text(self) -> str:
        if not self.counts:
            return "not noted"
        return ", ".join(f"{vocab.label(k)} {n}" for k, n in self.counts)


def tally(values: Iterable[Sequence[str] | str | None], allowed: Sequence[str]) -> Tally:
    counts = dict.fromkeys(allowed, 0)
    total = unknown = 0
    for value in values:
        total += 1
        if not value:
            unknown += 1
            continue
        for v in (value,) if isinstance(value, str) else value:
            counts[v] = counts.get(v, 0) + 1
    order = {k: i for i, k in enumerate(counts)}
    ranked = sorted(((k, n) for k, n in counts.items() if n), key=lambda kn: (-kn[1], order[kn[0]]))
    return Tally(tuple(ranked), total, unknown)


def trigger_counts(episodes: Iterable[Episode]) -> Tally:
    """How often each trigger was noted with a cramp, most noted first.

    Episodes, not nights: two cramps in one night after a long day standing count twice.
    ``total`` is the episodes looked at, ``unknown`` those that noted no trigger. A count says
    what was noted alongside the cramps, never that it caused them.
    """
    return tally((ep.triggers for ep in episodes), vocab.TRIGGERS)
