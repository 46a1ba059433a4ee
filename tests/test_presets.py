"""The preset widgets start in their final state: the same classes and values Textual's own
would reach, without restyling themselves before they are mounted."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.dom import DOMNode
from textual.widgets import Button as TextualButton
from textual.widgets import Checkbox as TextualCheckbox

from crampcoach.ui.widgets.presets import Button, Checkbox, RadioButton, RadioSet


class Both(App[None]):
    def compose(self) -> ComposeResult:
        yield Checkbox("ours", value=True, compact=True, id="ours")
        yield TextualCheckbox("theirs", value=True, compact=True, id="theirs")
        yield Button("ours", compact=True, id="b-ours")
        yield TextualButton("theirs", compact=True, id="b-theirs")
        with RadioSet(id="set", compact=True):
            yield RadioButton("a", value=False, id="a")
            yield RadioButton("b", value=True, id="b")


async def test_same_state_as_textuals_own(monkeypatch):
    app = Both()
    async with app.run_test() as pilot:
        ours, theirs = app.query_one("#ours"), app.query_one("#theirs")
        assert ours.classes == theirs.classes and ours.value is theirs.value is True
        b_ours, b_theirs = app.query_one("#b-ours"), app.query_one("#b-theirs")
        assert b_ours.classes == b_theirs.classes and b_ours.compact is b_theirs.compact
        radio = app.query_one("#set", RadioSet)
        assert radio.pressed_button is app.query_one("#b") and radio.has_class("-textual-compact")
        ours.focus()
        await pilot.press("space")
        assert ours.value is False and not ours.has_class("-on")

        restyled: list[DOMNode] = []
        real = DOMNode.update_node_styles
        monkeypatch.setattr(
            DOMNode,
            "update_node_styles",
            lambda self, animate=True: (restyled.append(self), real(self, animate)),
        )
        Checkbox("x", value=True, compact=True)
        Button("x", compact=True)
        RadioSet(compact=True)
        assert restyled == []
