"""The doctor report as one stand-alone HTML page that prints on one A4 sheet.

No scripts, no external resources: styles and the chart (hand-written SVG) are inline.
Every piece of text goes through ``html.escape`` (user text too: notes, the name, medicines).
The layout is dense on purpose: a GP reads it in a minute, and it must print on one page
from a browser for 90 nights of typical data (tests/test_report_print.py prints it).
"""

from __future__ import annotations

from html import escape

from crampcoach.core.doctor import MENTION, URGENT
from crampcoach.core.text import escape_controls
from crampcoach.report.data import ReportData
from crampcoach.report.experiment import experiment_html
from crampcoach.report.svg import bar_chart

_CSS = """
@page { size: A4; margin: 11mm 12mm 10mm 12mm; }
* { box-sizing: border-box; }
html { color: #111; background: #fff; }
body { font: 9pt/1.3 Georgia, "Times New Roman", serif; max-width: 186mm; margin: 1em auto;
  padding: 0 1em; }
h1 { font-size: 13pt; margin: 0; }
h2 { font-size: 9.5pt; margin: .55em 0 .15em; border-bottom: 1px solid #999;
  padding-bottom: .05em; }
p, ul { margin: .12em 0; }
ul { padding-left: 1.1em; }
li { margin: 0; }
.meta { color: #444; font-size: 8pt; }
.name { font-size: 10.5pt; font-weight: bold; margin: .1em 0; }
table.glance { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
table.glance th, table.glance td { text-align: left; vertical-align: top;
  padding: .05em .4em .05em 0; border-bottom: 1px solid #e3e3e3; }
table.glance th { width: 34%; font-weight: normal; color: #333; }
.advice { border: 1.5px solid #555; padding: .25em .6em; margin: .3em 0; }
.advice.urgent { border-color: #a00; border-width: 2.5px; }
.advice.mention { border-style: dashed; }
.advice .headline { font-weight: bold; }
.tag { font-size: 7pt; text-transform: uppercase; letter-spacing: .04em; color: #555; }
.urgent .tag.urgent { color: #a00; font-weight: bold; }
.chart { display: block; width: 100%; height: auto; max-height: 24mm; }
.inline { margin: .12em 0; }
.two ul { columns: 2; column-gap: 1.2em; }
.two li { break-inside: avoid; }
.cols { display: flex; gap: 1.2em; }
.cols > section { flex: 1; min-width: 0; }
.none { color: #555; }
footer { margin-top: .6em; font-size: 7pt; color: #444; border-top: 1px solid #999;
  padding-top: .2em; }
@media print {
  body { margin: 0; padding: 0; max-width: none; }
  h2 { break-after: avoid; }
  .advice, table.glance tr, .chart { break-inside: avoid; }
}
"""

_TAGS = {URGENT: "urgent", MENTION: "next visit"}


def _e(text: object) -> str:
    return escape(escape_controls(str(text)), quote=True)


def _list(lines: tuple[str, ...] | list[str], empty: str) -> str:
    if not lines:
        return f'<p class="none">{_e(empty)}</p>'
    return "<ul>" + "".join(f"<li>{_e(line)}</li>" for line in lines) + "</ul>"


def _inline(lines: tuple[str, ...] | list[str], empty: str) -> str:
    """Short items on one wrapped line, separated by semicolons: saves the page's height."""
    if not lines:
        return f'<p class="none">{_e(empty)}</p>'
    return f'<p class="inline">{_e("; ".join(lines))}.</p>'


def _section(key: str, title: str, body: str) -> str:
    return f'<section aria-labelledby="h-{key}"><h2 id="h-{key}">{_e(title)}</h2>{body}</section>'


def _advice(data: ReportData) -> str:
    advice = data.advice
    reasons = "".join(
        f'<li><span class="tag {_e(r.level)}">{_e(_TAGS.get(r.level, "routine visit"))}</span> '
        f"{_e(data.reason_text(r.text))}</li>"
        for r in advice.reasons
    )
    out = [
        f'<div class="advice {_e(advice.level)}">',
        f'<p class="headline">{_e(advice.headline)}</p>',
    ]
    if reasons:
        out.append(f"<ul>{reasons}</ul>")
    if advice.whom:
        out.append(f"<p>Whom to see: {_e(', '.join(advice.whom))}.</p>")
    small = list(advice.notes)
    if advice.note_own_threshold:
        small.append(data.own_threshold_note)
    if small:
        out.append(f'<p class="meta">{_e(" ".join(small))}</p>')
    out.append(f'<p class="meta">At any hour: {_e(" ".join(data.advice_help))}</p>')
    out.append("</div>")
    return "".join(out)


def _flags(data: ReportData) -> str:
    if not data.red_flags:
        return '<p class="none">None noted in this period.</p>'
    items = []
    for note in data.red_flags:
        line = _e(note.text)
        if note.notes:
            line += f". Note: <q>{_e(note.notes)}</q>"
        items.append(f"<li>{line}</li>")
    return f"<ul>{''.join(items)}</ul>"


def render_html(data: ReportData) -> str:
    bars = data.week_bars
    chart = bar_chart(
        [b.cramp_nights for b in bars],
        [b.label for b in bars],
        titles=[b.title for b in bars],
        title=f"Cramp nights per week, last {len(bars)} weeks",
        height=100,
        width=760,
    )
    glance = "".join(f"<tr><th>{_e(f.label)}</th><td>{_e(f.value)}</td></tr>" for f in data.facts)
    factors_html = _list(data.factor_lines, "No evening factor has enough check-ins yet.")
    if data.factors_waiting:
        factors_html += f'<p class="meta">{_e(data.factors_waiting)}</p>'
    context = "".join(f"<li>{_e(f.label)}: {_e(f.value)}</li>" for f in data.context)
    context_html = f"<ul>{context}</ul>" if context else '<p class="none">Nothing noted.</p>'
    long_html = _list([c.text for c in data.long_cramps], "None in this period.")
    visits_html = _list(list(data.visit_lines), "None recorded.")
    name = f'<p class="name">{_e(data.name_text)}</p>' if data.name_text else ""

    body = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(data.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(data.title)}</h1>",
        name,
        f'<p class="meta">{_e(data.period_text)} Generated {_e(data.generated_text)}.</p>',
        "</header>",
        "<main>",
        _section("advice", "Doctor advice", _advice(data)),
        '<div class="cols">',
        _section("glance", "At a glance", f'<table class="glance">{glance}</table>'),
        '<section class="side">',
        _section("long", data.long_cramps_heading, long_html),
        _section("flags", "Warning signs noted (date and leg)", _flags(data)),
        _section("context", "Medicines and conditions (from the profile)", context_html),
        _section("visits", "Seen a doctor about this", visits_html),
        "</section>",
        "</div>",
        _section("weekly", "Cramp nights per week", chart),
        _section(
            "factors",
            "Evening check-ins (association, not cause)",
            f'<div class="two">{factors_html}</div>',
        ),
        '<div class="cols">',
        _section(
            "triggers",
            "Triggers noted with cramps",
            _inline(data.trigger_lines, "No triggers noted with the episodes."),
        ),
        _section(
            "relief",
            "What helped (median duration)",
            _inline(data.relief_lines, "No relief methods noted."),
        ),
        _section("bedtime", "Bedtime routine", f"<p>{_e(data.bedtime_text)}</p>"),
        "</div>",
        *([] if data.experiment is None else experiment_html(data.experiment)),
        "</main>",
        f"<footer>{_e(data.footer)}</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(part for part in body if part)
