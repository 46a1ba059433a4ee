"""The doctor report: data from core, rendered as Markdown or one stand-alone HTML page.

Only the standard library and ``crampcoach.core`` are imported here.
"""

from __future__ import annotations

from crampcoach.report.data import DEFAULT_DAYS, ReportData, build_report_data
from crampcoach.report.html import render_html
from crampcoach.report.markdown import render_markdown

__all__ = ["DEFAULT_DAYS", "ReportData", "build_report_data", "render_html", "render_markdown"]
