"""The system speaker: which command, never blocking, every failure a notice."""

from __future__ import annotations

import subprocess

from crampcoach.speech import HOW_TO_GET, SystemSpeaker, find_command, speakable


def test_find_command_per_platform():
    have = {"espeak-ng": "/usr/bin/espeak-ng", "spd-say": "/usr/bin/spd-say", "say": "/usr/bin/say"}
    assert find_command(have.get, "linux") == ["/usr/bin/espeak-ng"]
    assert find_command({"spd-say": "/usr/bin/spd-say"}.get, "linux") == ["/usr/bin/spd-say"]
    assert find_command(have.get, "darwin") == ["/usr/bin/say"]
    assert find_command(have.get, "win32") is None
    assert find_command(lambda name: None, "linux") is None


class FakeProcess:
    def __init__(self) -> None:
        self.terminated = False

    def poll(self):
        return None  # still speaking

    def terminate(self) -> None:
        self.terminated = True


def test_say_starts_the_command_without_waiting_and_cuts_off_the_last_cue():
    started: list[tuple[list[str], dict]] = []
    processes: list[FakeProcess] = []

    def popen(args, **kwargs):
        started.append((args, kwargs))
        processes.append(FakeProcess())
        return processes[-1]

    speaker = SystemSpeaker(which={"espeak-ng": "/x/espeak-ng"}.get, platform="linux", popen=popen)
    assert speaker.available
    assert speaker.say("Calf stretch.") is None
    assert speaker.say("--Switch sides.\x1b[2J") is None
    assert started[0][0] == ["/x/espeak-ng", "Calf stretch."]
    assert started[1][0] == ["/x/espeak-ng", "Switch sides. [2J"]  # no option, no ESC
    assert started[0][1]["stdin"] is subprocess.DEVNULL
    assert started[0][1]["start_new_session"] is True
    assert processes[0].terminated and not processes[1].terminated


def test_failures_become_notices():
    def broken(args, **kwargs):
        raise PermissionError(13, "Permission denied")

    speaker = SystemSpeaker(which={"spd-say": "/x/spd-say"}.get, platform="linux", popen=broken)
    assert speaker.say("Done.") == "Could not speak: Permission denied."
    none = SystemSpeaker(which=lambda name: None, platform="linux")
    assert not none.available and none.say("Done.") == HOW_TO_GET
    assert speakable(" - ") == ""
