"""The doctor rules as data: levels, whom to see, the rules themselves and the result types.

Everything a screen, the report or a test reads about the rules without evaluating them
lives here, so the evaluators (``doctor_signs``, ``doctor_counts``, ``doctor_profile``)
and the entry points in ``crampcoach.core.doctor`` share one definition of each rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from crampcoach.core.doctor_visit import DoctorVisit

NONE, MENTION, SEE_DOCTOR, URGENT = "none", "mention", "see-doctor", "urgent"
LEVELS: tuple[str, ...] = (NONE, MENTION, SEE_DOCTOR, URGENT)
# How soon, finer than the level: redness alone is "see a doctor", but soon.
TODAY, SOON, ROUTINE, NEXT_VISIT = "today", "soon", "routine", "next-visit"
WHEN_ORDER: tuple[str, ...] = (NEXT_VISIT, ROUTINE, SOON, TODAY)

GP = "GP (family doctor)"
MIDWIFE = "midwife"
PHLEBOLOGIST = "phlebologist (vein specialist)"
ENDOCRINOLOGIST = "endocrinologist (hormone specialist)"
NEUROLOGIST = "neurologist (nerve specialist)"
WHOM_ORDER: tuple[str, ...] = (GP, MIDWIFE, PHLEBOLOGIST, ENDOCRINOLOGIST, NEUROLOGIST)

# One headline per "how soon", so a headline always agrees with its most pressing reason.
HEADLINES: dict[str, str] = {
    TODAY: "Get medical advice today: ask your GP for an urgent appointment today.",
    SOON: "See a GP soon: today if the redness spreads or hurts.",
    ROUTINE: "Worth a routine visit to your GP.",
    NEXT_VISIT: "Nothing urgent: mention your cramps at your next visit or check-up.",
    NONE: "Nothing in your log calls for a doctor's visit right now. "
    "If you are worried, see your GP anyway.",
}
# The short form for banners; the same word ("today") as the headline.
HEADINGS: dict[str, str] = {
    TODAY: "Get medical advice today",
    SOON: "See a GP soon",
    ROUTINE: "Worth seeing a doctor",
    NEXT_VISIT: "Worth mentioning at your next visit",
    NONE: "",
}
OWN_THRESHOLD_NOTE = (
    "The 'frequent' threshold is the app's own: no guideline gives a number for it."
)
DISCLAIMER = (
    "This advice comes from your own log and simple rules based on NHS, NHS inform, "
    "Mayo Clinic and NICE CKS guidance. It is not a diagnosis."
)
SIGNS_STAY_NOTE = "Warning signs stay in this advice until you record that a doctor has seen them."


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Reason:
    """One rule that fired: why, in plain words with its numbers, and whom to see."""

    rule_id: str
    level: str
    text: str
    whom: tuple[str, ...]
    numbers: Mapping[str, Any] = field(default_factory=dict, compare=False)
    when: str = ROUTINE
    summary: str = ""  # a few words for a banner
    keys: tuple[Any, ...] = ()  # what a recorded visit compares: same keys, nothing new


@dataclass(frozen=True)
class Advice:
    level: str
    reasons: tuple[Reason, ...]
    whom: tuple[str, ...]
    note_own_threshold: bool
    notes: tuple[str, ...] = ()
    help: tuple[str, ...] = ()  # out-of-hours and emergency lines, for every level
    quieted: tuple[Reason, ...] = ()  # routine reasons a recorded visit has seen
    visit: DoctorVisit | None = None

    @property
    def when(self) -> str:
        if not self.reasons:
            return NONE
        return max((r.when for r in self.reasons), key=WHEN_ORDER.index)

    @property
    def headline(self) -> str:
        return HEADLINES[self.when]

    @property
    def heading(self) -> str:
        return HEADINGS[self.when]

    @property
    def urgent(self) -> bool:
        return self.level == URGENT


@dataclass(frozen=True)
class Rule:
    """A doctor rule as data."""

    rule_id: str
    level: str
    title: str
    whom: tuple[str, ...]
    thresholds: tuple[str, ...]
    source: str
    when: str
    own_threshold: bool = False


RULES: tuple[Rule, ...] = (
    Rule("long-episode", URGENT, "A cramp lasting longer than 10 minutes", (GP,),
         ("long_episode_min", "recent_nights"), "NHS", TODAY),
    Rule("swelling-with-redness", URGENT, "Swelling with redness or warmth of the same leg",
         (GP,), ("recent_nights",), "NICE CKS, NHS DVT page", TODAY),
    Rule("redness-or-warmth", SEE_DOCTOR, "Redness or warmth", (GP,), (),
         "NHS (cellulitis)", SOON),
    Rule("numbness-or-swelling", SEE_DOCTOR, "Numbness or swelling", (GP,), (), "NHS", ROUTINE),
    Rule("weakness", SEE_DOCTOR, "Leg muscles getting weaker or smaller", (GP, NEUROLOGIST), (),
         "NHS inform", ROUTINE),
    Rule("woke-most-nights", SEE_DOCTOR, "Cramps disturb your sleep", (GP,),
         ("woke_nights", "woke_window_nights"), "NHS", ROUTINE),
    Rule("getting-worse", SEE_DOCTOR, "Cramps getting worse", (GP,),
         ("worse_ratio", "worse_min_nights", "worse_window_nights"), "NHS inform", ROUTINE),
    Rule("frequent", SEE_DOCTOR, "Frequent cramps", (GP,),
         ("frequent_short_nights", "frequent_short_window", "frequent_long_nights",
          "frequent_long_window"), "the app's own threshold", ROUTINE, own_threshold=True),
    Rule("context-pregnancy", MENTION, "Pregnancy", (GP, MIDWIFE), ("frequent_long_window",),
         "all sources", NEXT_VISIT),
    Rule("context-conditions", MENTION, "Health conditions linked to cramps", (GP,),
         ("frequent_long_window",), "all sources", NEXT_VISIT),
    Rule("context-medicines", MENTION, "Medicines linked to cramps", (GP,),
         ("frequent_long_window",), "NHS, seeds", NEXT_VISIT),
)  # fmt: skip
RULES_BY_ID: dict[str, Rule] = {r.rule_id: r for r in RULES}
URGENT_RULES: tuple[str, ...] = tuple(r.rule_id for r in RULES if r.level == URGENT)
SIGN_RULES: tuple[str, ...] = ("redness-or-warmth", "numbness-or-swelling", "weakness")
COUNT_RULES: tuple[str, ...] = ("woke-most-nights", "getting-worse", "frequent")
CONTEXT_RULES: tuple[str, ...] = ("context-pregnancy", "context-conditions", "context-medicines")
