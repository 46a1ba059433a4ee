"""The personal experiment's section of the doctor report (stdlib and core only).

The report shows the latest finished or stopped experiment: what was tested, the schedule, the
counts by assigned arm, the ratio with its 95% range, adherence, and what it cannot show.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from crampcoach.core.trial import STOPPED, TrialResult
from crampcoach.core.trial_text import result_lines


@dataclass(frozen=True)
class ExperimentSection:
    title: str
    design: str
    lines: tuple[str, ...]
    rows: tuple[tuple[str, str, str, str], ...]  # arm, tracked nights, cramp nights, share


def experiment_section(result: TrialResult, habit_title: str, habit_name: str) -> ExperimentSection:
    trial = result.trial
    state = "stopped early" if result.state == STOPPED else "finished"
    first = trial.first_night
    design = (
        f"{trial.phase_count} phases of {trial.nights_per_phase} nights from "
        f"{first.day} {first:%b %Y}, in on/off pairs whose order was drawn at random at the "
        f"start (seed {trial.seed}); {result.phases_done} phases done."
    )
    rows = tuple(
        (
            f"'{arm.arm}'",
            str(arm.nights),
            str(arm.cramp_nights),
            "–" if arm.rate is None else f"{round(100 * arm.rate)}%",
        )
        for arm in (result.on, result.off)
    )
    return ExperimentSection(
        title=f"Personal experiment: {habit_title} ({state})",
        design=design,
        lines=result_lines(result, habit_name),
        rows=rows,
    )


HEAD = ("nights", "tracked nights", "cramp nights", "share")


def experiment_markdown(section: ExperimentSection, escape_md) -> list[str]:
    out = [f"## {escape_md(section.title)}", "", section.design, ""]
    out += ["| " + " | ".join(HEAD) + " |", "|---|---:|---:|---:|"]
    out += ["| " + " | ".join(row) + " |" for row in section.rows]
    out.append("")
    out += [f"- {line}" for line in section.lines]
    out.append("")
    return out


def experiment_html(section: ExperimentSection) -> list[str]:
    head = "".join(f"<th>{escape(h)}</th>" for h in HEAD)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in section.rows
    )
    items = "".join(f"<li>{escape(line)}</li>" for line in section.lines)
    return [
        '<section aria-labelledby="h-experiment">',
        f'<h2 id="h-experiment">{escape(section.title)}</h2>',
        f'<p class="meta">{escape(section.design)}</p>',
        f'<table class="glance"><tr>{head}</tr>{rows}</table>',
        f"<ul>{items}</ul>",
        "</section>",
    ]
