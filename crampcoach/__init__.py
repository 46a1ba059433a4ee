"""crampcoach: a calm terminal coach for night-time leg cramps."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # importlib.metadata costs ~15 ms: only pay it when someone asks for the version.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("crampcoach")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0.0.0+source"
    raise AttributeError(name)
