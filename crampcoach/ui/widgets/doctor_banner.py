"""The home screen's doctor banner: hidden when no rule fires."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from crampcoach.ui.text import user_markup


class DoctorBanner(Static):
    """Shows the advice level and its first reason; `d` opens the full advice."""

    def show_advice(self, advice: Any) -> None:
        level = getattr(advice, "level", "none")
        self.set_class(level == "urgent", "-urgent")
        self.display = level != "none"
        if level == "none":
            self.update("")
            return
        heading = "Get medical help soon" if level == "urgent" else "Worth seeing a doctor"
        first = advice.reasons[0].text if advice.reasons else ""
        more = len(advice.reasons) - 1
        tail = f" (+{more} more)" if more > 0 else ""
        keys = "press [b]d[/b] for why and whom to see"
        self.update(f"[b]{heading}[/b]: {user_markup(first)}{tail}  — {keys}")
