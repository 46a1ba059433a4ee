"""What goes into the doctor report: pure, built from core results, no formatting markup.

The renderers (markdown, html) only lay out what is here; every sentence and number
is decided once, in this module, so both formats say the same thing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from crampcoach.core import vocab
from crampcoach.core.doctor import (
    DISCLAIMER,
    OWN_THRESHOLD_NOTE,
    Advice,
    advise,
    medicine_words,
    numbers_from_settings,
    thresholds_from_settings,
)
from crampcoach.core.doctor_visit import DoctorVisit
from crampcoach.core.models import CheckIn, Episode, Profile, RoutineRun, Settings
from crampcoach.core.patterns import (
    WEEKS,
    Patterns,
    WeekCount,
    compute_patterns,
    format_duration,
    format_night,
    index_episodes,
    journal_first_night,
    local_start,
    plural,
)
from crampcoach.core.ranges import REPORT_NIGHTS
from crampcoach.core.urgent_help import format_limit_duration
from crampcoach.report.experiment import ExperimentSection

DEFAULT_DAYS = REPORT_NIGHTS
MAX_WEEKS = 26
NOTE_MAX = 200

TITLE = "Night-time leg cramps: summary for a doctor's visit"
FOOTER = (
    "From the patient's own log, kept in crampcoach. Patterns show association, not cause. "
    + DISCLAIMER
)


@dataclass(frozen=True)
class RedFlagNote:
    """An episode that noted a warning sign (times local to the episode's zone)."""

    night: date
    started_at: datetime
    flags: tuple[str, ...]
    locations: tuple[str, ...]
    side: str | None
    duration_s: int | None
    notes: str

    @property
    def leg(self) -> str:
        return LEG_WORDS.get(self.side or "", "leg not noted")

    @property
    def text(self) -> str:
        where = ", ".join(vocab.label(loc) for loc in self.locations if loc != "other")
        flags = ", ".join(vocab.label(f) for f in self.flags)
        place = f"{self.leg}, {where}" if where else self.leg
        return (
            f"night of {format_night(self.night, year=True)}, "
            f"{self.started_at.strftime('%H:%M')}: {flags} ({place})"
        )


LEG_WORDS = {"left": "left leg", "right": "right leg", "both": "both legs"}


@dataclass(frozen=True)
class LongCramp:
    """A cramp over the urgent limit, with its date and length in minutes and seconds."""

    night: date
    started_at: datetime
    duration_s: int
    side: str | None

    @property
    def text(self) -> str:
        leg = LEG_WORDS.get(self.side or "", "")
        tail = f", {leg}" if leg else ""
        return (
            f"night of {format_night(self.night, year=True)}, {self.started_at.strftime('%H:%M')}: "
            f"{format_limit_duration(self.duration_s)}{tail}"
        )


@dataclass(frozen=True)
class Fact:
    """One line of the "at a glance" table."""

    label: str
    value: str
    user_text: bool = False  # typed by the user: escape it, never trust it


@dataclass(frozen=True)
class WeekBar:
    label: str  # first night of the week, e.g. "6 Sep"
    title: str  # "nights of 6 Sep to 12 Sep: 2 cramp nights"
    cramp_nights: int


@dataclass(frozen=True)
class ReportData:
    generated_at: datetime
    days: int | None
    boundary_hour: int
    patterns: Patterns
    advice: Advice
    profile: Profile
    red_flags: tuple[RedFlagNote, ...]
    experiment: ExperimentSection | None = None  # the latest finished or stopped experiment
    long_cramps: tuple[LongCramp, ...] = ()
    long_limit_min: float = 10
    visits: tuple[DoctorVisit, ...] = ()
    patient_name: str = ""
    trigger_counts: tuple[tuple[str, int], ...] = ()  # (trigger, episodes that noted it)

    # ---- words, shared by every renderer (plain text; renderers escape it)

    @property
    def title(self) -> str:
        return TITLE

    @property
    def footer(self) -> str:
        return FOOTER

    @property
    def own_threshold_note(self) -> str:
        return OWN_THRESHOLD_NOTE

    @property
    def name_text(self) -> str | None:
        """The patient's name as set in settings (user text: renderers escape it)."""
        return self.patient_name or None

    @property
    def long_cramps_heading(self) -> str:
        limit = format_limit_duration(self.long_limit_min * 60)
        return f"Cramps over {limit}"

    @property
    def visit_lines(self) -> tuple[str, ...]:
        """Each recorded visit's date (latest first), with its note as the user wrote it."""
        lines = []
        for v in sorted(self.visits, key=lambda v: v.seen_on, reverse=True):
            note = f": {_clip(v.note, 120)}" if v.note else ""
            lines.append(f"{format_night(v.seen_on, year=True)}{note}")
        return tuple(lines)

    @property
    def trigger_lines(self) -> tuple[str, ...]:
        """How often each trigger was noted with a cramp, most often first."""
        total = self.patterns.nights.episodes_in_period
        return tuple(
            f"{vocab.label(t)}: {n} of {plural(total, 'episode')}" for t, n in self.trigger_counts
        )

    @property
    def advice_help(self) -> tuple[str, ...]:
        return self.advice.help

    def reason_text(self, text: str) -> str:
        """A reason without the out-of-hours lines (the report prints them once, below)."""
        for line in self.advice.help:
            text = text.replace(" " + line, "")
        return text

    @property
    def generated_text(self) -> str:
        return self.generated_at.strftime("%Y-%m-%d %H:%M")

    @property
    def period_text(self) -> str:
        p = self.patterns.period
        text = (
            f"Nights of {format_night(p.first_night, year=True)} to "
            f"{format_night(p.last_night, year=True)} ({plural(p.nights, 'night')})"
        )
        if p.tracked_from is None:
            text += "; nothing logged yet"
        elif p.tracked_from > p.first_night:
            text += f"; the log starts on {format_night(p.tracked_from, year=True)}"
        hour = f"{self.boundary_hour:02d}:00"
        return f"{text}. A night runs from {hour} to {hour} and is named by its evening."

    @property
    def facts(self) -> tuple[Fact, ...]:
        p = self.patterns
        n = p.nights
        facts = [
            Fact(
                "Cramp nights",
                f"{n.in_period} of {plural(p.period.tracked_nights, 'logged night')} "
                f"({plural(n.episodes_in_period, 'episode')})",
            ),
            Fact("Last 7 nights", f"{plural(n.last_7, 'cramp night')} ({n.woke_last_7} woke you)"),
            Fact(
                "Last 30 nights", f"{plural(n.last_30, 'cramp night')} ({n.woke_last_30} woke you)"
            ),
            # No trend against nights before the log began.
            Fact("Trend", p.trend.text),
            Fact("Typical time", p.hours.text),
            Fact("Location", p.locations.text),
            Fact("Side", p.sides.text),
            Fact("Triggers noted with cramps", p.triggers.text),
        ]
        if p.duration.count:
            facts.append(
                Fact(
                    "Typical duration",
                    f"{format_duration(p.duration.median)} (median of "
                    f"{plural(p.duration.count, 'timed episode')})",
                )
            )
        else:
            facts.append(Fact("Typical duration", "not noted"))
        if p.intensity.count:
            median = p.intensity.median or 0
            shown = str(int(median)) if float(median).is_integer() else f"{median:.1f}"
            facts.append(
                Fact(
                    "Typical intensity",
                    f"{shown} of 10 (median of {plural(p.intensity.count, 'rated episode')})",
                )
            )
        else:
            facts.append(Fact("Typical intensity", "not noted"))
        facts.append(Fact("Longest episode", self.longest_text))
        facts.append(
            Fact(
                "Cramp-free nights",
                f"{p.streaks.current} in a row now; longest run {p.streaks.longest}",
            )
        )
        return tuple(facts)

    @property
    def longest_text(self) -> str:
        item = self.patterns.longest
        if item is None:
            return "no timed episodes"
        start = local_start(item)
        seconds = item.episode.duration_s or 0
        # Near the 10-minute limit, minutes and seconds: "10 min" would hide a crossing.
        shown = format_limit_duration(seconds) if seconds >= 540 else format_duration(seconds)
        return (
            f"{shown}, night of "
            f"{format_night(item.night, year=True)} (began {start.strftime('%H:%M')})"
        )

    @property
    def weeks(self) -> tuple[WeekCount, ...]:
        """The weekly counts, without the weeks before the log began (at least one)."""
        weekly = self.patterns.weekly
        start = next((i for i, w in enumerate(weekly) if w.tracked_nights), len(weekly) - 1)
        return weekly[max(start, 0) :]

    @property
    def week_bars(self) -> tuple[WeekBar, ...]:
        bars = []
        for w in self.weeks:
            nights = "night" if w.cramp_nights == 1 else "nights"
            bars.append(
                WeekBar(
                    label=format_night(w.first_night),
                    title=(
                        f"nights of {format_night(w.first_night)} to "
                        f"{format_night(w.last_night)}: {w.cramp_nights} cramp {nights}"
                    ),
                    cramp_nights=w.cramp_nights,
                )
            )
        return tuple(bars)

    @property
    def factor_lines(self) -> tuple[str, ...]:
        return tuple(f.text for f in self.patterns.factors if f.enough or not f.comparable)

    @property
    def factors_waiting(self) -> str | None:
        waiting = [f.label for f in self.patterns.factors if f.comparable and not f.enough]
        if not waiting:
            return None
        return "Not enough data yet for: " + ", ".join(waiting) + "."

    @property
    def relief_lines(self) -> tuple[str, ...]:
        return tuple(r.text for r in self.patterns.relief)

    @property
    def bedtime_text(self) -> str:
        return self.patterns.bedtime.text

    @property
    def context(self) -> tuple[Fact, ...]:
        """The profile, as the patient entered it."""
        pr = self.profile
        lines = []
        if pr.age_band:
            age = pr.age_band.replace("-plus", " or over").replace("-", " to ")
            lines.append(Fact("Age", age))
        if pr.pregnant:
            lines.append(Fact("Pregnant", "yes"))
        if pr.conditions:
            lines.append(Fact("Conditions", ", ".join(vocab.label(c) for c in pr.conditions)))
        kinds = [vocab.label(m) for m in pr.medicines if m != "other"]
        if kinds:
            lines.append(Fact("Medicines", ", ".join(kinds)))
        if pr.medicines_other.strip():
            lines.append(Fact("Other medicines (as written)", _clip(pr.medicines_other), True))
        elif "other" in pr.medicines:
            lines.append(Fact("Other medicines", "yes, not named"))
        return tuple(lines)

    @property
    def has_medicines(self) -> bool:
        return bool(medicine_words(self.profile))


def _clip(text: str, limit: int = NOTE_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def build_report_data(
    episodes: Iterable[Episode],
    checkins: Iterable[CheckIn],
    runs: Iterable[RoutineRun],
    profile: Profile | None,
    settings: Settings | None,
    now: datetime,
    days: int | None = DEFAULT_DAYS,
    *,
    bedtime_routine_ids: Collection[str] = (),
    experiment: ExperimentSection | None = None,
    visits: Iterable[DoctorVisit] = (),
) -> ReportData:
    """Everything the report shows for the last ``days`` nights (None: the whole log).

    The doctor advice is the advice as of ``now``, whatever the period.
    """
    checkins, runs, visits = list(checkins), list(runs), tuple(visits)
    settings = settings or Settings()
    profile = profile or Profile()
    boundary = settings.night_boundary_hour
    index = index_episodes(episodes, boundary)
    weeks = WEEKS if days is None else min(MAX_WEEKS, max(1, -(-days // 7)))
    patterns = compute_patterns(
        index,
        checkins,
        runs,
        now=now,
        days=days,
        bedtime_routine_ids=bedtime_routine_ids,
        weeks=weeks,
    )
    thresholds = thresholds_from_settings(settings)
    first_night = journal_first_night(index, checkins, runs)
    advice = advise(
        index,
        profile,
        now=now,
        thresholds=thresholds,
        first_night=first_night,
        visits=visits,
        numbers=numbers_from_settings(settings),
    )
    period = patterns.period
    in_period = index.between(period.first_night, period.last_night)
    limit = thresholds["long_episode_min"]
    long_cramps = tuple(
        LongCramp(i.night, local_start(i), i.episode.duration_s or 0, i.episode.side)
        for i in in_period
        if i.episode.duration_s is not None and i.episode.duration_s > limit * 60
    )
    counts: dict[str, int] = {}
    for item in in_period:
        for trigger in item.episode.triggers:
            counts[trigger] = counts.get(trigger, 0) + 1
    order = {t: k for k, t in enumerate(vocab.TRIGGERS)}
    trigger_counts = tuple(
        sorted(counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order))))
    )
    red_flags = tuple(
        RedFlagNote(
            night=item.night,
            started_at=local_start(item),
            flags=item.episode.red_flags,
            locations=item.episode.locations,
            side=item.episode.side,
            duration_s=item.episode.duration_s,
            notes=_clip(item.episode.notes),
        )
        for item in in_period
        if item.episode.red_flags
    )
    return ReportData(
        generated_at=now,
        days=days,
        boundary_hour=boundary,
        patterns=patterns,
        advice=advice,
        profile=profile,
        red_flags=red_flags,
        experiment=experiment,
        long_cramps=long_cramps,
        long_limit_min=limit,
        visits=visits,
        patient_name=settings.patient_name,
        trigger_counts=trigger_counts,
    )
