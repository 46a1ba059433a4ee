"""Textual's Button, Checkbox, RadioButton and RadioSet, built already in their final state.

Each sets its ``compact`` flag (a toggle its ``value``, a button its ``flat`` look) in its
constructor, and each flag adds a CSS class ("-textual-compact", "-on", "-style-default"),
which restyles the widget and its parts before it is even mounted. These start with the
classes and the flags' stored values, as Textual itself presets ``Input.valid_empty``, so
those constructor steps change nothing: a form of checkboxes and buttons is styled once per
widget.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Button as TextualButton
from textual.widgets import Checkbox as TextualCheckbox
from textual.widgets import RadioButton as TextualRadioButton
from textual.widgets import RadioSet as TextualRadioSet


def _preset(
    widget: Any, kwargs: dict[str, Any], *, toggle: bool = False, button: bool = False
) -> dict[str, Any]:
    """The constructor's keyword arguments with the classes its flags would add."""
    names = set((kwargs.get("classes") or "").split())
    if button:  # its flat look: "-style-flat" or "-style-default"
        flat = bool(kwargs.get("flat"))
        widget._reactive_flat = flat
        names.add("-style-flat" if flat else "-style-default")
    if kwargs.get("compact"):
        widget._reactive_compact = True
        names.add("-textual-compact")
    if toggle and kwargs.get("value"):
        widget._reactive_value = True
        names.add("-on")
    return {**kwargs, "classes": " ".join(sorted(names)) or None}


class Button(TextualButton):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **_preset(self, kwargs, button=True))


class Checkbox(TextualCheckbox):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **_preset(self, kwargs, toggle=True))


class RadioButton(TextualRadioButton):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **_preset(self, kwargs, toggle=True))


class RadioSet(TextualRadioSet):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **_preset(self, kwargs))
