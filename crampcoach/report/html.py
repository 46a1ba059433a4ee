"""The doctor report as one stand-alone HTML page that prints on one A4 sheet.

No scripts, no external resources: styles and the chart (hand-written SVG) are inline.
Every piece of text goes through ``html.escape``.
"""

from __future__ import annotations

from html import escape

from crampcoach.core.doctor import URGENT
from crampcoach.core.text import escape_controls
from crampcoach.report.data import ReportData
from crampcoach.report.experiment import experiment_html
from crampcoach.report.svg import bar_chart

_CSS = """
@page { size: A4; margin: 14mm 14mm 12mm 14mm; }
* { box-sizing: border-box; }
html { color: #111; background: #fff; }
body { font: 10pt/1.35 Georgia, "Times New Roman", serif; max-width: 182mm; margin: 1.5em auto;
  padding: 0 1em; }
h1 { font-size: 15pt; margin: 0 0 .2em; }
h2 { font-size: 11pt; margin: .9em 0 .3em; border-bottom: 1px solid #999; padding-bottom: .1em; }
p, ul { margin: .25em 0; }
ul { padding-left: 1.3em; }
.meta { color: #444; font-size: 9pt; }
table.glance { border-collapse: collapse; width: 100%; }
table.glance th, table.glance td { text-align: left; vertical-align: top;
  padding: .12em .5em .12em 0; border-bottom: 1px solid #e3e3e3; }
table.glance th { width: 30%; font-weight: normal; color: #333; }
.advice { border: 1.5px solid #555; padding: .4em .7em; margin: .5em 0; }
.advice.urgent { border-color: #a00; border-width: 2.5px; }
.advice .headline { font-weight: bold; }
.tag { font-size: 8pt; text-transform: uppercase; letter-spacing: .04em; color: #555; }
.urgent .tag.urgent { color: #a00; font-weight: bold; }
.chart { display: block; width: 100%; height: auto; max-height: 46mm; }
.cols { display: flex; gap: 1.5em; }
.cols > section { flex: 1; min-width: 0; }
footer { margin-top: 1em; font-size: 8pt; color: #444; border-top: 1px solid #999;
  padding-top: .3em; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 9.5pt; }
  h2 { break-after: avoid; }
  .advice, table.glance tr, .chart { break-inside: avoid; }
}
"""


def _e(text: object) -> str:
    return escape(escape_controls(str(text)), quote=True)


def _list(lines: tuple[str, ...] | list[str], empty: str) -> str:
    if not lines:
        return f"<p>{_e(empty)}</p>"
    return "<ul>" + "".join(f"<li>{_e(line)}</li>" for line in lines) + "</ul>"


def render_html(data: ReportData) -> str:
    advice = data.advice
    bars = data.week_bars
    chart = bar_chart(
        [b.cramp_nights for b in bars],
        [b.label for b in bars],
        titles=[b.title for b in bars],
        title=f"Cramp nights per week, last {len(bars)} weeks",
    )

    reasons = "".join(
        f'<li><span class="tag {_e(r.level)}">'
        f"{'urgent' if r.level == URGENT else 'routine visit'}</span> {_e(r.text)}</li>"
        for r in advice.reasons
    )
    advice_html = [
        f'<div class="advice {_e(advice.level)}">',
        f'<p class="headline">{_e(advice.headline)}</p>',
    ]
    if reasons:
        advice_html.append(f"<ul>{reasons}</ul>")
    if advice.whom:
        advice_html.append(f"<p>Whom to see: {_e(', '.join(advice.whom))}.</p>")
    if advice.note_own_threshold:
        advice_html.append(f'<p class="meta">{_e(data.own_threshold_note)}</p>')
    advice_html.append("</div>")

    glance = "".join(f"<tr><th>{_e(f.label)}</th><td>{_e(f.value)}</td></tr>" for f in data.facts)

    flags = []
    for note in data.red_flags:
        line = _e(note.text)
        if note.notes:
            line += f". Note: <q>{_e(note.notes)}</q>"
        flags.append(f"<li>{line}</li>")
    flags_html = f"<ul>{''.join(flags)}</ul>" if flags else "<p>None noted in this period.</p>"

    factors_html = _list(data.factor_lines, "No factor has enough nights yet.")
    if data.factors_waiting:
        factors_html += f'<p class="meta">{_e(data.factors_waiting)}</p>'

    context = "".join(f"<li>{_e(f.label)}: {_e(f.value)}</li>" for f in data.context)
    context_html = f"<ul>{context}</ul>" if context else "<p>Nothing noted.</p>"

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
        f'<p class="meta">{_e(data.period_text)} Generated {_e(data.generated_text)}.</p>',
        "</header>",
        "<main>",
        '<section aria-labelledby="h-advice">',
        '<h2 id="h-advice">Doctor advice</h2>',
        *advice_html,
        "</section>",
        '<section aria-labelledby="h-glance">',
        '<h2 id="h-glance">At a glance</h2>',
        f'<table class="glance">{glance}</table>',
        "</section>",
        '<section aria-labelledby="h-weekly">',
        '<h2 id="h-weekly">Cramp nights per week</h2>',
        chart,
        "</section>",
        '<div class="cols">',
        '<section aria-labelledby="h-flags">',
        '<h2 id="h-flags">Warning signs noted</h2>',
        flags_html,
        "</section>",
        '<section aria-labelledby="h-context">',
        '<h2 id="h-context">Health context</h2>',
        context_html,
        "</section>",
        "</div>",
        '<section aria-labelledby="h-factors">',
        '<h2 id="h-factors">Factors seen (association, not cause)</h2>',
        factors_html,
        "</section>",
        '<div class="cols">',
        '<section aria-labelledby="h-relief">',
        '<h2 id="h-relief">What helped (median duration by relief)</h2>',
        _list(data.relief_lines, "No relief methods noted."),
        "</section>",
        '<section aria-labelledby="h-bedtime">',
        '<h2 id="h-bedtime">Bedtime routine</h2>',
        f"<p>{_e(data.bedtime_text)}</p>",
        "</section>",
        "</div>",
        *([] if data.experiment is None else experiment_html(data.experiment)),
        "</main>",
        f"<footer>{_e(data.footer)}</footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(body)
