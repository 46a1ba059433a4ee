"""core/kept_per_record: values kept per record object, and the last answer handed back."""

from __future__ import annotations

from dataclasses import dataclass

from crampcoach.core.kept_per_record import KeptPerRecord


@dataclass(eq=False)
class Record:
    name: str


@dataclass
class Value:
    episode: Record
    key: int


class Counting:
    def __init__(self) -> None:
        self.built: list[list[str]] = []

    def __call__(self, records: list[Record], key: int) -> list[Value]:
        self.built.append([r.name for r in records])
        return [Value(r, key) for r in records]


def test_the_same_records_again_build_nothing_and_get_the_same_values():
    kept: KeptPerRecord[Record, Value] = KeptPerRecord()
    build = Counting()
    records = [Record("a"), Record("b")]
    first = kept.values(records, 12, build)
    again = kept.values(list(records), 12, build)  # a new list of the same objects
    assert build.built == [["a", "b"]]
    assert again == first and all(x is y for x, y in zip(again, first, strict=True))
    again.append(Value(Record("c"), 12))  # the caller's list is its own
    assert len(kept.values(records, 12, build)) == 2
    assert kept.missing(records, 12) == 0


def test_a_replaced_record_or_another_key_is_not_the_last_answer():
    kept: KeptPerRecord[Record, Value] = KeptPerRecord()
    build = Counting()
    a, b = Record("a"), Record("b")
    kept.values([a, b], 12, build)
    b2 = Record("b")  # equal name, another object: the journal read its file again
    assert kept.missing([a, b2], 12) == 1
    out = kept.values([a, b2], 12, build)
    assert build.built[-1] == ["b"] and out[1].episode is b2
    assert kept.missing([a, b2], 6) == 2
    assert [v.key for v in kept.values([a, b2], 6, build)] == [6, 6]
    assert kept.missing([a], 6) == 0  # fewer records: every one is still known
