"""Search as a reader uses it: each language searches its own pages, and a word typed with
its ending (hangs, logging, terminated) finds the pages that use it, as Material's search
runs it (it appends * to every term, so lunr never stems the query)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browserkit import page_path, type_search
from playwright.sync_api import Page, expect

# (language, what the reader types, the page that must be among the first three results)
INFLECTED = [
    ("en", "hangs", "pitfalls/hangs"),
    ("en", "logging", "pools/logging"),
    ("en", "daemonic", "pitfalls/pools"),
    ("en", "bootstrapping", "processes/main_guard"),
    ("en", "Windows", "pitfalls/platforms"),
    ("en", "Jupyter", "processes/main_guard"),
    ("en", "leaked shared_memory objects to clean up at shutdown", "pitfalls/shared_state"),
    ("en", "is multi-threaded, use of fork() may lead to deadlocks in the child", "pitfalls/platforms"),
    ("zh", "卡住", "pitfalls/hangs"),
    ("zh", "pickle", "pitfalls/pickling"),
    ("en", "set_forkserver_preload", "processes/python314"),
    ("zh", "set_forkserver_preload", "processes/python314"),
    ("en", "default start method 3.14", "processes/python314"),
    ("zh", "默认启动方式", "processes/python314"),
    ("en", "freeze_support", "processes/main_guard"),
    ("zh", "freeze_support", "processes/main_guard"),
    ("en", "Can't get attribute 'square' on <module '__main__'", "processes/main_guard"),
    ("zh", "Can't get attribute", "processes/main_guard"),
]


def search(tab: Page, language: str, query: str) -> list[str]:
    """Type the query as a person does and return the results' paths, in order."""
    type_search(tab, language, query)
    expect(tab.locator(".md-search-result__item").first).to_be_visible(timeout=30_000)
    hrefs = tab.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    return list(dict.fromkeys(urlsplit(href).path for href in hrefs))


@pytest.mark.parametrize(("language", "query", "page"), INFLECTED)
def test_a_word_with_its_ending_finds_its_page(new_page, language, query, page):
    assert page_path(page, language) in search(new_page(), language, query)[:3]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_language_searches_only_its_own_pages(new_page, language):
    """ "pickle" is a word both languages' pages use: each reader gets only their language."""
    paths = search(new_page(), language, "pickle")
    assert paths
    if language == "en":
        assert all(path.startswith("/en/") for path in paths), paths
    else:
        assert not any(path.startswith("/en/") for path in paths), paths


# (language, the words a reader with the question types, the lesson that answers it)
QUESTIONS = [
    ("zh", "进度条", "pools/progress"),
    ("zh", "tqdm", "pools/progress"),
    ("en", "progress bar", "pools/progress"),
    ("en", "tqdm", "pools/progress"),
    ("zh", "工作进程数", "processes/how_many_workers"),
    ("zh", "开几个工作进程", "processes/how_many_workers"),
    ("zh", "process_cpu_count", "processes/how_many_workers"),
    ("zh", "容器", "processes/how_many_workers"),
    ("en", "how many workers", "processes/how_many_workers"),
    ("en", "process_cpu_count", "processes/how_many_workers"),
    ("en", "cpu_count container", "processes/how_many_workers"),
    ("en", "max_workers must be <= 61", "processes/how_many_workers"),
    ("en", "need at most 63 handles", "processes/how_many_workers"),
    # What a reader pastes from a traceback, or types, for the pickling and pool lessons.
    ("en", "cannot pickle '_thread.lock' object", "pitfalls/pickling"),
    ("zh", "cannot pickle '_thread.lock' object", "pitfalls/pickling"),
    ("zh", "对象里藏着锁", "pitfalls/pickling"),
    ("en", "MaybeEncodingError: Error sending result", "pitfalls/pickling"),
    ("zh", "MaybeEncodingError", "pitfalls/pickling"),
    ("en", "Queue.put() raises nothing and the item is lost", "pitfalls/pickling"),
    ("zh", "Cannot have cache with result_handler not alive", "pitfalls/pickling"),
    ("en", "exception calling callback for <Future", "pools/executor"),
    ("zh", "回调在哪个线程里运行", "pools/executor"),
    ("en", "Exception in initializer", "pools/errors"),
    ("zh", "initializer 抛出异常", "pools/errors"),
    ("en", "ProcessPoolExecutor Ctrl-C", "pools/ctrl_c"),
]


@pytest.mark.parametrize(("language", "query", "page"), QUESTIONS)
def test_a_question_finds_its_lesson(new_page, language, query, page):
    assert page_path(page, language) in search(new_page(), language, query)[:3]
