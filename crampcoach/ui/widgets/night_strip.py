"""The last 30 nights at a glance: one mark per night, filled when it had a cramp."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.color import Color
from textual.reactive import reactive
from textual.widget import Widget


class NightStrip(Widget):
    DEFAULT_CSS = """
    NightStrip { height: 3; width: 1fr; }
    """

    nights: reactive[tuple[tuple[date, int | None], ...]] = reactive((), layout=True)
    """(night, episode count) pairs, oldest first; None: before the first entry, not tracked."""

    def _solid(self, name: str) -> str:
        """A theme colour as an opaque Rich colour (theme variables may carry alpha)."""
        variables = self.app.theme_variables
        background = Color.parse(variables.get("background", "#000000"))
        color = Color.parse(variables.get(name, "#808080"))
        r, g, b = (background + color).rgb
        return f"rgb({r},{g},{b})"

    def render(self) -> Text:
        if all(count is None for _night, count in self.nights):
            return Text("Your nights show here from your first entry.")
        cramp = self._solid("error")
        calm = self._solid("foreground-muted")
        cell = 2 if self.size.width >= len(self.nights) * 2 else 1
        marks = Text()
        for _night, count in self.nights:
            glyph = (" " if count is None else "█" if count else "·") * cell
            marks.append(glyph, style=cramp if count else calm)
        first, last = self.nights[0][0], self.nights[-1][0]
        span = len(self.nights) * cell
        left = first.strftime("%d %b")
        right = f"{last.strftime('%d %b')} ▲"
        labels = Text(left + " " * max(1, span - len(left) - len(right)) + right, style=calm)
        legend = Text.assemble(("█", cramp), " cramp night   ", ("·", calm), " quiet night")
        if any(count is None for _night, count in self.nights):
            legend.append("   blank: not tracked yet", style=calm)
        return Text("\n").join([marks, labels, legend])
