"""History with many episodes: rows arrive a page at a time, yet search and sort see them all."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import DataTable, Input
from textual.widgets.data_table import ColumnKey

from crampcoach.core.models import Episode
from crampcoach.ui.screens.history import PAGE, HistoryScreen
from tests.ui_support import NOW, ZONE, make_app, settle

COUNT = PAGE * 3 + 7


def many_episodes() -> list[Episode]:
    """One episode a night, newest first; the oldest has a note nobody else has."""
    out = []
    for i in range(COUNT):
        start = datetime(2026, 11, 22, 3, 0, tzinfo=ZONE) - timedelta(days=i)
        notes = "Woke With A Knot" if i == COUNT - 1 else "after a walk"
        out.append(Episode(started_at=start, tz="Europe/Berlin", duration_s=60 + i, notes=notes))
    return out


async def open_history(pilot) -> tuple[HistoryScreen, DataTable]:
    await pilot.press("h")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen, screen.query_one(DataTable)


async def test_first_page_then_more_as_the_cursor_moves_down(tmp_path):
    app = make_app(tmp_path, episodes=many_episodes(), now=NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, table = await open_history(pilot)
        assert table.row_count == PAGE
        assert f"{COUNT} of {COUNT}" in screen.sub_title
        table.move_cursor(row=PAGE - 1)
        await settle(pilot)
        assert table.row_count == 2 * PAGE
        assert screen.current().duration_s == 60 + PAGE - 1


async def test_scrolling_to_the_bottom_loads_the_next_page(tmp_path):
    app = make_app(tmp_path, episodes=many_episodes(), now=NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        _screen, table = await open_history(pilot)
        table.scroll_to(y=table.max_scroll_y, animate=False)
        await settle(pilot)
        assert table.row_count == 2 * PAGE


async def test_search_finds_an_episode_that_is_not_loaded_yet(tmp_path):
    app = make_app(tmp_path, episodes=many_episodes(), now=NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, table = await open_history(pilot)
        oldest = datetime(2026, 11, 22, 3, 0, tzinfo=ZONE) - timedelta(days=COUNT - 1)
        assert oldest not in {e.started_at for e in screen._shown[: table.row_count]}
        await pilot.press("slash")
        # Different case from the note: search ignores case.
        await pilot.press(*"wOKE with")
        await settle(pilot)
        assert table.row_count == 1
        assert screen.current().started_at == oldest
        screen.query_one("#text", Input).value = ""
        await settle(pilot)
        assert table.row_count == PAGE


async def test_clicking_a_header_twice_flips_the_sort(tmp_path):
    app = make_app(tmp_path, episodes=many_episodes(), now=NOW)
    async with app.run_test(size=(100, 24)) as pilot:
        screen, table = await open_history(pilot)
        column = table.columns[ColumnKey("duration")]
        index = list(table.columns).index(column.key)

        def click_header() -> None:
            # What DataTable posts when its header cell is clicked.
            table.post_message(DataTable.HeaderSelected(table, column.key, index, column.label))

        click_header()
        await settle(pilot)
        assert (screen.sort_key, screen.descending) == ("duration", True)
        assert screen.current().duration_s == 60 + COUNT - 1
        click_header()
        await settle(pilot)
        assert (screen.sort_key, screen.descending) == ("duration", False)
        assert screen.current().duration_s == 60


def test_the_index_is_kept_between_readings_and_indexes_only_new_episodes():
    from crampcoach.ui.screens.history import EpisodeIndex

    episodes = many_episodes()
    index = EpisodeIndex()
    assert index.missing(episodes, 12) == COUNT
    first = index.index(episodes, 12)
    assert index.missing(episodes, 12) == 0
    newer = Episode(started_at=NOW, tz="Europe/Berlin", notes="new")
    again = index.index([*episodes, newer], 12)
    assert all(a is b for a, b in zip(first, again, strict=False))  # reused, not rebuilt
    assert again[-1].episode is newer and again[-1].folded_notes == "new"
    # An equal but distinct object (the journal re-read its file) is indexed afresh.
    copy = Episode(started_at=episodes[0].started_at, tz="Europe/Berlin", notes="after a walk")
    assert index.missing([copy], 12) == 1
    # Another night boundary: every night is worked out again.
    assert index.missing(episodes, 6) == COUNT
    # 03:00 starts belong to the previous evening with either boundary.
    assert [i.night for i in index.index(episodes, 6)] == [i.night for i in first]


def test_patterns_reuse_their_index_while_the_episodes_are_the_same_objects():
    from crampcoach.core.pattern_index import IndexKeeper
    from tests.ui_support import episode

    eps = [episode("2026-11-20 03:10"), episode("2026-11-21 02:00")]
    keeper = IndexKeeper()
    first = keeper.index(eps, 12)
    assert keeper.index(list(eps), 12) is first  # a new list of the same records
    edited = [eps[0], episode("2026-11-21 02:30")]  # one record replaced, same count
    again = keeper.index(edited, 12)
    assert again is not first and len(again) == 2
    assert keeper.index(edited, 14) is not again  # another night boundary: indexed anew
