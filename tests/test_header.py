"""Our header: a new sub-title repaints the title line without laying out the screen again."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widget import Widget

from crampcoach.ui.widgets.header import Header, Title


class Titled(Screen[None]):
    SUB_TITLE = "first"

    def compose(self) -> ComposeResult:
        yield Header()


async def test_a_new_sub_title_is_shown_without_a_layout(monkeypatch):
    app = App[None]()
    async with app.run_test(size=(60, 10)) as pilot:
        screen = Titled()
        await app.push_screen(screen)
        await pilot.pause()
        title = screen.query_one(Title)
        assert "first" in str(title.render())
        layouts: list[Widget] = []
        real = Widget.refresh

        def spy(self: Widget, *regions, layout: bool = False, **kwargs):  # type: ignore[no-untyped-def]
            if layout:
                layouts.append(self)
            return real(self, *regions, layout=layout, **kwargs)

        monkeypatch.setattr(Widget, "refresh", spy)
        screen.sub_title = "second, and much longer than the first one was"
        await pilot.pause()
        assert "second" in str(title.render())
        assert title not in layouts
        assert title.outer_size.height == 1
