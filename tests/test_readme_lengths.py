"""The README states routine lengths as the screen shows them, computed, never by hand."""

from __future__ import annotations

import re
from pathlib import Path

from crampcoach import content
from crampcoach.core.models import Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_bedtime_length_in_the_readme_is_the_routine_s_real_total():
    text = " ".join(README.read_text(encoding="utf-8").split())
    match = re.search(r"\*\*At bedtime\*\*: [^(]*\((\d+):(\d\d) on screen", text)
    assert match, "the README names the bedtime routine's length as the screen shows it"
    stated = int(match[1]) * 60 + int(match[2])
    routine = next(r for r in content.load_shipped_routines() if r.id == "bedtime-stretch")
    total = routine.total_seconds(Settings().get_ready_s)
    assert stated == round(total)
    # The words agree with the figure: "about three and a half minutes" for 3:26.
    words = {3: "three", 4: "four", 5: "five", 6: "six"}
    minutes = total / 60
    half = " and a half" if 0.25 <= minutes % 1 < 0.75 else ""
    whole = round(minutes) if not half else int(minutes)
    assert f"about {words[whole]}{half} minutes ({match[1]}:{match[2]}" in text
