"""Two low-glare themes: a calm dark default and night red to keep night vision."""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="crampcoach-dark",
    primary="#5f8f8a",
    secondary="#7a8aa6",
    accent="#c9a35b",
    foreground="#c8ccd0",
    background="#0e1113",
    surface="#161a1d",
    panel="#1d2226",
    warning="#c9a35b",
    error="#c46a5a",
    success="#6f9a6a",
    dark=True,
)

# Dim red on black: red light disturbs dark adaptation least.
NIGHT_RED = Theme(
    name="crampcoach-night-red",
    primary="#8a2a20",
    secondary="#6e2018",
    accent="#a8382a",
    foreground="#a33a2c",
    background="#000000",
    surface="#0a0201",
    panel="#140402",
    warning="#b0402e",
    error="#c0442f",
    success="#8a3324",
    boost="#1a0502",
    dark=True,
    variables={
        "footer-key-foreground": "#c0442f",
        "block-cursor-background": "#3a0c06",
        "block-cursor-foreground": "#d04a34",
        "input-selection-background": "#3a0c06",
        "scrollbar": "#2a0804",
        "scrollbar-hover": "#3a0c06",
        "border": "#4a120a",
    },
)

THEMES = (DARK, NIGHT_RED)
THEME_LABELS = {DARK.name: "calm dark", NIGHT_RED.name: "night red"}
