"""FocusScroll: focus restyles the container alone unless a rule styles its inside by it."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Button, Static

from crampcoach.ui.widgets.focus_scroll import FocusScroll
from tests.ui_support import THEMES, make_app, sample_episodes, screen_cells, settle


async def _screen_cells(tmp_path, key: str, theme: str):
    app = make_app(tmp_path, episodes=sample_episodes(), theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await settle(pilot)
        scroll = app.screen.query_one(FocusScroll)
        assert scroll.has_focus
        return scroll.focus_reaches_inside(), screen_cells(app)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("key", ["p", "d"])
async def test_patterns_and_doctor_look_the_same_as_with_the_full_restyle(
    tmp_path, key, theme, monkeypatch
):
    reaches, ours = await _screen_cells(tmp_path / "ours", key, theme)
    assert reaches is False  # nothing in the style sheets styles a part by the page's focus
    monkeypatch.setattr(FocusScroll, "focus_reaches_inside", lambda self: True)
    _, full = await _screen_cells(tmp_path / "full", key, theme)
    assert ours == full


class Page(App[None]):
    CSS = "#page:focus .part { color: red; }"

    def compose(self) -> ComposeResult:
        with FocusScroll(id="page"):
            yield Static("a part", classes="part")
        yield Button("outside", id="outside")


async def test_a_rule_that_styles_the_inside_by_focus_gets_the_full_restyle():
    app = Page()
    async with app.run_test() as pilot:
        page, part = app.query_one(FocusScroll), app.query_one(".part")
        assert page.focus_reaches_inside()
        page.focus()
        await pilot.pause()
        assert part.styles.color.rgb == (255, 0, 0)
        app.query_one("#outside").focus()
        await pilot.pause()
        assert part.styles.color.rgb != (255, 0, 0)


async def test_without_such_a_rule_only_the_container_is_restyled(monkeypatch):
    from textual.css.stylesheet import Stylesheet

    class Plain(Page):
        CSS = "#page:focus { background: blue; }"

    restyled: list[list[object]] = []
    real = Stylesheet.update_nodes
    monkeypatch.setattr(
        Stylesheet,
        "update_nodes",
        lambda self, nodes, animate=False: (
            restyled.append(list(nodes)),
            real(self, restyled[-1], animate),
        ),
    )
    app = Plain()
    async with app.run_test() as pilot:
        page = app.query_one(FocusScroll)
        assert not page.focus_reaches_inside()
        app.query_one("#outside").focus()
        await pilot.pause()
        restyled.clear()
        page.focus()
        await pilot.pause()
        assert [page] in restyled
        assert not any(app.query_one(".part") in nodes for nodes in restyled)
        assert page.styles.background.rgb == (0, 0, 255)
