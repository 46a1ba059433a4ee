"""Textual's footer, rebuilt only when the keys it shows change.

Textual's ``Footer`` rebuilds all its key widgets each time a screen's bindings may have
changed: on mount, on every focus change, on resume. Opening a screen did that five or six
times, each time styling and laying out a fresh row of keys — a good part of the screen's
first frame. This footer asks Textual's for the same keys and rebuilds only when they
differ from what it shows, and builds each key styled once.

It relies on two private parts of Textual 8 (``_bindings_ready`` and the ``FooterKey`` class
of ``textual.widgets._footer``), as Textual's own footer does: check them when Textual is
upgraded (``tests/test_footer.py`` would notice).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

# What the footer shows: (key, description, enabled, tooltip) of each shown binding.
Shown = tuple[tuple[str, str, bool, str], ...]


class Footer(TextualFooter):
    _shown: Shown | None = None
    _queued = False

    def _showing(self) -> Shown:
        return tuple(
            (binding.key, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # As Textual builds a key it is styled three times: its own compact flag
                # starts True (adding "-compact"), then the footer's is bound to it (taking
                # it off again). Starting at the value it ends with makes both no-ops. (The
                # palette's key is not bound: it keeps its own True.)
                compact = True if widget.has_class("-command-palette") else self.compact
                widget.set_reactive(FooterKey.compact, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._queued:
            return
        if self.is_attached and screen is self.screen:
            # Many changes in one frame (a screen mounting and focusing) are one check.
            self._queued = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._queued = False
        if not self.is_attached:
            return
        showing = self._showing()
        if showing == self._shown:
            return
        self._shown = showing
        await self.recompose()
