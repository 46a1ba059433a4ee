"""Loads the habits a personal experiment can test (``content/habits/*.toml``).

Habits are shipped content, like the routines: a broken file is a bug in the release and
raises, and a test loads every one. Habits are things to do or leave out; never a medicine,
supplement or dose, and never "skip first aid" (first aid is there on every night).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from crampcoach.content import CLINICAL_ANCHORS, ContentError, content_dir
from crampcoach.core.routines import SOURCE_RE

DEFAULT_HABIT = "bedtime-stretch"
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TEXT_KEYS = ("title", "name", "on", "off", "evidence", "safety")
_KEYS = frozenset((*_TEXT_KEYS, "id", "routine", "sources", "anchors"))
TEXT_MAX = 400


@dataclass(frozen=True)
class Habit:
    id: str
    title: str  # "Bedtime stretch"
    name: str  # in running text: "bedtime stretch"
    on: str  # what to do on an "on" night
    off: str  # what "off" means
    evidence: str  # one plain line
    safety: str
    sources: tuple[str, ...]
    anchors: tuple[str, ...] = ()
    routine: str | None = None  # a routine to play on "on" nights


def habit_from_mapping(data: dict, origin: str) -> Habit:
    unknown = set(data) - _KEYS
    if unknown:
        raise ContentError(f"{origin}: unknown key(s) {', '.join(sorted(unknown))}")
    ident = data.get("id")
    if not isinstance(ident, str) or not _ID_RE.match(ident):
        raise ContentError(f"{origin}: id must be a lower-case slug")
    texts = {}
    for key in _TEXT_KEYS:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ContentError(f"{origin}: {key} is required text")
        if len(value) > TEXT_MAX:
            raise ContentError(f"{origin}: {key} is longer than {TEXT_MAX} characters")
        texts[key] = " ".join(value.split())
    sources = data.get("sources")
    if not isinstance(sources, list) or not sources:
        raise ContentError(f"{origin}: sources must list the seed files it draws on")
    for src in sources:
        if not isinstance(src, str) or not SOURCE_RE.match(src):
            raise ContentError(f"{origin}: unknown source {src!r}")
    anchors = data.get("anchors", [])
    if not isinstance(anchors, list) or any(a not in CLINICAL_ANCHORS for a in anchors):
        raise ContentError(f"{origin}: anchors must name known clinical references")
    routine = data.get("routine")
    if routine is not None and (not isinstance(routine, str) or not _ID_RE.match(routine)):
        raise ContentError(f"{origin}: routine must be a routine id")
    return Habit(
        id=ident,
        sources=tuple(sources),
        anchors=tuple(anchors),
        routine=routine,
        **texts,
    )


@cache
def load_habits() -> tuple[Habit, ...]:
    """Every shipped habit, the default first, then by title. Raises ContentError."""
    folder = content_dir() / "habits"
    habits = []
    for path in sorted(folder.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ContentError(f"{path.name}: not valid TOML: {exc}") from None
        habit = habit_from_mapping(data, path.name)
        if habit.id != path.stem:
            raise ContentError(f"{path.name}: id must match the file name")
        habits.append(habit)
    if not any(h.id == DEFAULT_HABIT for h in habits):
        raise ContentError(f"no {DEFAULT_HABIT} habit in {folder}")
    return tuple(sorted(habits, key=lambda h: (h.id != DEFAULT_HABIT, h.title)))


def get_habit(habit_id: str) -> Habit | None:
    return next((h for h in load_habits() if h.id == habit_id), None)


def habit_name(habit_id: str) -> str:
    """The habit's name in running text; an id no longer shipped is shown as it is."""
    habit = get_habit(habit_id)
    return habit.name if habit else habit_id
