"""Search as a reader uses it: each language searches its own pages, and what a reader types
or pastes (the last line of a traceback, an underscored name, a word with its ending, a Chinese
question) puts the lesson that answers it among the first three results, and the section that
answers it first under that lesson. The queries are in search_queries.py, which
scripts/search_probe.py also runs to show the ranks.

One browser tab per language serves every query of that language (the index is loaded once);
each query clears the field and is typed (or pasted) anew."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from browserkit import DESKTOP, Traffic, open_context, open_search, page_path, search_hits
from playwright.sync_api import Browser, Page
from search_queries import SEARCHES, Query


@pytest.fixture(scope="module")
def search_tab(browser: Browser, site_url: str) -> Iterator[Callable[[str], Page]]:
    """search_tab(language) -> that language's home page with the search open, one per
    language for the whole module. At the end, no page may have left localhost or failed."""
    traffic = Traffic()
    context = open_context(browser, traffic, viewport=DESKTOP, base_url=site_url)
    tabs: dict[str, Page] = {}

    def tab(language: str) -> Page:
        if language not in tabs:
            tabs[language] = context.new_page()
            open_search(tabs[language], language)
        return tabs[language]

    yield tab
    context.close()
    assert traffic.problems() == []


def _id(row: Query) -> str:
    return f"{row.language}-{row.query[:40]}"


@pytest.mark.parametrize("row", SEARCHES, ids=_id)
def test_the_answer_is_in_the_top_3(search_tab, row: Query):
    hits = search_hits(search_tab(row.language), row.query, pasted=row.pasted)
    paths = [hit.path for hit in hits]
    wanted = page_path(row.page, row.language)
    assert wanted in paths[:3], f"{row.query!r}: {wanted} not in the top 3: {paths[:5]}"
    if row.section:
        sections = hits[paths.index(wanted)].sections
        assert sections and row.section in sections[0], f"{row.query!r}: first section of {wanted}: {sections[:3]}"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_language_searches_only_its_own_pages(search_tab, language):
    """ "pickle" is a word both languages' pages use: each reader gets only their language."""
    paths = [hit.path for hit in search_hits(search_tab(language), "pickle")]
    assert paths
    if language == "en":
        assert all(path.startswith("/en/") for path in paths), paths
    else:
        assert not any(path.startswith("/en/") for path in paths), paths
