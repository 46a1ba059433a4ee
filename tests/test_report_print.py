"""The printed doctor report: one A4 page from a browser for 90 nights of typical data.

Prints the HTML with headless Chromium and counts the PDF's pages with pdfinfo. Skips only
when no Chromium (or pdfinfo) can be found on this machine.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from crampcoach.core import vocab
from crampcoach.core.doctor_visit import DoctorVisit
from crampcoach.core.models import CheckIn, Profile, Settings
from crampcoach.report import build_report_data, render_html
from tests.factories import episode_on_night, local, run_at

NOW = local("2026-11-29", "09:00")
LAST = date(2026, 11, 28)


def typical_90_nights(seed: int = 7, busy: bool = False):
    """Cramps on about a third of nights, check-ins most evenings, a few signs and triggers."""
    rng = random.Random(seed)
    episodes, checkins, runs = [], [], []
    for k in range(120):  # the log began before the 90-night period
        night = LAST - timedelta(days=k)
        if rng.random() < (0.5 if busy else 0.33):
            for _ in range(rng.choice([1, 1, 1, 2])):
                episodes.append(
                    episode_on_night(
                        night,
                        f"0{rng.randint(1, 5)}:{rng.randint(10, 59)}",
                        minutes=rng.choice([1, 2, 2, 3, 4, 6]),
                        side=rng.choice(vocab.SIDES),
                        locations=(rng.choice(["calf", "calf", "foot", "toes"]),),
                        intensity=rng.randint(3, 8),
                        relief=tuple(rng.sample(["stretch", "massage", "walk", "warmth"], 1)),
                        triggers=tuple(rng.sample(vocab.TRIGGERS[:8], rng.choice([0, 1, 2]))),
                        notes=rng.choice(["", "", "after a long walk", "woke twice, sore calf"]),
                    )
                )
        if rng.random() < 0.8:
            checkins.append(
                CheckIn(
                    night=night,
                    water_glasses=rng.randint(3, 9),
                    caffeine_after_noon=rng.random() < 0.3,
                    alcohol=rng.random() < 0.2,
                    long_standing_or_exercise=rng.random() < 0.3,
                    stressful_day=rng.random() < 0.3,
                )
            )
        if rng.random() < 0.4:
            runs.append(run_at(night))
    episodes += [
        episode_on_night(LAST - timedelta(days=40), "03:10", minutes=None, duration_s=630,
                         side="left", locations=("calf",)),
        episode_on_night(LAST - timedelta(days=70), "02:40", minutes=12, side="right",
                         locations=("calf",)),
        episode_on_night(LAST - timedelta(days=20), "02:00", red_flags=("numbness",),
                         side="left", locations=("foot",), notes="numb toes for an hour"),
        episode_on_night(LAST - timedelta(days=55), "04:00", red_flags=("swelling",),
                         side="right", locations=("calf",)),
        episode_on_night(LAST - timedelta(days=55), "06:00", red_flags=("redness-or-warmth",),
                         side="right", locations=("calf",)),
    ]  # fmt: skip
    profile = Profile(
        age_band="60-74",
        conditions=("diabetes", "varicose-veins"),
        medicines=("statins", "diuretics", "other"),
        medicines_other="amlodipine 5 mg in the morning",
    )
    settings = Settings(patient_name="Ann Example (born 1958)")
    visits = (DoctorVisit(LAST - timedelta(days=50), "GP checked the right calf"),)
    return episodes, checkins, runs, profile, settings, visits


def report_html(busy: bool = False, seed: int = 7) -> str:
    episodes, checkins, runs, profile, settings, visits = typical_90_nights(seed, busy)
    data = build_report_data(
        episodes, checkins, runs, profile, settings, NOW, 90,
        bedtime_routine_ids={"bedtime-stretch"}, visits=visits,
    )  # fmt: skip
    return render_html(data)


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pdf(html: str, folder: Path) -> Path:
    browser = _chromium()
    if browser is None or shutil.which("pdfinfo") is None:
        pytest.skip(
            "no Chromium or pdfinfo on this machine (apt-get install chromium poppler-utils)"
        )
    page = folder / "report.html"
    page.write_text(html, encoding="utf-8")
    pdf = folder / "report.pdf"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return pdf


def pages(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    count = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    size = re.search(r"^Page size:\s+(.*)$", info.stdout, re.M).group(1)
    return count, size


@pytest.mark.parametrize(("busy", "seed"), [(False, 7), (False, 11), (True, 3)])
def test_report_prints_on_one_a4_page(tmp_path, busy, seed):
    html = report_html(busy, seed)
    # What a GP needs is there before we count pages.
    assert "Ann Example (born 1958)" in html
    assert "10 min 30 s" in html and "12 min" in html
    assert "numbness (left leg, foot)" in html
    assert "Seen a doctor about this" in html and "GP checked the right calf" in html
    assert "statins, diuretics" in html and "amlodipine" in html
    assert "Triggers noted with cramps" in html
    count, size = pages(print_pdf(html, tmp_path))
    assert ("595" in size and "841" in size) or "A4" in size, size
    assert count == 1, f"{count} pages"
