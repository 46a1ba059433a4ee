"""A typed way for screens and widgets to reach the App: ``self.cc_app`` instead of ``app: Any``.

Textual types ``self.app`` as a plain ``App``; screens need crampcoach's services (the journal,
settings, the clock, the zone). The cast is made here once, so a renamed service is a type error
in every screen rather than an ``AttributeError`` at 3 a.m.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # only for the type checker: screens load before and without this import
    from textual.dom import DOMNode

    from crampcoach.ui.app import CrampCoachApp


def cc_app(node: DOMNode) -> CrampCoachApp:
    """The running CrampCoachApp of ``node``."""
    return cast("CrampCoachApp", node.app)


class CrampCoachAppAccess:
    """Mix into a Screen or Widget to get ``self.cc_app``."""

    @property
    def cc_app(self) -> CrampCoachApp:
        return cc_app(cast("DOMNode", self))
