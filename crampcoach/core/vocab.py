"""The fixed vocabularies of the journal (docs/data-rules.md)."""

from __future__ import annotations

SIDES: tuple[str, ...] = ("left", "right", "both")
LOCATIONS: tuple[str, ...] = ("calf", "foot", "toes", "front-thigh", "back-thigh", "other")
RELIEF: tuple[str, ...] = (
    "stretch",
    "massage",
    "walk",
    "stand-on-cold-floor",
    "warmth",
    "cold",
    "legs-raised",
    "other",
)
TRIGGERS: tuple[str, ...] = (
    "long-standing",
    "exercise",
    "little-water",
    "caffeine",
    "alcohol",
    "tight-shoes",
    "cold",
    "stress",
    "new-medicine",
    "other",
)
RED_FLAGS: tuple[str, ...] = ("swelling", "redness-or-warmth", "numbness", "weakness")
SOURCES: tuple[str, ...] = ("manual", "first-aid", "import")

NOTES_MAX = 2000
INTENSITY_MIN, INTENSITY_MAX = 1, 10
# A cramp longer than a day is a typing mistake, not an episode.
DURATION_MAX_S = 24 * 3600

AGE_BANDS: tuple[str, ...] = ("under-30", "30-44", "45-59", "60-74", "75-plus")
CONDITIONS: tuple[str, ...] = (
    "diabetes",
    "thyroid",
    "kidney-disease",
    "varicose-veins",
    "flat-feet",
)
# Kinds of medicine the sources and NHS link to cramps. Never advice to stop any of them.
MEDICINE_KINDS: tuple[str, ...] = (
    "diuretics",
    "statins",
    "blood-pressure",
    "cholesterol",
    "estrogen-or-pill",
    "asthma-inhaler",
    "laxatives",
    "painkillers",
    "other",
)

LABELS: dict[str, str] = {
    "front-thigh": "front of thigh",
    "back-thigh": "back of thigh",
    "stand-on-cold-floor": "stood on a cool floor",
    "legs-raised": "legs raised",
    "long-standing": "long standing",
    "little-water": "little water",
    "tight-shoes": "tight shoes",
    "new-medicine": "new medicine",
    "redness-or-warmth": "redness or warmth",
    # Not "a leg that felt weak after the cramp": the sign is muscles weakening over time.
    "weakness": "muscles getting weaker or smaller",
    "kidney-disease": "kidney disease",
    "varicose-veins": "varicose veins",
    "flat-feet": "flat feet",
    "blood-pressure": "blood-pressure medicine",
    "cholesterol": "cholesterol medicine",
    "estrogen-or-pill": "estrogen or the pill",
    "asthma-inhaler": "asthma inhaler (salbutamol type)",
    "first-aid": "first aid",
}


def label(value: str) -> str:
    """Human words for a vocabulary value."""
    return LABELS.get(value, value)
