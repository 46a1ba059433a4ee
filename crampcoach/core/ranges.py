"""The few numbers several layers must agree on, in one place.

The journal's gate (``core/models.py``) and the forms' rules (``core/form_rules.py``) share the
typed ranges, so a form never accepts what the journal would refuse, nor refuses what it keeps.
The report's period is the same for ``crampcoach report``, the app's report and the doctor
screen's words.
"""

from __future__ import annotations

WATER_RANGE = (0, 40)  # glasses of water in an evening
GET_READY_RANGE = (0, 30)  # seconds before a routine's first step
BOUNDARY_RANGE = (0, 23)  # the hour at which one night ends and the next begins

REPORT_NIGHTS = 90  # the doctor report covers the last 90 nights unless told otherwise
