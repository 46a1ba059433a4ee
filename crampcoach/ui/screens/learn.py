"""Learn: short articles about leg cramps, searchable, with links between them.

This module is imported only when the screen opens, so Textual's Markdown widget (and the
Markdown parser behind it) never slows the start of the app.
"""

from __future__ import annotations

import re
from functools import cache

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from crampcoach.content import CLINICAL_ANCHORS, Article, load_articles
from crampcoach.ui.fresh_styles import FreshStyles
from crampcoach.ui.text import join_text, user_text
from crampcoach.ui.typed_app import CrampCoachAppAccess
from crampcoach.ui.widgets.footer import Footer
from crampcoach.ui.widgets.header import Header
from crampcoach.ui.widgets.text_fields import TextInput

SEED_RE = re.compile(r"^([0-9]{3})_[0-9a-f]+\.txt$")


@cache
def articles() -> tuple[Article, ...]:
    """The shipped articles, read once per run."""
    return load_articles()


def find_articles(items: tuple[Article, ...], query: str) -> list[Article]:
    """Articles whose title or text holds every word of ``query`` (any case, any order)."""
    words = query.lower().split()
    if not words:
        return list(items)
    found = []
    for a in items:
        text = f"{a.title}\n{a.body_markdown}".lower()
        if all(w in text for w in words):
            found.append(a)
    return found


def sources_line(article: Article) -> str:
    """The sources in words: named guidance first, then the source texts by number."""
    named = [s for s in article.sources if s in CLINICAL_ANCHORS]
    seeds = [m.group(1) for s in article.sources if (m := SEED_RE.match(s))]
    parts = list(named)
    if seeds:
        parts.append("source texts " + ", ".join(seeds))
    return "Sources: " + "; ".join(parts) + "."


def article_markdown(article: Article, by_slug: dict[str, Article]) -> str:
    """The article as shown: its title, its text and links to the related articles."""
    text = f"# {article.title}\n\n{article.body_markdown.rstrip()}\n"
    related = [by_slug[s] for s in article.related if s in by_slug]
    if related:
        links = " · ".join(f"[{r.title}]({r.slug})" for r in related)
        text += f"\n**Read next:** {links}\n"
    return text


class LearnScreen(FreshStyles, CrampCoachAppAccess, Screen[None]):
    SUB_TITLE = "Learn"
    CSS_PATH = "../styles/learn.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="back"),
        Binding("slash", "search", "Search", id="search"),
        Binding("enter", "open", "Open", id="open", show=False),
    ]

    def __init__(self, slug: str | None = None) -> None:
        super().__init__()
        self.start_slug = slug
        self.items = articles()
        self.by_slug = {a.slug: a for a in self.items}
        self.shown: list[Article] = list(self.items)
        self.current: Article | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with Horizontal(id="learn"):
            with Vertical(id="learn-side"):
                yield TextInput(placeholder="search (/)", id="learn-search")
                yield OptionList(id="learn-list")
                yield Static(id="learn-none", classes="empty")
            with VerticalScroll(id="learn-article"):
                yield Markdown(id="learn-text", open_links=False)
                yield Static(id="learn-sources", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self._fill_list()
        slug = self.start_slug
        if slug is not None and slug not in self.by_slug:
            self.notify("That article was not found; here is the first one.", timeout=4)
            slug = None
        target = self.by_slug[slug] if slug else self.items[0]
        self.show_article(target)
        if slug:
            self.query_one("#learn-article").focus()
        else:
            self.query_one("#learn-list", OptionList).focus()

    # ------------------------------------------------------------ list and search

    def _fill_list(self) -> None:
        listing = self.query_one("#learn-list", OptionList)
        listing.clear_options()
        listing.add_options(Option(a.title, id=a.slug) for a in self.shown)
        none = self.query_one("#learn-none", Static)
        query = self.query_one("#learn-search", Input).value.strip()

        # The query is echoed back as typed: plain text, never markup.
        none.update(
            join_text("No article mentions “", user_text(query), "”.") if not self.shown else ""
        )
        none.display = not self.shown
        listing.display = bool(self.shown)
        # Nothing matches: nothing else shows, so no unrelated article sits beside the message.
        self.query_one("#learn-article").display = bool(self.shown)
        self._highlight_current()

    def _highlight_current(self) -> None:
        listing = self.query_one("#learn-list", OptionList)
        if self.current is None or not self.shown:
            return
        for index, a in enumerate(self.shown):
            if a.slug == self.current.slug:
                listing.highlighted = index
                return
        listing.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "learn-search":
            return
        self.shown = find_articles(self.items, event.value)
        self._fill_list()
        if self.shown and (self.current is None or self.current not in self.shown):
            self.show_article(self.shown[0])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "learn-search" and self.shown:
            event.stop()
            self.query_one("#learn-list", OptionList).focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        slug = event.option.id
        if slug in self.by_slug and (self.current is None or self.current.slug != slug):
            self.show_article(self.by_slug[slug])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        slug = event.option.id
        if slug in self.by_slug:
            self.show_article(self.by_slug[slug])
            self.query_one("#learn-article").focus()

    # ------------------------------------------------------------ the article

    def show_article(self, article: Article) -> None:
        """Show ``article`` from its top and keep the list in step."""
        self.current = article
        self.query_one("#learn-text", Markdown).update(article_markdown(article, self.by_slug))
        self.query_one("#learn-sources", Static).update(sources_line(article))
        self.query_one("#learn-article", VerticalScroll).scroll_home(animate=False)
        self.sub_title = f"Learn · {article.title}"
        self._highlight_current()

    def open_slug(self, slug: str) -> bool:
        """Open the article named by ``slug``; False when there is none."""
        article = self.by_slug.get(slug)
        if article is None:
            return False
        if article not in self.shown:
            # Clear the search so the article can be highlighted in the list.
            search = self.query_one("#learn-search", Input)
            with search.prevent(Input.Changed):
                search.value = ""
            self.shown = list(self.items)
            self._fill_list()
        self.show_article(article)
        return True

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        href = event.href.strip()
        if "://" in href or href.startswith("mailto:"):
            self.notify(
                f"crampcoach does not open web pages. The address is: {href}",
                title="Web link",
                timeout=8,
            )
            return
        slug = href.strip("/").removesuffix(".md").split("#", 1)[0]
        if not self.open_slug(slug):
            self.notify("That link does not lead to an article.", severity="warning")

    # ------------------------------------------------------------ keys

    def action_search(self) -> None:
        self.query_one("#learn-search", Input).focus()

    def action_open(self) -> None:
        listing = self.query_one("#learn-list", OptionList)
        index = listing.highlighted
        if index is not None and 0 <= index < len(self.shown):
            self.show_article(self.shown[index])
            self.query_one("#learn-article").focus()

    def action_back(self) -> None:
        app = self.cc_app
        if len(app.screen_stack) > 1:
            self.dismiss(None)
