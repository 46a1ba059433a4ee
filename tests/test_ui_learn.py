"""Pilot tests for Learn: search by a word in the text, links between articles, open by slug."""

from __future__ import annotations

from textual.widgets import Input, Markdown, OptionList, Static

from crampcoach.content import load_articles
from crampcoach.ui.screens.home import HomeScreen
from crampcoach.ui.screens.learn import LearnScreen, find_articles, sources_line
from tests.ui_support import make_app


def _shown_slugs(screen: LearnScreen) -> list[str]:
    listing = screen.query_one("#learn-list", OptionList)
    return [listing.get_option_at_index(i).id for i in range(listing.option_count)]


async def test_learn_opens_from_home_and_leaves_with_escape(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LearnScreen)
        assert len(_shown_slugs(screen)) == len(load_articles())
        assert screen.current is not None
        assert screen.current.slug == load_articles()[0].slug
        assert "Learn" in screen.sub_title
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_search_finds_an_article_by_a_word_in_its_text(tmp_path):
    # "phlebologist" is in the body of one article, in no title.
    assert not any("phlebologist" in a.title.lower() for a in load_articles())
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LearnScreen)
        await pilot.press("slash")
        assert isinstance(screen.focused, Input)
        await pilot.press(*"Phlebologist")
        await pilot.pause()
        assert _shown_slugs(screen) == ["when-to-see-a-doctor"]
        assert screen.current is not None and screen.current.slug == "when-to-see-a-doctor"
        # enter goes to the list, enter again opens the article for reading
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(screen.focused, OptionList)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.focused is not None and screen.focused.id == "learn-article"

        search = screen.query_one("#learn-search", Input)
        search.value = "zzzz-no-such-word"
        await pilot.pause()
        assert _shown_slugs(screen) == []
        none = screen.query_one("#learn-none", Static)
        assert none.display and "zzzz-no-such-word" in str(none.render())
        # Nothing matches: no unrelated article beside the message.
        assert not screen.query_one("#learn-article").display
        search.value = "phlebologist"
        await pilot.pause()
        assert screen.query_one("#learn-article").display and not none.display


def test_find_articles_needs_every_word_in_title_or_text():
    items = load_articles()
    assert find_articles(items, "") == list(items)
    by_title = find_articles(items, "stretching help")
    assert "stretching-evidence" in [a.slug for a in by_title]
    assert find_articles(items, "phlebologist calf") == find_articles(items, "calf phlebologist")
    assert find_articles(items, "phlebologist nonsenseword") == []


async def test_opening_with_a_slug_shows_that_article_with_its_sources(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_learn("when-to-see-a-doctor")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LearnScreen)
        assert screen.current is not None and screen.current.slug == "when-to-see-a-doctor"
        text = screen.query_one("#learn-text", Markdown).source
        assert text.startswith("# When to see a doctor")
        sources = str(screen.query_one("#learn-sources", Static).render())
        assert sources.startswith("Sources:") and "NHS" in sources and "NICE CKS" in sources
        listing = screen.query_one("#learn-list", OptionList)
        highlighted = listing.get_option_at_index(listing.highlighted)
        assert highlighted.id == "when-to-see-a-doctor"


async def test_unknown_slug_falls_back_to_the_first_article(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_learn("no-such-article")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LearnScreen)
        assert screen.current == load_articles()[0]


async def test_a_link_opens_the_linked_article_and_web_links_are_not_followed(tmp_path):
    app = make_app(tmp_path)
    opened: list[str] = []
    app.open_url = lambda url, **_: opened.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_learn("when-to-see-a-doctor")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LearnScreen)
        # The article links to another one, even while a search hides it from the list.
        screen.query_one("#learn-search", Input).value = "phlebologist"
        await pilot.pause()
        markdown = screen.query_one("#learn-text", Markdown)
        assert "](medicines-and-cramps)" in markdown.source
        markdown.post_message(Markdown.LinkClicked(markdown, "medicines-and-cramps"))
        await pilot.pause()
        assert screen.current is not None and screen.current.slug == "medicines-and-cramps"
        assert screen.query_one("#learn-text", Markdown).source.startswith("# Medicines and cramps")
        assert "medicines-and-cramps" in _shown_slugs(screen)

        markdown = screen.query_one("#learn-text", Markdown)
        markdown.post_message(Markdown.LinkClicked(markdown, "https://example.org/cramps"))
        await pilot.pause()
        assert screen.current.slug == "medicines-and-cramps"
        assert opened == []


async def test_related_articles_are_linked_at_the_end(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_learn("what-is-a-cramp")
        await pilot.pause()
        source = app.screen.query_one("#learn-text", Markdown).source
        assert "**Read next:**" in source
        assert "(first-aid-basics)" in source


def test_every_article_has_a_readable_sources_line():
    for article in load_articles():
        line = sources_line(article)
        assert line.startswith("Sources: ")
        assert ".txt" not in line


async def test_learn_survives_a_small_terminal(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_learn("first-aid-basics")
        await pilot.pause()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert isinstance(app.screen, LearnScreen)
        assert app.screen.current.slug == "first-aid-basics"
