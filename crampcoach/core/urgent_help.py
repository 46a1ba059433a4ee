"""Help at any hour: whom to call when the GP surgery is closed, and when to call an ambulance.

The NHS DVT page is the anchor: a swollen, painful, red or warm leg → an urgent GP
appointment or NHS 111; breathlessness, chest pain or coughing blood with it → 999 or A&E.
Outside the UK the numbers differ, so settings may name the country's own; the defaults
say plainly what they are for. Everything here is pure: the numbers are handed in.

The first-aid flow, the doctor screen and the urgent doctor reasons all take their words
from here, so they never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# From this long on a cramp needs an urgent appointment (NHS: "longer than 10 minutes").
URGENT_CRAMP_S = 600

DEFAULT_OUT_OF_HOURS = "NHS 111"
DEFAULT_EMERGENCY = "999"
NUMBER_MAX = 30
# Digits, letters, spaces and + ( ) - only: a phone number or a service name like "NHS 111".
_NUMBER = re.compile(r"[A-Za-z0-9+(][A-Za-z0-9 +()\-]*")


@dataclass(frozen=True)
class HelpNumbers:
    """The out-of-hours and emergency numbers; empty means the UK/EU defaults."""

    out_of_hours: str = ""
    emergency: str = ""

    @property
    def custom_out_of_hours(self) -> bool:
        return bool(self.out_of_hours.strip())

    @property
    def custom_emergency(self) -> bool:
        return bool(self.emergency.strip())


DEFAULT_NUMBERS = HelpNumbers()


def number_problem(text: str) -> str | None:
    """Why a typed number is refused (None: fine; empty means "use the default")."""
    text = text.strip()
    if not text:
        return None
    if len(text) > NUMBER_MAX:
        return f"at most {NUMBER_MAX} characters"
    if not _NUMBER.fullmatch(text):
        return "use digits, letters, spaces and + ( ) - only"
    return None


def help_numbers(out_of_hours: str = "", emergency: str = "") -> HelpNumbers:
    """Numbers from settings, each dropped back to its default when it is not valid."""
    oh = out_of_hours.strip() if number_problem(out_of_hours) is None else ""
    em = emergency.strip() if number_problem(emergency) is None else ""
    return HelpNumbers(oh, em)


def out_of_hours_line(numbers: HelpNumbers = DEFAULT_NUMBERS) -> str:
    """Where to turn when the GP surgery is closed."""
    if numbers.custom_out_of_hours:
        return (
            f"If your GP surgery is closed, call {numbers.out_of_hours.strip()} "
            "(your out-of-hours or urgent-care number)."
        )
    return (
        f"If your GP surgery is closed, call {DEFAULT_OUT_OF_HOURS} in the UK; elsewhere, "
        "call your local out-of-hours or urgent-care number."
    )


def emergency_line(numbers: HelpNumbers = DEFAULT_NUMBERS) -> str:
    """When to call an ambulance: the NHS DVT page's signs."""
    if numbers.custom_emergency:
        who = f"{numbers.emergency.strip()} (your emergency number)"
    else:
        who = f"{DEFAULT_EMERGENCY} in the UK or 112 in the EU"
    return (
        f"Call {who}, or go to the emergency department, if a swollen, painful leg comes "
        "with breathlessness, chest pain or coughing up blood."
    )


def help_lines(numbers: HelpNumbers = DEFAULT_NUMBERS) -> tuple[str, str]:
    """Both routes, out-of-hours first: what every urgent message ends with."""
    return out_of_hours_line(numbers), emergency_line(numbers)


def format_limit_duration(seconds: float) -> str:
    """A duration for rules about the 10-minute limit: '45 s', '10 min', '10 min 30 s'.

    Whole seconds, never rounded to minutes: '10 min' for 10 min 30 s would hide why
    the limit was crossed.
    """
    total = max(0, round(seconds))
    minutes, secs = divmod(total, 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


def long_cramp_help(
    elapsed_s: float, numbers: HelpNumbers = DEFAULT_NUMBERS, *, limit_s: float = URGENT_CRAMP_S
) -> tuple[str, ...]:
    """What to say about a cramp that has lasted ``elapsed_s`` seconds so far.

    Empty before the limit. From the limit on: how long it has lasted, the urgent
    appointment today, the out-of-hours route and the emergency number. For the
    first-aid flow, which shows it while the cramp goes on.
    """
    if elapsed_s < limit_s:
        return ()
    return (
        f"This cramp has lasted {format_limit_duration(elapsed_s)}: that is 10 minutes or more.",
        "Ask your GP for an urgent appointment today.",
        *help_lines(numbers),
    )
