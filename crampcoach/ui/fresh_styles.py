"""``FreshStyles``: every crampcoach screen's first resume skips Textual's restyle.

Focus is the other thing that restyles a whole subtree: Textual restyles a widget and all its
descendants when it gains or loses focus. A screen that let Textual focus its first focusable
widget (often the scroll container holding the whole form) and then focused another in
``on_mount`` restyled everything twice. Screens name the widget to focus in ``AUTO_FOCUS``
instead, so focus lands once, where it should.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.events import ScreenResume


class FreshStyles:
    """Mix into a Screen: its first resume (right after its mount) does not restyle it.

    Textual restyles every widget of a screen each time it resumes, in case something changed
    while it was covered. A screen just pushed was styled moments ago when it mounted, so its
    first resume would style every widget a second time: a tenth of opening a screen.
    """

    _resumed_before = False

    def _on_screen_resume(self, event: ScreenResume) -> None:
        # Runs before Screen's own handler (subclass first in the MRO), which reads the flag.
        if not self._resumed_before:
            self._resumed_before = True
            event.refresh_styles = False
