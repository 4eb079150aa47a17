"""Site-wide promises: pages and snippets match in both languages, every snippet has a
test, and a real `mkdocs build --strict` shows one run per (snippet, start method) in both
languages, with fresh runs in every build."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest

from snippetrun import audit, runner
from snippetrun.render import facts
from snippetrun.state import state

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

pytestmark = pytest.mark.timeout(1200)


def test_every_page_has_its_twin_with_the_same_embeds():
    assert audit.site_problems(DOCS, runner.SNIPPETS) == []


def test_every_snippet_has_a_test():
    assert audit.untested(runner.SNIPPETS, ROOT / "tests") == []


def test_snippets_are_embedded_somewhere():
    assert audit.snippets(runner.SNIPPETS), "no snippets found"


def _run_ids(page_html: str) -> list[tuple[str, str, str]]:
    return re.findall(r'data-run-id="([0-9a-f]+)" data-snippet="([^"]+)" data-method="([^"]*)"', page_html)


def _page_key(name: str) -> str:
    return "" if name == "index" else name.removesuffix("/index")


def test_build_shows_every_run_in_both_languages(built_site):
    by_id = {row["run_id"]: row for row in built_site.manifest["runs"]}
    for name, twins in audit.pages(DOCS).items():
        expected = audit.embeds(twins["zh"])
        if not expected:
            continue
        shown = {lang: _run_ids(built_site.html(_page_key(name), lang)) for lang in ("zh", "en")}
        assert shown["zh"] == shown["en"], f"{name}: the zh and en pages show different runs"
        assert {snippet for _, snippet, _ in shown["zh"]} == {snippet for snippet, _ in expected}
        for lang in ("zh", "en"):
            page = built_site.html(_page_key(name), lang)
            for run_id, snippet, _ in shown[lang]:
                output = by_id[run_id]["output"].rstrip("\n")
                assert html.escape(output) in page, f"{name} ({lang}): output of {snippet} missing"


def test_one_run_per_snippet_and_method(built_site):
    runs = built_site.manifest["runs"]
    keys = [(row["snippet"], row["method"]) for row in runs]
    assert len(keys) == len(set(keys)), "a snippet ran twice in one build"
    embedded = set()
    for twins in audit.pages(DOCS).values():
        for snippet, rest in audit.embeds(twins["zh"]):
            methods = re.search(r"methods=\[([^\]]*)\]", rest)
            for method in re.findall(r'"(\w+)"', methods.group(1)) if methods else [None]:
                embedded.add((snippet, method))
    assert set(keys) == embedded


def test_each_build_runs_the_snippets_again(built_site, second_build):
    def pids(build):
        row = next(r for r in build.manifest["runs"] if r["snippet"] == "basics/process_seed.py")
        return set(row["pids"])

    first, second = pids(built_site), pids(second_build)
    assert len(first) == 2 and len(second) == 2  # the main process and its child
    assert first != second
    for lang in ("zh", "en"):
        page = second_build.html("basics/process", lang)
        for pid in second:
            assert f"p.pid: {pid}" in page or str(pid) in page


def test_home_page_states_the_build_machine(built_site):
    for lang, caption in (("zh", "构建本站的机器"), ("en", "The machine that built this site")):
        page = built_site.html("", lang)
        table = re.search(r'<table class="sr-machine">.*?</table>', page, re.S).group(0)
        assert caption in table
        assert f"<td>{os.cpu_count()}</td>" in table


def test_run_facts_are_captioned_in_the_page_language(built_site):
    zh = built_site.html("basics/lock", "zh")
    en = built_site.html("basics/lock", "en")
    assert "运行信息" in zh and "启动方式 fork" in zh and "启动方式 spawn" in zh
    assert "Run facts" in en and "start method fork" in en and "start method spawn" in en
    assert "Run facts" not in zh and "运行信息" not in en


def test_cached_run_is_reused_and_says_so_when_serving():
    first = runner.cached_run("basics/process_seed.py", "fork")
    assert runner.cached_run("basics/process_seed.py", "fork") is first
    saved = state.generation, dict(state.used)
    try:
        state.used = {}
        state.generation = 1
        assert "ran at" in facts(first, "en", 60)
        state.generation = 2  # the next rebuild of `mkdocs serve`
        assert "reused the run" in facts(first, "en", 60)
    finally:
        state.generation, state.used = saved[0], saved[1]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]])
def test_code_is_ruff_clean(command):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "."], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
