"""First aid's words: what helped, in plain words, and its screens' "key words" lines."""

from __future__ import annotations

from rich.text import Text

RELIEF_WORDS = {
    "stretch": "stretching",
    "massage": "rubbing",
    "walk": "walking",
    "stand-on-cold-floor": "standing on a cool floor",
    "warmth": "warmth",
    "cold": "cold",
    "legs-raised": "legs raised",
    "other": "something else",
}


def choice(key: str, words: str, chosen: bool) -> Text:
    text = Text()
    if chosen:
        text.append(f" {key} {words} ", style="reverse bold")
    else:
        text.append(key, style="bold")
        text.append(f" {words} ")
    return text


LABEL_WIDTH = 16


def label(words: str) -> Text:
    """A question in its own column, so the answers line up."""
    return Text(words.ljust(LABEL_WIDTH), style="bold")


def keys(*parts: tuple[str, str]) -> Text:
    """ "key words" pairs with the key in bold, our own words only."""
    text = Text()
    for i, (key, words) in enumerate(parts):
        if i:
            text.append("  ·  ")
        text.append(key, style="bold")
        text.append(f" {words}")
    return text
