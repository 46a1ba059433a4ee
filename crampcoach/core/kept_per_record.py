"""What was worked out for each record, kept while the record is the same object.

The journal hands back the same record objects until its file changes, and after a change the
unchanged records keep theirs. So History's search index and Patterns' night index, reopened or
refreshed after a write from elsewhere, work out only the new records instead of ten years of
them. Entries hold their record, so an object's id cannot be reused while it is cached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Protocol, TypeVar


class _HoldsEpisode(Protocol):
    @property
    def episode(self) -> object: ...


R = TypeVar("R")
V = TypeVar("V", bound=_HoldsEpisode)


class KeptPerRecord(Generic[R, V]):
    """Values built per record by a batch function, reused for records that are the same object.

    A different night boundary (``key``) starts afresh: every value depends on it.
    """

    def __init__(self) -> None:
        self._by_object: dict[int, V] = {}
        self._key: int | None = None
        # The last answer and the records it was for: a screen reopened on an unchanged
        # journal gets it back after one identity pass instead of three lookups per record.
        # Swapped in whole, and read once per call: a worker and the UI thread may both call.
        self._last: tuple[int | None, list[R], list[V]] = (None, [], [])

    def _last_if_same(self, records: Sequence[R], key: int) -> list[V] | None:
        """The last answer, when it was for these very records and this key."""
        last_key, last_records, out = self._last
        same = (
            key == last_key
            and len(records) == len(last_records)
            and all(a is b for a, b in zip(records, last_records, strict=True))
        )
        return out if same else None

    def _hit(self, known: dict[int, V], record: R) -> V | None:
        hit = known.get(id(record))
        return hit if hit is not None and hit.episode is record else None

    def _known(self, key: int) -> dict[int, V]:
        return self._by_object if key == self._key else {}

    def missing(self, records: Sequence[R], key: int) -> int:
        """How many records would have to be worked out anew."""
        if self._last_if_same(records, key) is not None:
            return 0
        known = self._known(key)
        return sum(1 for r in records if self._hit(known, r) is None)

    def values(
        self, records: Sequence[R], key: int, build: Callable[[list[R], int], list[V]]
    ) -> list[V]:
        """One value per record, in order; ``build`` runs once, over the new records only."""
        last = self._last_if_same(records, key)
        if last is not None:
            return list(last)
        known = self._known(key)
        fresh = iter(build([r for r in records if self._hit(known, r) is None], key))
        out = [self._hit(known, r) or next(fresh) for r in records]
        # A new dict, swapped in whole: a worker and the UI thread may both read it.
        self._by_object = {id(v.episode): v for v in out}
        self._key = key
        self._last = (key, list(records), out)
        return list(out)
