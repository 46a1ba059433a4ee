"""What every doctor-rule evaluator shares: the evaluation context and the word helpers.

The context says which episodes and nights a rule may look at; the helpers build a
:class:`~crampcoach.core.doctor_rules.Reason` from a rule and keep the wording of numbers,
nights and the urgent help lines the same in every reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from crampcoach.core.doctor_rules import Reason, Rule
from crampcoach.core.models import Profile
from crampcoach.core.patterns import LoggedEpisode, NightIndex, format_night, format_number
from crampcoach.core.urgent_help import DEFAULT_NUMBERS, HelpNumbers, help_lines


@dataclass(frozen=True)
class _Context:
    single: bool
    recent: tuple[LoggedEpisode, ...]  # the urgent window (or the one episode just logged)
    signs: tuple[LoggedEpisode, ...]  # episodes whose warning signs count (after a visit)
    index: NightIndex | None = None
    end: date | None = None  # the last night the count windows include
    tracked_from: date | None = None
    profile: Profile | None = None
    numbers: HelpNumbers = DEFAULT_NUMBERS


def _reason(
    rule: Rule,
    text: str,
    summary: str,
    *,
    whom: Iterable[str] = (),
    keys: tuple[Any, ...] | None = None,
    **numbers: Any,
) -> Reason:
    extra = tuple(w for w in whom if w not in rule.whom)
    return Reason(
        rule.rule_id,
        rule.level,
        text,
        rule.whom + extra,
        numbers,
        rule.when,
        summary,
        keys if keys is not None else (rule.rule_id,),
    )


def _n(value: float) -> str:
    return format_number(float(value))


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _night(night: date) -> str:
    return f"the night of {format_night(night)}"


def _urgent_tail(ctx: _Context) -> str:
    return " ".join(help_lines(ctx.numbers))
