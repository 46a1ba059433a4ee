"""First aid now: the keys, the measured duration and the episode it saves. Pure stdlib.

The screens only read keys and clocks; every rule a test wants to check lives here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from crampcoach.core import vocab
from crampcoach.core.urgent_help import DEFAULT_NUMBERS, HelpNumbers, help_numbers, long_cramp_help

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
# A calf cramp for someone who cannot (or should not) get up: its own choice, its own routine.
IN_BED_KEY = "7"
IN_BED_ROUTINE = "first-aid-calf-in-bed"
IN_BED_WORDS = "Calf — staying in bed"
SIDE_KEYS: dict[str, str] = {"l": "left", "r": "right", "b": "both"}
# On the end question one key, `l`, steps through the legs: the player's `r` and `b`
# (restart, back) must mean nothing there, or a key pressed as the routine ends lands here.
SIDE_CYCLE: tuple[str | None, ...] = (None, "left", "right", "both")

NOT_PASSED_NOTE = "It had not passed yet when this was saved."

# The keys of each screen of the first-aid flow and what each one means there. Screens that
# follow one another (where → player → question → player again…) never share a key with two
# meanings; see ``flow_key_clashes``. Escape means "leave" everywhere and asks first when
# leaving would lose something.
WHERE_KEYS: dict[str, str] = {
    **{key: f"where: {loc}" for key, loc in LOCATION_KEYS.items()},
    IN_BED_KEY: "where: calf, staying in bed",
    "escape": "leave",
}
PLAYER_KEYS: dict[str, str] = {
    "space": "pause or resume",
    "n": "next step",
    "right": "next step",
    "b": "back a step",
    "left": "back a step",
    "r": "restart step",
    "v": "spoken cues on or off",
    "escape": "leave",
}
QUESTION_KEYS: dict[str, str] = {
    "y": "it has passed",
    "s": "still cramping",
    **{str(d): "how strong" for d in range(10)},
    "l": "which leg (steps through left, right, both)",
    "minus": "it eased sooner (shorter)",
    "plus": "it lasted longer",
    "equals_sign": "it lasted longer",
    "t": "type how long",
    "h": "change what helped",
    "a": "play the routine again",
    "w": "after-cramp routine",
    "enter": "save",
    "escape": "leave",
}
# Which screens follow one another within the flow, either way round (the question leads
# back to the player with "again" or the after-cramp routine).
FLOW_NEIGHBOURS: tuple[tuple[str, str], ...] = (
    ("where", "player"),
    ("player", "question"),
)


def flow_key_clashes(screens: dict[str, dict[str, str]]) -> list[str]:
    """Keys that mean two different things on two neighbouring screens of the flow."""
    clashes = []
    for first, second in FLOW_NEIGHBOURS:
        for key in sorted(set(screens[first]) & set(screens[second])):
            if screens[first][key] != screens[second][key]:
                clashes.append(
                    f"{key}: {first} {screens[first][key]!r}, {second} {screens[second][key]!r}"
                )
    return clashes


def next_side(side: str | None) -> str | None:
    """The leg after ``side`` in ``SIDE_CYCLE`` (back to "not said" after both)."""
    i = SIDE_CYCLE.index(side) if side in SIDE_CYCLE else 0
    return SIDE_CYCLE[(i + 1) % len(SIDE_CYCLE)]


class CrampClock:
    """How long the cramp has lasted, as far as the flow can tell, on an injected clock.

    It runs from the moment first aid began while routines play; it holds when a routine ends
    (a question left open never counts) and when the user says the cramp passed; it runs on
    again after "still cramping", until they say it passed or save.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._counted = 0.0
        self._since: float | None = clock()
        # Told when the clock holds or runs on, so what shows it says so at once.
        self._watchers: list[Callable[[], None]] = []

    def watch(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` each time the clock holds or runs on; returns the unwatch."""
        self._watchers.append(callback)
        return lambda: self._watchers.remove(callback) if callback in self._watchers else None

    def _changed(self) -> None:
        for callback in tuple(self._watchers):
            callback()

    @property
    def running(self) -> bool:
        return self._since is not None

    def hold(self, at: float | None = None) -> None:
        """Stop counting now, or at ``at`` (e.g. the routine's last deadline, which a late
        look at the clock must not stretch)."""
        if self._since is not None:
            end = self._clock() if at is None else min(at, self._clock())
            self._counted += max(0.0, end - self._since)
            self._since = None
            self._changed()

    def run(self) -> None:
        if self._since is None:
            self._since = self._clock()
            self._changed()

    def elapsed(self) -> float:
        running = 0.0 if self._since is None else max(0.0, self._clock() - self._since)
        return self._counted + running


# ---------------------------------------------------------------- how long it lasted

# "It eased sooner" / "longer" step through these (seconds).
DURATION_STEPS_S: tuple[int, ...] = (30, 60, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600)
LONG_CRAMP_S = 10 * 60


def shorter_duration(seconds: int) -> int:
    """The next step below what is shown for ``seconds`` ("about 3 min" for 188 s goes to
    2 min, not to 3:00); the shortest step stays."""
    shown = duration_words(seconds)
    below = [s for s in DURATION_STEPS_S if s < seconds and duration_words(s) != shown]
    return below[-1] if below else DURATION_STEPS_S[0]


def longer_duration(seconds: int) -> int:
    """The next step above what is shown (past the last step: ten more minutes)."""
    shown = duration_words(seconds)
    above = [s for s in DURATION_STEPS_S if s > seconds and duration_words(s) != shown]
    return above[0] if above else min(vocab.DURATION_MAX_S, seconds + 600)


def duration_words(seconds: float) -> str:
    """Under a minute in seconds; near the 10-minute limit in minutes and seconds, so
    "10 min 30 s" is never rounded to "10 min"; else whole minutes."""
    s = max(0, round(seconds))
    if s < 60:
        return f"{s} s"
    minutes, rest = divmod(s, 60)
    if 9 * 60 <= s < 12 * 60 and rest:
        return f"{minutes} min {rest} s"
    return f"{round(s / 60)} min"


def elapsed_clock(seconds: float) -> str:
    """m:ss (h:mm:ss past an hour) for the running cramp clock."""
    s = max(0, int(seconds))
    hours, rest = divmod(s, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


_DURATION_TEXT = re.compile(
    r"\s*(?:(?P<m>\d{1,4})\s*:\s*(?P<s>[0-5]\d)"
    r"|(?P<num>\d{1,5}(?:[.,]\d{1,2})?)\s*(?P<unit>s|sec|secs|seconds?|m|min|mins|minutes?)?)\s*",
    re.IGNORECASE,
)


def parse_duration_text(text: str) -> int | None:
    """A typed length: minutes ("4", "4.5", "4 min"), m:ss ("4:30") or seconds ("90 s").
    Plain decimals only; None when it is not one or is 0 or longer than a day."""
    match = _DURATION_TEXT.fullmatch(text)
    if match is None:
        return None
    if match["m"] is not None:
        seconds = int(match["m"]) * 60 + int(match["s"])
    else:
        number = float(match["num"].replace(",", "."))
        unit = (match["unit"] or "min").lower()
        seconds = round(number if unit.startswith("s") else number * 60)
    if not 1 <= seconds <= vocab.DURATION_MAX_S:
        return None
    return seconds


# ---------------------------------------------------------------- the safety net


def safety_net_lines(elapsed_s: float, numbers: HelpNumbers = DEFAULT_NUMBERS) -> tuple[str, ...]:
    """What to do now once a cramp has lasted 10 minutes; nothing before that.

    The words are the doctor advice's own (``core.urgent_help``), with the numbers the user
    set in settings, so first aid and the doctor screen never disagree.
    """
    return long_cramp_help(elapsed_s, numbers)


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


def numbers_of(settings: Any) -> HelpNumbers:
    """The out-of-hours and emergency numbers a Settings names (defaults when empty)."""
    return help_numbers(
        getattr(settings, "out_of_hours_number", ""), getattr(settings, "emergency_number", "")
    )
