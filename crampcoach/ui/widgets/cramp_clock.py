"""The cramp's elapsed time on every screen of the first-aid flow, and from 10 minutes on,
what to do now. The words come from ``crampcoach.core.first_aid``; this only shows them."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from crampcoach.core.first_aid import CrampClock, elapsed_clock, numbers_of, safety_net_lines

REDRAW_S = 0.5


class CrampClockPanel(Static):
    """One line ("Cramp so far 3:20"), growing into the safety net past 10 minutes."""

    def __init__(self, cramp: CrampClock, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.cramp = cramp

    def on_mount(self) -> None:
        self.update_now()
        self.set_interval(REDRAW_S, self.update_now)
        # Held or running on: said at once, not at the next tick (a screen that holds the
        # clock as it opens showed "running" for up to half a second).
        self._unwatch = self.cramp.watch(self.update_now)

    def on_unmount(self) -> None:
        self._unwatch()

    def lines(self) -> tuple[str, ...]:
        elapsed = self.cramp.elapsed()
        if self.cramp.running:
            head = f"Cramp so far {elapsed_clock(elapsed)}"
        else:
            head = f"Cramp so far {elapsed_clock(elapsed)} (the clock waits while you answer)"
        numbers = numbers_of(getattr(self.app, "settings", None))
        return (head, *safety_net_lines(elapsed, numbers))

    def update_now(self) -> None:
        lines = self.lines()
        self.set_class(len(lines) > 1, "-long")
        self.update(Text("\n".join(lines)))
