"""ViewPart: parts bound to one view; a part built ``later`` draws in the frame after."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.reactive import reactive

from crampcoach.ui.widgets.view_part import ViewPart


class Part(ViewPart[str]):
    def __init__(self, *, later: bool = False) -> None:
        super().__init__(later=later)
        self.drawn: list[str] = []

    def draw(self, view: str) -> None:
        self.drawn.append(view)
        self.update(view)


class Parts(App[None]):
    view: reactive[str | None] = reactive(None)

    def compose(self) -> ComposeResult:
        yield Part().data_bind(Parts.view)
        yield Part(later=True).data_bind(Parts.view)


async def test_a_later_part_draws_after_the_frame_and_only_the_newest_view():
    app = Parts()
    async with app.run_test() as pilot:
        now, later = app.query(Part)
        app.view = "first"
        app.view = "second"  # before any frame: the later part draws only this one
        assert now.drawn == ["first", "second"] and later.drawn == []
        await pilot.pause()
        await pilot.pause()
        assert later.drawn == ["second"]
        assert str(later.render()) == "second"


async def test_patterns_draws_the_parts_below_the_fold_after_the_first(tmp_path):
    from crampcoach.ui.screens.patterns import FIRST_SCREENFUL
    from crampcoach.ui.widgets.pattern_part import PatternPart
    from tests.ui_support import make_app, sample_episodes, settle

    app = make_app(tmp_path, episodes=sample_episodes())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await settle(pilot)
        parts = {part.id: part for part in app.screen.query(PatternPart)}
        assert {pid for pid, part in parts.items() if not part._later} == FIRST_SCREENFUL
        assert "Where" in str(parts["pt-locations"].render())  # drawn, a frame later
        assert "Cramp nights per week" in str(parts["pt-weekly"].render())
