"""Which leg and where, one key each: l/r/b for the side, a letter per spot."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from crampcoach.core import vocab
from crampcoach.core.log_entry import as_last_time

SIDE_KEYS = {"l": "left", "r": "right", "b": "both"}
PLACE_KEYS = {
    "c": "calf",
    "f": "foot",
    "t": "toes",
    "h": "front-thigh",
    "k": "back-thigh",
    "o": "other",
}


class LegPicker(Widget, can_focus=True):
    """Shows every choice with its key; what the form prefilled says so until changed."""

    DEFAULT_CSS = """
    LegPicker { height: auto; padding: 0 1; }
    LegPicker:focus { background: $boost; }
    """

    side: reactive[str | None] = reactive(None)
    locations: reactive[tuple[str, ...]] = reactive(())
    # True while side and places are the form's guess from the last episode, untouched.
    prefilled: reactive[bool] = reactive(False)

    def __init__(
        self,
        side: str | None = None,
        locations: tuple[str, ...] = (),
        *,
        prefilled: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.set_reactive(LegPicker.side, side)
        self.set_reactive(LegPicker.locations, tuple(locations))
        self.set_reactive(LegPicker.prefilled, prefilled and bool(side or locations))

    def press(self, key: str) -> bool:
        """Apply a side or place key; False when the key is not one of them."""
        if key in SIDE_KEYS:
            chosen = SIDE_KEYS[key]
            self.side = None if self.side == chosen else chosen
        elif key in PLACE_KEYS:
            place = PLACE_KEYS[key]
            have = set(self.locations)
            have ^= {place}
            self.locations = tuple(p for p in vocab.LOCATIONS if p in have)
        else:
            return False
        self.prefilled = False
        return True

    def render(self) -> Content:
        # Our own words only (vocabulary labels), so markup is safe here.
        parts = ["[b]Which leg?[/b]  "]
        parts += [self._choice(key, side, self.side == side) for key, side in SIDE_KEYS.items()]
        parts.append("\n[b]Where?[/b]  ")
        parts += [
            self._choice(key, vocab.label(place), place in self.locations)
            for key, place in PLACE_KEYS.items()
        ]
        parts.append("\n")
        if self.prefilled:
            parts.append(f"[i]{as_last_time(self.side, self.locations)}[/i]")
            parts.append("[$foreground-muted] — press a key to change[/]")
        elif not self.locations:
            parts.append("[i]No place chosen yet[/i]")
        else:
            chosen = ", ".join(vocab.label(p) for p in self.locations)
            parts.append(f"[i]Chosen: {self.side or 'leg not noted'}, {chosen}[/i]")
        return Content.from_markup("".join(parts))

    @staticmethod
    def _choice(key: str, word: str, on: bool) -> str:
        mark = f"[b reverse]● {word}[/]" if on else f"○ {word}"
        return f"[b u]{key}[/] {mark}  "
