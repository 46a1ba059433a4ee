"""The doctor report as Markdown (stdlib only)."""

from __future__ import annotations

import re

from crampcoach.core.doctor import MENTION, URGENT
from crampcoach.core.text import escape_controls
from crampcoach.report.data import ReportData

_TAGS = {URGENT: "urgent", MENTION: "next visit"}
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_escape(text: str) -> str:
    """Escape user text so Markdown shows it literally (renders no HTML, no entity, and
    sends no terminal escape when the report is printed)."""
    return _SPECIAL.sub(r"\\\1", escape_controls(" ".join(text.split())))


def render_markdown(data: ReportData) -> str:
    out: list[str] = [f"# {data.title}", ""]
    if data.name_text:
        out += [f"**{md_escape(data.name_text)}**", ""]
    out.append(data.period_text)
    out.append("")
    out.append(f"Generated {data.generated_text}.")
    out.append("")

    advice = data.advice
    out += ["## Doctor advice", "", f"**{advice.headline}**", ""]
    for reason in advice.reasons:
        tag = _TAGS.get(reason.level, "routine visit")
        out.append(f"- ({tag}) {data.reason_text(reason.text)}")
    if advice.reasons:
        out.append("")
    if advice.whom:
        out += [f"Whom to see: {', '.join(advice.whom)}.", ""]
    if advice.note_own_threshold:
        out += [data.own_threshold_note, ""]
    out += [*(f"_{note}_" for note in advice.notes), ""] if advice.notes else []
    out += [f"At any hour: {' '.join(data.advice_help)}", ""]

    out += ["## At a glance", "", "| | |", "|---|---|"]
    out += [f"| {f.label} | {f.value} |" for f in data.facts]
    out.append("")

    out += ["## Cramp nights per week", "", "| nights | cramp nights |", "|---|---:|"]
    for w in data.weeks:
        out.append(
            f"| {w.first_night.isoformat()} to {w.last_night.isoformat()} | {w.cramp_nights} |"
        )
    out.append("")

    out += [f"## {data.long_cramps_heading}", ""]
    out += [f"- {c.text}" for c in data.long_cramps] or ["None in this period."]
    out.append("")

    out += ["## Warning signs noted (date and leg)", ""]
    if data.red_flags:
        for note in data.red_flags:
            line = f"- {note.text}"
            if note.notes:
                line += f". Note: {md_escape(note.notes)}"
            out.append(line)
    else:
        out.append("None noted in this period.")
    out.append("")

    out += ["## Seen a doctor about this", ""]
    out += [f"- {md_escape(line)}" for line in data.visit_lines] or ["None recorded."]
    out.append("")

    out += ["## Triggers noted with cramps", ""]
    out += [f"- {line}" for line in data.trigger_lines] or ["No triggers noted with the episodes."]
    out.append("")

    out += ["## Evening check-ins (association, not cause)", ""]
    out += [f"- {line}" for line in data.factor_lines] or ["No factor has enough nights yet."]
    if data.factors_waiting:
        out += ["", data.factors_waiting]
    out.append("")

    out += ["## What helped (median duration by relief)", ""]
    out += [f"- {line}" for line in data.relief_lines] or ["No relief methods noted."]
    out.append("")

    out += ["## Bedtime routine", "", data.bedtime_text, ""]

    out += ["## Medicines and conditions (from the profile)", ""]
    out += [
        f"- {f.label}: {md_escape(f.value) if f.user_text else f.value}" for f in data.context
    ] or ["Nothing noted."]
    out.append("")

    if data.experiment is not None:
        from crampcoach.report.experiment import experiment_markdown

        out += experiment_markdown(data.experiment, md_escape)

    out += ["---", "", f"_{data.footer}_", ""]
    return "\n".join(out)
