"""The words of a personal experiment: one place, so Home, the screen, the command line and the
doctor report say the same thing.

The wording stays inside the design: "in this experiment, on your nights", never "X works" or
"X does nothing". A result without a clear difference says what the numbers cannot show.
"""

from __future__ import annotations

from datetime import date, datetime

from crampcoach.core.nights import DEFAULT_BOUNDARY_HOUR
from crampcoach.core.trial import FINISHED, ON, RUNNING, STOPPED, Trial, TrialResult, coming_night
from crampcoach.core.trial_stats import FEWER, MORE, NO_CLEAR, TOO_EARLY

VERDICT_WORDS = {
    FEWER: "fewer cramp nights on 'on' nights",
    MORE: "more cramp nights on 'on' nights",
    NO_CLEAR: "no clear difference",
    TOO_EARLY: "too early to say",
}

CARRY_OVER = (
    "Carry-over: a habit's effect may linger into the first nights after it stops, or take a "
    "few nights to start; either makes 'on' and 'off' look more alike."
)
AS_SCHEDULED = (
    "Nights are compared as scheduled, whether or not each one was kept; "
    "adherence is shown beside the numbers."
)
NOT_PROOF = (
    "This is your own experiment, not a clinical trial: it shows what happened on your "
    "nights, not why. Talk to your doctor before changing anything they advised."
)

_FRACTIONS = (
    (0.1, "about a tenth as many"),
    (0.2, "about a fifth as many"),
    (0.25, "about a quarter as many"),
    (1 / 3, "about a third as many"),
    (0.5, "about half as many"),
    (2 / 3, "about two-thirds as many"),
    (0.75, "about three-quarters as many"),
    (1.0, "about as many"),
)


def number(x: float) -> str:
    """Two significant figures, never scientific notation: 0.058, 0.72, 1.4, 12."""
    if x >= 100:
        return f"{x:.0f}"
    if x == 0:
        return "0"
    text = f"{x:.2g}"
    return f"{float(text):g}" if "e" in text else text


def ratio_words(rr: float | None) -> str:
    if rr is None:
        return "none on 'off' nights to compare with"
    if rr == 0:
        return "none at all on 'on' nights"
    if rr < 0.9:
        return min(_FRACTIONS, key=lambda f: abs(f[0] - rr))[1]
    if rr <= 1.1:
        return "about as many"
    if rr < 1.75:
        return f"about {number(rr)} times as many"
    if rr < 2.5:
        return "about twice as many"
    return f"about {round(rr)} times as many"


def _nights(count: int, of: int, arm: str) -> str:
    return f"{count} of {of} '{arm}' night{'s' if of != 1 else ''}"


def counts_sentence(result: TrialResult) -> str:
    on, off = result.on, result.off
    first = _nights(on.cramp_nights, on.nights, "on")
    return f"cramps on {first} and {_nights(off.cramp_nights, off.nights, 'off')}"


def range_text(result: TrialResult) -> str:
    rr = result.decision.ratio
    if rr.low is None and rr.high is None:
        return ""
    low = number(rr.low or 0.0)
    high = "no upper limit" if rr.high is None else number(rr.high)
    return f"{low}–{high}" if rr.high is not None else f"{low} with {high}"


def headline(result: TrialResult, habit_name: str) -> str:
    v = result.verdict
    if v == TOO_EARLY:
        if (result.on.nights == 0 or result.off.nights == 0) and result.phases_done >= 2:
            return "Too early to say: no tracked nights yet in one of the arms."
        return (
            f"Too early to say: {result.phases_done} of {result.trial.phase_count} phases done; "
            "a comparison needs at least 2 (one 'on', one 'off')."
        )
    if v == FEWER:
        return f"In this experiment, your nights with the {habit_name} had fewer cramps."
    if v == MORE:
        return f"In this experiment, your nights with the {habit_name} had more cramps."
    return "In this experiment, no clear difference between 'on' and 'off' nights."


def result_lines(result: TrialResult, habit_name: str) -> tuple[str, ...]:
    """The result in plain words, the numbers first, then what they can and cannot show."""
    lines = [headline(result, habit_name)]
    if result.state == STOPPED:
        lines.append(
            f"Stopped early, after {result.phases_done} of {result.trial.phase_count} phases."
        )
    on, off = result.on, result.off
    d = result.decision
    if on.nights or off.nights:
        words = counts_sentence(result)
        if d.ratio.estimate is not None or (on.cramp_nights + off.cramp_nights):
            words += f": {ratio_words(d.ratio.estimate)}"
        lines.append(words[0].upper() + words[1:] + ".")
    if result.verdict in (FEWER, MORE):
        lines.append(
            f"The 95% range of the ratio, {range_text(result)}, does not include 'no difference'"
            ", and would not with any one night turned the other way."
        )
    elif result.verdict == NO_CLEAR:
        if on.cramp_nights + off.cramp_nights == 0:
            lines.append("No cramp on any tracked night, so there is nothing to compare.")
        elif d.excludes_one:
            lines.append(
                f"The 95% range, {range_text(result)}, only just leaves out 'no difference': "
                "one night the other way would change that, so this is not a clear result."
            )
        else:
            lines.append(f"The 95% range, {range_text(result)}, includes 'no difference'.")
        lines.append(
            "That does not show the habit makes no difference: a small or uneven effect "
            "needs more nights to show. Keep it if you find it useful."
        )
    untracked = on.untracked + off.untracked
    if untracked:
        lines.append(
            f"{untracked} night{'s' if untracked != 1 else ''} without a check-in or a logged "
            "cramp left out (untracked)."
        )
    if on.scheduled + off.scheduled:
        lines.append(adherence_text(result))
    if result.verdict != TOO_EARLY:
        lines += [AS_SCHEDULED, CARRY_OVER, NOT_PROOF]
    return tuple(lines)


def adherence_text(result: TrialResult) -> str:
    on, off = result.on, result.off
    return (
        f"Adherence: 'on' nights kept {on.kept} of {on.scheduled} ({on.not_kept} not, "
        f"{on.unknown} not answered); 'off' nights kept {off.kept} of {off.scheduled} "
        f"({off.not_kept} not, {off.unknown} not answered)."
    )


def status_line(
    trial: Trial, now: datetime, habit_name: str, boundary_hour: int = DEFAULT_BOUNDARY_HOUR
) -> str:
    """Home's line: 'Experiment: bedtime stretch — tonight ON, phase 2 of 4, night 5 of 14'."""
    state = trial.state(now, boundary_hour)
    if state == STOPPED:
        return f"Experiment: {habit_name} — stopped early; the result is in Experiments."
    if state == FINISHED:
        return f"Experiment: {habit_name} — finished; the result is in Experiments."
    night = coming_night(now, boundary_hour)
    phase = trial.phase_of(night)
    assert phase is not None and state == RUNNING
    n = (night - phase.first_night).days + 1
    arm = "ON" if phase.arm == ON else "OFF"
    return (
        f"Experiment: {habit_name} — tonight {arm}, phase {phase.number} of "
        f"{trial.phase_count}, night {n} of {trial.nights_per_phase}"
    )


def schedule_lines(trial: Trial) -> tuple[str, ...]:
    """The schedule, phase by phase, e.g. 'Phase 1: Sat 21 Nov – Fri 4 Dec  ON'."""
    return tuple(
        f"Phase {p.number}: {_day(p.first_night)} – {_day(p.last_night)}  "
        f"{'ON' if p.arm == ON else 'OFF'}"
        for p in trial.phases
    )


def _day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"
