"""WCAG 2 contrast: relative luminance of sRGB colours and the ratio between two of them."""

from __future__ import annotations

RGB = tuple[int, int, int]

AA_TEXT = 4.5
AA_LARGE = 3.0  # large text: the player's big countdown digits


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: RGB) -> float:
    r, g, b = (_channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(under: RGB, over: RGB, amount: float) -> RGB:
    """``over`` laid on ``under`` at ``amount`` (0–1) opacity, as the terminal shows it."""
    return tuple(round(u + (o - u) * amount) for u, o in zip(under, over, strict=True))  # type: ignore[return-value]
