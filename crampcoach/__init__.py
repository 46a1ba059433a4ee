"""crampcoach: a calm terminal coach for night-time leg cramps."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("crampcoach")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
