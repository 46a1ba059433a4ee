"""The profile's part in the doctor advice: pregnancy, conditions and medicines linked to cramps.

Profile context never fires on its own without cramp nights in the long window. It joins
the "frequent" reason when that fires, and otherwise stands alone as a gentle "mention".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from crampcoach.core import vocab
from crampcoach.core.doctor_common import _Context, _join, _reason
from crampcoach.core.doctor_rules import (
    ENDOCRINOLOGIST,
    MIDWIFE,
    PHLEBOLOGIST,
    RULES_BY_ID,
    Reason,
)
from crampcoach.core.models import Profile
from crampcoach.core.patterns import window

# Conditions that suggest a review, and whom they add (never in an urgent reason).
CONTEXT_CONDITIONS: dict[str, tuple[str, ...]] = {
    "diabetes": (ENDOCRINOLOGIST,),
    "thyroid": (ENDOCRINOLOGIST,),
    "kidney-disease": (),
    "varicose-veins": (PHLEBOLOGIST,),
}
_CONDITION_WORDS = {"thyroid": "a thyroid condition", "diabetes": "diabetes"}
ANOTHER_MEDICINE = "another medicine"


@dataclass(frozen=True)
class _ContextPart:
    rule_id: str
    alone: str  # the whole reason when it stands alone (level "mention")
    joined: str  # the sentence added to the "frequent" reason
    summary: str
    whom: tuple[str, ...]
    key: tuple[Any, ...]


def medicine_words(profile: Profile) -> list[str]:
    """The profile's medicines in words; "other" and free text count as another medicine."""
    words = [vocab.label(m) for m in profile.medicines if m != "other"]
    if "other" in profile.medicines or profile.medicines_other.strip():
        words.append(ANOTHER_MEDICINE)
    return words


def _context_parts(profile: Profile | None, nights: int, span: int) -> list[_ContextPart]:
    if profile is None or not nights:
        return []
    had = f"had cramps on {nights} of the last {span} nights"
    parts: list[_ContextPart] = []
    if profile.pregnant:
        parts.append(
            _ContextPart(
                "context-pregnancy",
                f"You are pregnant and {had}. Cramps are common in pregnancy; mention them "
                "to your midwife or GP at your next visit or check-up.",
                "You are pregnant: mention the cramps to your midwife or GP too.",
                "pregnancy",
                (MIDWIFE,),
                ("context-pregnancy",),
            )
        )
    found = [c for c in profile.conditions if c in CONTEXT_CONDITIONS]
    if found:
        words = _join([_CONDITION_WORDS.get(c, vocab.label(c)) for c in found])
        it = "They" if len(found) > 1 else "It"
        parts.append(
            _ContextPart(
                "context-conditions",
                f"You noted {words} in your profile and {had}. {it} can be linked to cramps; "
                "at your next visit, mention the cramps and ask for a health review.",
                f"You also noted {words}, which can be linked to cramps: ask for a health "
                "review at the same visit.",
                words,
                tuple(w for c in found for w in CONTEXT_CONDITIONS[c]),
                ("context-conditions", *found),
            )
        )
    medicines = medicine_words(profile)
    if medicines:
        words = _join(medicines)
        keep = "Keep taking your medicines as prescribed unless your doctor advises otherwise."
        parts.append(
            _ContextPart(
                "context-medicines",
                f"You take {words} and {had}. Some medicines can cause cramps; at your next "
                f"visit, ask your doctor for a medication review. {keep}",
                f"You also take {words}: some medicines can cause cramps, so ask for a "
                f"medication review at the same visit. {keep}",
                words,
                (),
                ("context-medicines", *profile.medicines, profile.medicines_other.strip()),
            )
        )
    return parts


def _context(ctx: _Context, t: Mapping[str, float]) -> list[_ContextPart]:
    if ctx.index is None or ctx.end is None:
        return []
    span = int(t["frequent_long_window"])
    nights = ctx.index.cramp_nights(*window(ctx.end, span))
    return _context_parts(ctx.profile, nights, span)


def _with_context(reasons: list[Reason], parts: list[_ContextPart]) -> list[Reason]:
    """Profile context joins the "frequent" reason; alone it is its own gentle "mention"."""
    if not parts:
        return reasons
    frequent = next((r for r in reasons if r.rule_id == "frequent"), None)
    if frequent is not None:
        joined = replace(
            frequent,
            text=frequent.text + " " + " ".join(p.joined for p in parts),
            whom=frequent.whom + tuple(w for p in parts for w in p.whom if w not in frequent.whom),
            keys=frequent.keys + tuple(p.key for p in parts),
            numbers={**frequent.numbers, "context": tuple(p.rule_id for p in parts)},
        )
        return [joined if r is frequent else r for r in reasons]
    extra = [
        _reason(RULES_BY_ID[p.rule_id], p.alone, p.summary, whom=p.whom, keys=(p.key,))
        for p in parts
    ]
    return reasons + extra
