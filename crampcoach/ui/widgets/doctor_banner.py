"""The home screen's doctor banner: hidden when no rule fires.

Its heading comes from the advice itself (``Advice.heading``), so it uses the same word
for how soon ("today", "soon") as the doctor screen's headline. Profile context alone
gets its own gentle style, never the warning sign's.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from crampcoach.ui.text import join_text, user_text


class DoctorBanner(Static):
    """Shows the advice's heading and its first reason in a few words; `d` opens the rest."""

    def show_advice(self, advice: Any) -> None:
        level = getattr(advice, "level", "none")
        self.set_class(level == "urgent", "-urgent")
        self.set_class(level == "mention", "-mention")
        self.display = level != "none"
        if level == "none":
            self.update("")
            return
        first = advice.reasons[0] if advice.reasons else None
        what = (first.summary or first.text) if first is not None else ""
        more = len(advice.reasons) - 1
        tail = f" (+{more} more)" if more > 0 else ""
        parts: list[Any] = [user_text(advice.heading, style="bold"), ": ", user_text(what), tail]
        if level == "urgent" and advice.help:
            # At 3 a.m. the surgery is closed: say whom to call right here.
            parts += [" · ", user_text(advice.help[0])]
        parts += ["  — press ", user_text("d", style="bold"), " for why and whom to see"]
        self.update(join_text(*parts))
