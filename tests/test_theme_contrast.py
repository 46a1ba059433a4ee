"""Both themes reach WCAG AA: 4.5:1 for text (3:1 for the big countdown digits), computed from
the theme colours as Textual generates them, including muted text and Rich's dim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.color import Color

from crampcoach.core.contrast import AA_LARGE, AA_TEXT, blend, contrast_ratio
from crampcoach.ui.themes import NIGHT_RED, THEMES

STYLES = Path(__file__).resolve().parent.parent / "crampcoach" / "ui" / "styles"
TEXT = ("foreground", "foreground-muted", "error", "warning", "success", "accent", "primary")
GROUNDS = ("background", "surface", "panel")
UI = STYLES.parent


def _rgb(variables: dict[str, str], name: str, under: tuple[int, int, int]):
    if variables[name].startswith("auto"):
        return None  # Textual picks black or white, whichever contrasts more
    color = Color.parse(variables[name])
    r, g, b = color.rgb
    return blend(under, (r, g, b), color.a)


def _grounds(v):
    black = (0, 0, 0)
    return {name: _rgb(v, name, black) for name in GROUNDS}


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_every_text_colour_reaches_aa_on_every_background(theme):
    v = theme.to_color_system().generate()
    failures = []
    for ground_name, ground in _grounds(v).items():
        for name in TEXT:
            ratio = contrast_ratio(_rgb(v, name, ground), ground)
            if ratio < AA_TEXT:
                failures.append(f"{name} on {ground_name}: {ratio:.2f}")
    assert not failures, failures


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_tinted_panels_footer_and_cursor_stay_readable(theme):
    v = theme.to_color_system().generate()
    bg = _grounds(v)["background"]
    pairs = {
        # The doctor banner: text on a 15% / 20% wash of warning / error.
        "banner": (_rgb(v, "foreground", bg), blend(bg, _rgb(v, "warning", bg), 0.15)),
        "urgent banner": (_rgb(v, "foreground", bg), blend(bg, _rgb(v, "error", bg), 0.20)),
        "footer key": (_rgb(v, "footer-key-foreground", bg), _rgb(v, "footer-background", bg)),
        "footer words": (
            _rgb(v, "footer-description-foreground", bg),
            _rgb(v, "footer-background", bg),
        ),
        "cursor": (
            _rgb(v, "block-cursor-foreground", bg),
            _rgb(v, "block-cursor-background", bg),
        ),
    }
    low = {k: round(contrast_ratio(a, b), 2) for k, (a, b) in pairs.items() if a and b}
    assert all(r >= AA_TEXT for r in low.values()), low


def test_big_digits_reach_large_text_contrast():
    for theme in THEMES:
        v = theme.to_color_system().generate()
        bg = _grounds(v)["background"]
        assert contrast_ratio(_rgb(v, "accent", bg), bg) >= AA_LARGE


def test_night_red_is_red_on_black():
    v = NIGHT_RED.to_color_system().generate()
    assert _grounds(v)["background"] == (0, 0, 0)
    for name in ("foreground", "foreground-muted", "warning", "accent", "error"):
        r, g, b = _rgb(v, name, (0, 0, 0))
        # Red, not amber: green and blue stay well below red.
        assert g <= r * 0.45 and b <= r * 0.45, (name, (r, g, b))


def test_no_dim_text_anywhere():
    """Rich's dim blends text a third of the way into the background: night red cannot keep
    4.5:1 that way, so muted words use $foreground-muted, which the test above checks."""
    for source in UI.rglob("*.py"):
        text = source.read_text()
        assert "[dim]" not in text and 'style="dim"' not in text and ', "dim")' not in text, source


def test_styles_use_only_checked_colours():
    """A colour the test above does not check cannot slip into a stylesheet."""
    allowed = set(TEXT) | {"text", "text-muted"}
    for sheet in STYLES.glob("*.tcss"):
        for name in re.findall(
            r"(?<!background: )(?<!border: )color: \$([a-z-]+)", sheet.read_text()
        ):
            assert name in allowed, f"{sheet.name}: color ${name}"
