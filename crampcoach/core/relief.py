"""What helped: the relief vocabulary derived from the routine steps someone actually did.

Routine files carry no relief field (their schema stays as it is); the words of each step say
what it does, so a small table of phrases maps a step to the journal's RELIEF vocabulary.
Pure stdlib, so tests check every shipped step without a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from crampcoach.core import vocab
from crampcoach.core.routines import Routine, Step

# Only these kinds of routine are done *for* a cramp; a bedtime stretch relieves nothing.
RELIEF_KINDS: tuple[str, ...] = ("first-aid", "recovery")

# A step counts as done when its step phases ran for at least this share of its time (both
# sides together): played for most of its time. A step skipped at once never counts, so
# pressing "next" through a routine records nothing as having helped.
MOST_OF = 0.5

# Phrases in a step's title or text (lower case) → relief word. Order does not matter;
# results come back in vocabulary order.
_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "stretch",
        (
            "stretch",
            "pull ",
            "straighten",
            "knee straight",
            "lean in",
            "lean forward",
            "reach gently",
            "reach towards",
            "towards your buttock",
            "push your hips back",
            "heels down",
            "press your heels",
            "hug your leg",
            "ease your toes",
            "spread",
            "curl your toes",
        ),
    ),
    ("massage", ("rub", "knead", "massage", "stroke your")),
    ("walk", ("walk",)),
    ("stand-on-cold-floor", ("cool floor", "cold floor")),
    ("warmth", ("warm towel", "warm bath", "warm shower", "heating pad", "warmth")),
    ("cold", ("cold pack", "ice pack", "cool pack")),
    (
        "legs-raised",
        ("on a pillow", "legs raised", "raise your legs", "leg on a pillow", "folded blanket"),
    ),
)


def relief_for_step(step: Step) -> tuple[str, ...]:
    """The relief words one step stands for, in vocabulary order.

    A step that offers a choice between warmth and cold ("a warm towel, or a cold pack… choose
    one") cannot tell which was used, so it records neither; the user can edit the episode.
    """
    words = f"{step.title} {step.text}".lower().replace("\n", " ")
    found = {relief for relief, phrases in _PHRASES if any(p in words for p in phrases)}
    if {"warmth", "cold"} <= found:
        found -= {"warmth", "cold"}
    return tuple(r for r in vocab.RELIEF if r in found)


def relief_for(routine: Routine, step_indices: Iterable[int]) -> tuple[str, ...]:
    """Relief from the steps done in one routine. Empty for kinds that are not for a cramp.

    Steps that match no phrase still show that something was done: if none of the done steps
    matches, the result is ("other",).
    """
    if routine.kind not in RELIEF_KINDS:
        return ()
    indices = sorted({i for i in step_indices if 0 <= i < len(routine.steps)})
    if not indices:
        return ()
    found: set[str] = set()
    for i in indices:
        found.update(relief_for_step(routine.steps[i]))
    if not found:
        return ("other",)
    return tuple(r for r in vocab.RELIEF if r in found)


def merge_relief(*lists: Sequence[str]) -> tuple[str, ...]:
    """Several routines' relief as one list in vocabulary order; "other" only when alone."""
    found = {r for items in lists for r in items}
    if len(found) > 1:
        found.discard("other")
    return tuple(r for r in vocab.RELIEF if r in found)


def steps_done(routine: Routine, played_step_s: Mapping[int, float]) -> tuple[int, ...]:
    """Steps played for most of their time (``MOST_OF`` of every side together), in order.

    ``played_step_s`` is ``RoutinePlayer.played_step_s``: seconds each step's step phases ran.
    """
    done = []
    for index, seconds in played_step_s.items():
        if not 0 <= index < len(routine.steps):
            continue
        step = routine.steps[index]
        if seconds > 0 and seconds >= MOST_OF * step.sides * step.duration_s:
            done.append(index)
    return tuple(sorted(done))
