"""Two low-glare themes: a calm dark default and night red to keep night vision.

Every text colour reaches WCAG AA (4.5:1) on every background of its theme; a test computes
it from these values, so a tweak that makes a line hard to read at 3 a.m. fails there.
"""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="crampcoach-dark",
    primary="#6fa09a",
    secondary="#7a8aa6",
    accent="#c9a35b",
    foreground="#c8ccd0",
    background="#0e1113",
    surface="#161a1d",
    panel="#1d2226",
    warning="#c9a35b",
    error="#d47a6a",
    success="#6f9a6a",
    dark=True,
    variables={"foreground-muted": "#a3a9ae"},
)

# Red on black: red light disturbs dark adaptation least. Black stays black and the text is
# pure red hues (green and blue well under red, never amber), bright enough to read (AA).
NIGHT_RED = Theme(
    name="crampcoach-night-red",
    primary="#e0402c",
    secondary="#b03424",
    accent="#ff6a4a",
    foreground="#ff5a40",
    background="#000000",
    surface="#080100",
    panel="#0e0201",
    warning="#ff5030",
    error="#ff3a2a",
    success="#e85030",
    boost="#1a0502",
    dark=True,
    variables={
        "foreground-muted": "#e04432",
        "footer-key-foreground": "#ff6a4a",
        "footer-description-foreground": "#ff5a40",
        "footer-background": "#0e0201",
        "block-cursor-background": "#3a0c06",
        "block-cursor-foreground": "#ff7a5a",
        "input-selection-background": "#3a0c06",
        "scrollbar": "#2a0804",
        "scrollbar-hover": "#3a0c06",
        "border": "#5a160c",
    },
)

THEMES = (DARK, NIGHT_RED)
THEME_LABELS = {DARK.name: "calm dark", NIGHT_RED.name: "night red"}
