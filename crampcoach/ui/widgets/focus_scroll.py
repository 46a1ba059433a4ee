"""A VerticalScroll whose focus restyles the container alone, when nothing inside depends on it.

Textual restyles a widget and every widget inside it when it gains or loses focus, in case a
rule picks something out by an ancestor's focus (``Scroll:focus Static { … }``). Patterns and
Doctor hold their whole page in one scroll container that takes focus as the screen opens, so
that restyle of every part was 8 ms of each opening. ``FocusScroll`` looks through the style
sheet first: only when some rule could select a widget by this container's focus (or blur) does
it restyle everything inside; otherwise the container's own look is all that can change.
"""

from __future__ import annotations

from textual.containers import VerticalScroll

FOCUS_STATES = frozenset({"focus", "blur", "focus-within"})


class FocusScroll(VerticalScroll):
    def watch_has_focus(self, has_focus: bool) -> None:
        if self.focus_reaches_inside():
            super().watch_has_focus(has_focus)
        else:
            self.app.stylesheet.update_nodes([self], animate=True)

    def focus_reaches_inside(self) -> bool:
        """Whether a rule could style a widget inside this one by this one's focus: a
        focus state on any part of a selector but the last, where that part's type, class
        or id could be this container (other parts of a compound are not checked, which
        errs toward the full restyle)."""
        for rule in self.app.stylesheet.rules:
            for selector_set in rule.selector_set:
                for selector in selector_set.selectors[:-1]:
                    # Selector._check is the type / class / id test, without pseudo-classes.
                    if selector.pseudo_classes & FOCUS_STATES and selector._check(self):
                        return True
        return False
