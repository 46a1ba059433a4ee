"""Our footer: the screen's keys, rebuilt only when they change, each key styled once.

(The keys come a frame after the screen's own content, as Textual's footer does: composing
them in the first frame delayed every screen's content by 20-30 ms.)"""

from __future__ import annotations

from collections import Counter

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widgets._footer import FooterKey

from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.widgets.footer import Footer


class KeysScreen(FreshStyles, Screen[None]):
    """As every crampcoach screen is: FreshStyles, so its first resume restyles nothing."""

    BINDINGS = [
        Binding("a", "alpha", "Alpha"),
        Binding("b", "bravo", "Bravo"),
        Binding("c", "bell", "Hidden", show=False),
    ]

    def action_alpha(self) -> None: ...

    def action_bravo(self) -> None: ...

    def compose(self) -> ComposeResult:
        yield Footer()


class Keys(App[None]):
    def on_mount(self) -> None:
        self.push_screen(KeysScreen())


async def test_each_key_is_styled_once_and_shows_as_textual_draws_it(monkeypatch):
    applied: Counter[int] = Counter()
    real = Stylesheet.apply

    def spy(self: Stylesheet, node, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(node, FooterKey):
            applied[id(node)] += 1
        return real(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", spy)
    app = Keys()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        shown = [k.description for k in keys]
        assert shown[:2] == ["Alpha", "Bravo"] and "Hidden" not in shown
        for key in keys:
            palette = key.has_class("-command-palette")
            # The footer's own keys follow its compact flag (False); the palette's is compact.
            assert key.compact is palette and key.has_class("-compact") is palette
            assert applied[id(key)] == 1, key.description
