"""Site-wide promises: pages and snippets match in both languages, every snippet's shown run
is checked by a test, and a real `mkdocs build --strict` shows one run per (snippet, start
method) in both languages, the run the tests check, with times that never go backwards."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from snippetrun import audit, fresh_run, shown_run, testing
from snippetrun.render import RenderContext, facts
from snippetrun.spec import ROOT, SNIPPETS
from snippetrun.spec import chapters as chapter_names

DOCS = ROOT / "docs"

pytestmark = pytest.mark.timeout(1200)


def plan():
    return testing.session().plan


def kept(spec):
    return testing.session().engine.lookup(spec)


def test_every_page_has_its_twin_with_the_same_embeds():
    assert audit.site_problems(plan(), DOCS, SNIPPETS) == []


def test_no_snippet_line_scrolls_sideways():
    assert audit.wide_lines(SNIPPETS, audit.snippets(SNIPPETS)) == []


def test_every_menu_title_is_translated():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    tables = {lang["locale"]: lang.get("nav_translations", {}) for lang in i18n["languages"] if not lang.get("default")}
    assert audit.untranslated_nav(config["nav"], tables) == []
    # And the check does find a missing one.
    first = next(iter(tables))
    dropped = {first: dict(list(tables[first].items())[1:])}
    assert len(audit.untranslated_nav(config["nav"], dropped)) == 1


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's tags (!ENV, !!python/...) read as plain values: only the nav matters here."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _page_key(name: str) -> str:
    return "" if name == "index" else name.removesuffix("/index")


def _facts_of(soup: BeautifulSoup) -> list[dict]:
    return [
        {
            "run_id": p["data-run-id"],
            "snippet": p["data-snippet"],
            "method": p["data-method"],
            "reused": p["data-reused"],
        }
        for p in soup.select("p.sr-facts")
    ]


def test_build_shows_every_run_in_both_languages(built_site):
    for name, twins in plan().embeds.items():
        expected = [spec for embed in twins.get("zh", []) for spec in embed.specs()]
        if not expected:
            continue
        shown = {lang: _facts_of(built_site.soup(_page_key(name), lang)) for lang in ("zh", "en")}
        assert shown["zh"] == shown["en"], f"{name}: the zh and en pages show different runs"
        assert [f["snippet"] for f in shown["zh"]] == [s.snippet for s in expected]
        runs = [kept(spec) for spec in expected]
        assert [f["run_id"] for f in shown["zh"]] == [run.run_id for run in runs], name
        for lang in ("zh", "en"):
            soup = built_site.soup(_page_key(name), lang)
            outputs = [block.get_text() for block in soup.select("div.sr-output code")]
            for run, output in zip(runs, outputs, strict=True):
                assert output == (run.output.rstrip("\n") or output)


def test_a_rebuild_that_reuses_runs_says_so(built_site, second_build):
    for lang in ("zh", "en"):
        first = _facts_of(built_site.soup("basics/pool", lang))
        second = _facts_of(second_build.soup("basics/pool", lang))
        assert [f["run_id"] for f in first] == [f["run_id"] for f in second]
        assert all(f["reused"] == "true" for f in second)
        assert "复用" in second_build.html("basics/pool", "zh")
    assert "no snippet re-run" in second_build.log


def test_one_run_per_distinct_run(built_site):
    """The build makes or reuses each distinct run once (two embeds asking for the same run,
    as `python="3.12"` does when the site's Python is 3.12, share it)."""
    keys = {testing.session().engine.key(spec) for spec in plan().specs()}
    match = re.search(
        r"snippetrun: (?:(\d+) new runs, |no snippet re-run \()(\d+) reused from the run store", built_site.log
    )
    assert match, built_site.log[-3000:]
    assert int(match.group(1) or 0) + int(match.group(2)) == len(keys)


def test_the_tests_check_the_runs_the_build_shows(built_site):
    shown = set()
    for name in plan().embeds:
        for lang in ("zh", "en"):
            shown |= {f["run_id"] for f in _facts_of(built_site.soup(_page_key(name), lang))}
    for spec in plan().specs():
        assert kept(spec).run_id in shown, spec


def test_each_run_is_a_real_run(built_site):
    """The run of process_seed.py the page shows is not a replay: a fresh run gets other
    pids, and the page shows the child's pid of the shown run."""
    shown = shown_run("basics/process_seed.py", "fork")
    fresh = fresh_run(shown.spec)
    assert {line.pid for line in shown.lines} & {line.pid for line in fresh.lines} == set()
    child = shown.timeline.lane("Process-1").pid
    for lang in ("zh", "en"):
        soup = built_site.soup("basics/process", lang)
        block = next(s for s in soup.select("div.sr-snippet") if s["data-snippet"] == shown.snippet)
        assert f"p.pid: {child}" in block.select_one("div.sr-output").get_text().splitlines()


def test_stamped_times_never_go_backwards(built_site):
    stamp = re.compile(r"^\+\s*([\d.]+) ms ")
    for name in plan().embeds:
        soup = built_site.soup(_page_key(name), "en")
        for block in soup.select("div.sr-stamped code"):
            times = [float(m.group(1)) for line in block.get_text().splitlines() if (m := stamp.match(line))]
            assert times == sorted(times), f"{name}: {times}"


def test_home_page_states_the_build_machine(built_site):
    for lang, caption in (("zh", "构建本站的机器"), ("en", "The machine that built this site")):
        table = built_site.soup("", lang).select_one("table.sr-machine")
        assert caption in table.caption.get_text()
        assert str(os.cpu_count()) in [td.get_text() for td in table.select("td")]


def test_run_facts_are_captioned_in_the_page_language(built_site):
    zh = built_site.html("basics/lock", "zh")
    en = built_site.html("basics/lock", "en")
    assert "运行信息" in zh and "启动方式 fork" in zh and "启动方式 spawn" in zh
    assert "Run facts" in en and "start method fork" in en and "start method spawn" in en
    assert "Run facts" not in zh and "运行信息" not in en


def test_run_facts_say_whether_a_run_had_the_machine_alone(built_site):
    timing = shown_run("processes/gil_compare.py")
    en = built_site.html("processes/why", "en")
    assert timing.beside == 0 and "ran alone (no other snippet running)" in en
    assert shown_run("basics/pool_seed.py", "fork").beside is not None


def test_a_run_from_another_build_says_it_was_reused(built_site):
    run = shown_run("basics/process_seed.py", "fork")
    assert "ran at" in facts(run, RenderContext("en", build=run.build))
    assert "reused the run" in facts(run, RenderContext("en", build="a-later-rebuild"))


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]])
def test_code_is_ruff_clean(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "."], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.last
def test_every_snippet_is_run_by_a_test(request):
    """A snippet has a test when a test asserts on a run its page shows (shown_run; a
    fresh_run does not count): checked after every chapter's tests ran."""
    chapters = chapter_names()
    ran = {Path(str(item.path)).name for item in request.session.items}
    missing = [f"tests/test_{c}.py" for c in chapters if f"test_{c}.py" not in ran]
    if missing:
        pytest.skip("runs only with every chapter's tests: " + ", ".join(missing) + " not in this session")
    untested = [s for s in audit.snippets(SNIPPETS) if s not in testing.checked]
    assert untested == [], "no test checks a shown run of these snippets"


def test_publish_workflow_checks_like_ci_then_builds_strictly():
    """The workflow a maintainer publishes with parses, runs .ci/run with the interpreters CI
    uses, and publishes the output of `mkdocs build --strict`."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    pythons = next(step["with"]["python-version"] for step in steps if "setup-python" in step.get("uses", ""))
    assert {"3.11", "3.12", "3.13"} <= set(str(pythons).split())
    assert "bash .ci/run" in runs and "SNIPPETRUN_FRESH=true mkdocs build --strict" in runs
    assert runs.index("bash .ci/run") < runs.index("mkdocs build --strict")
    assert any("upload-pages-artifact" in step.get("uses", "") for step in steps)


def test_each_language_has_a_search_index_of_its_own_pages(built_site):
    """overrides/hooks/search_per_language.py: the Chinese index at /search/, the English one
    at /en/search/ with locations relative to /en/; no stemmer (see mkdocs.yml)."""
    import json

    zh = json.loads((built_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    en = json.loads((built_site.site / "en/search/search_index.json").read_text(encoding="utf-8"))
    assert zh["docs"] and en["docs"]
    assert "stemmer" not in zh["config"]["pipeline"] and "stemmer" not in en["config"]["pipeline"]
    for index, language in ((zh, "zh"), (en, "en")):
        for doc in index["docs"]:
            page = doc["location"].split("#")[0]
            html = (built_site.site / ("en" if language == "en" else "") / page / "index.html").read_text("utf-8")
            assert f'<html lang="{language}"' in html, doc["location"]
    assert not any(doc["location"].startswith("en/") for doc in zh["docs"] + en["docs"])


def test_no_merge_conflict_markers_are_left():
    """A merge that left its markers in a page would publish them."""
    found = []
    for path in sorted([*DOCS.rglob("*.md"), *SNIPPETS.rglob("*.py"), ROOT / "mkdocs.yml", ROOT / "README.md"]):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith(("<<<<<<< ", ">>>>>>> ")) or line == "=======":
                found.append(f"{path.relative_to(ROOT)}:{number}: {line}")
    assert found == []
