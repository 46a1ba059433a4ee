"""TextInput starts with the classes Input would add in its constructor, so building a form
of them does not restyle every box before it is mounted; it is still a compact, valid Input."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.dom import DOMNode

from crampcoach.ui.widgets.text_fields import TextInput


class Form(App[None]):
    def compose(self) -> ComposeResult:
        yield TextInput("3", compact=True, id="small", classes="number")
        yield TextInput(placeholder="roomy", id="roomy")


async def test_no_restyle_while_constructing(monkeypatch):
    restyled: list[DOMNode] = []
    real = DOMNode.update_node_styles

    def spy(self: DOMNode, animate: bool = True) -> None:
        restyled.append(self)
        real(self, animate)

    app = Form()
    async with app.run_test():
        monkeypatch.setattr(DOMNode, "update_node_styles", spy)
        TextInput("7", compact=True)
        TextInput("x\x1b")
        assert restyled == []


async def test_it_is_still_a_compact_valid_input():
    app = Form()
    async with app.run_test() as pilot:
        small = app.query_one("#small", TextInput)
        roomy = app.query_one("#roomy", TextInput)
        assert small.compact and small.has_class("-textual-compact", "-valid", "number")
        assert small.outer_size.height == 1
        assert not roomy.compact and not roomy.has_class("-textual-compact")
        assert roomy.outer_size.height == 3
        small.focus()
        await pilot.press("end", "2")
        assert small.value == "32"
        roomy.value = "a\x1bb"
        assert roomy.value == "a\\x1bb"  # the control character is still named, not kept
