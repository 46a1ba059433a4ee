"""The allowed ranges of the few numbers people type into forms, in one place.

The journal's gate (``core/models.py``) and the forms' rules (``core/form_rules.py``) both use
them, so a form never accepts what the journal would refuse, nor refuses what it keeps.
"""

from __future__ import annotations

WATER_RANGE = (0, 40)  # glasses of water in an evening
GET_READY_RANGE = (0, 30)  # seconds before a routine's first step
BOUNDARY_RANGE = (0, 23)  # the hour at which one night ends and the next begins
