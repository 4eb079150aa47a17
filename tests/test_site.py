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
            for run, line in zip(runs, soup.select("p.sr-facts"), strict=True):
                shown = line.parent.select_one("div.sr-output code")  # the run's tab, or its benchmark
                if shown is None:  # a timeline shown away from its lesson (the home page)
                    assert "sr-timeline-only" in line.parent["class"], name
                    continue
                assert shown.get_text() == (run.output.rstrip("\n") or shown.get_text())


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
    assert "made by this build" in facts(run, RenderContext("en", build=run.build))
    assert "reused the run" in facts(run, RenderContext("en", build="a-later-rebuild"))


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]])
def test_code_is_ruff_clean(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "."], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.last
def test_every_snippet_is_run_by_a_test(request, whole_session):
    """A snippet has a test when a test asserts on a run its page shows (shown_run; a
    fresh_run does not count): checked after every chapter's tests ran, in every worker of
    the session (tests/conftest.py gathers what each worker's tests checked)."""
    chapters = chapter_names()
    ran = {Path(str(item.path)).name for item in request.session.items}
    missing = [f"tests/test_{c}.py" for c in chapters if f"test_{c}.py" not in ran]
    if missing:
        pytest.skip("runs only with every chapter's tests: " + ", ".join(missing) + " not in this session")
    assert whole_session["ended"] == whole_session["expected"], (
        f"only {whole_session['ended']} of the session's {whole_session['expected']} other tests ended "
        "(a worker that crashed never reports its test)"
    )
    untested = [s for s in audit.snippets(SNIPPETS) if s not in whole_session["checked"]]
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


@pytest.mark.parametrize(
    ("language", "claim"), [("zh", r"认出 (\d+) 个常见错误"), ("en", r"tell (\d+) common mistakes")]
)
def test_pitfalls_index_counts_the_chapters_pitfalls(language, claim):
    """The index promises a number of mistakes: one per pitfall section (a `## ` heading) of
    the chapter's other pages, so a new pitfall updates it."""
    index = (DOCS / "pitfalls" / f"index.{language}.md").read_text(encoding="utf-8")
    sections = sum(
        line.startswith("## ")
        for page in (DOCS / "pitfalls").glob(f"*.{language}.md")
        if page.name != f"index.{language}.md"
        for line in page.read_text(encoding="utf-8").splitlines()
    )
    assert int(re.search(claim, index).group(1)) == sections


# --- one example, fewer boxes ----------------------------------------------------------------


def _pages_with_runs():
    return [name for name, twins in plan().embeds.items() if twins.get("zh")]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_run_facts_shared_by_a_page_are_said_once(built_site, language):
    """Python, CPUs and the build time once per page, above its first example; each run's own
    line names its Python or CPUs only where they differ from the page's line."""
    python = _site_python()
    for name in _pages_with_runs():
        soup = BeautifulSoup(built_site.html(_page_key(name), language), "html.parser")
        lines = soup.select("p.sr-page-facts")
        assert len(lines) == 1, f"{name}: {len(lines)} page facts lines"
        page_line = lines[0].get_text()
        first = soup.select_one("div.sr-snippet")
        assert lines[0].find_next_sibling("div") is first, f"{name}: the facts line is not above the first example"
        assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", page_line), page_line
        specs = [spec for embed in plan().embeds[name][language] for spec in embed.specs()]
        for spec, line in zip(specs, soup.select("p.sr-facts"), strict=True):
            run = kept(spec)
            own = line.get_text()
            assert ("Python " in own) == (run.python != python), (name, own)
            if run.python == python:
                assert f"Python {python}" in page_line
            same_cpus = run.cpus == os.cpu_count()
            assert ("CPU" in own) == (not same_cpus), (name, own)
            if same_cpus:
                assert str(os.cpu_count()) in page_line and "CPU" in page_line
            # a run made by this build names no time; a reused one says when it was made
            assert (re.search(r"\d\d:\d\d:\d\d UTC", own) is not None) == (line["data-reused"] == "true"), own


def _site_python() -> str:
    from snippetrun.interpreters import version_of
    from snippetrun.spec import RunSpec

    return version_of(testing.session().engine.interpreter(RunSpec("")))


def test_a_pinned_python_says_its_version_in_its_own_facts(built_site):
    run = shown_run("sharing/shm_leak.py", python="3.12")
    soup = BeautifulSoup(built_site.html("sharing/shared_memory", "en"), "html.parser")
    facts = next(p for p in soup.select("p.sr-facts") if p["data-run-id"] == run.run_id)
    if run.python != _site_python():
        assert f"Python {run.python}" in facts.get_text()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_example_has_one_row_of_tabs(built_site, language):
    """The start methods (or "Output") and the timestamps switch share one row."""
    switch = "时间戳（毫秒）" if language == "zh" else "Timestamps (ms)"
    for name in ("processes/start_methods", "basics/pool", "pitfalls/hangs"):
        soup = BeautifulSoup(built_site.html(name, language), "html.parser")
        for block in soup.select("div.sr-snippet:not(.sr-benchmark):not(.sr-timeline-only)"):
            rows = block.select(".tabbed-labels")
            assert len(rows) == 1, f"{name}: {block['data-snippet']} has {len(rows)} rows of tabs"
            labels = rows[0].select("label")
            assert labels[-1].get_text() == switch and "sr-stamp-label" in labels[-1]["class"]
            toggle = block.select_one("input.sr-stamp-toggle")
            assert toggle["type"] == "checkbox" and labels[-1]["for"] == toggle["id"]
            runs = block.select(".tabbed-block")
            assert len(labels) - 1 == len(runs) == len(block.select("p.sr-facts"))
            for run in runs:  # both views of the output, one shown at a time (CSS)
                assert run.select_one("div.sr-output") and run.select_one("div.sr-stamped")


def test_fold_collapses_the_scaffolding_and_keeps_the_whole_program():
    from snippetrun.spec import display_lines

    path = SNIPPETS / "processes" / "interactive.py"
    source = path.read_text(encoding="utf-8")
    folds, _ = display_lines(path, {"fold": ("session",)}, SNIPPETS)
    lines = source.splitlines()
    [(start, end)] = folds
    assert lines[start - 2].startswith("def session(") and lines[end - 1].strip()
    assert all(line.startswith("    ") or not line for line in lines[start - 1 : end])


@pytest.mark.parametrize("language", ["zh", "en"])
def test_folded_program_on_the_page_is_the_whole_file(built_site, language):
    soup = BeautifulSoup(built_site.html("processes/main_guard", language), "html.parser")
    block = soup.select_one('div.sr-snippet[data-snippet="processes/interactive.py"]')
    code = block.select_one(".sr-source code")
    fold = code.select_one("span.sr-fold")
    toggle = code.select_one("input.sr-fold-toggle")
    label = code.select_one("label.sr-fold-label")
    assert toggle["type"] == "checkbox" and label["for"] == toggle["id"]
    assert fold.get_text().splitlines()[0].strip().startswith("# `python -c`")
    label.extract()  # what Material's copy button leaves out (data-md-copying)
    text = (SNIPPETS / "processes" / "interactive.py").read_text(encoding="utf-8")
    assert code.get_text() == text


def test_fixed_programs_highlight_what_changed(built_site):
    from snippetrun.spec import changed_lines

    fixed, broken = "pitfalls/get_then_join.py", "pitfalls/join_then_get.py"
    expected = changed_lines((SNIPPETS / broken).read_text(), (SNIPPETS / fixed).read_text())
    lines = (SNIPPETS / fixed).read_text().splitlines()
    assert expected and len(expected) < len(lines) / 2
    for language in ("zh", "en"):
        soup = BeautifulSoup(built_site.html("pitfalls/hangs", language), "html.parser")
        code = soup.select_one(f'div.sr-snippet[data-snippet="{fixed}"] .sr-source code')
        marked = [span.get_text().rstrip("\n") for span in code.select("span.hll")]
        assert marked == [lines[n - 1] for n in sorted(expected)]
        broken_code = soup.select_one(f'div.sr-snippet[data-snippet="{broken}"] .sr-source code')
        assert not broken_code.select("span.hll")


def test_changed_lines_are_the_new_and_replaced_ones():
    from snippetrun.spec import changed_lines

    before = "a = 1\nb = 2\n\nc = 3\n"
    after = "a = 1\nb = 20\n\nc = 3\nd = 4\n"
    assert changed_lines(before, after) == {2, 5}


def test_display_arguments_are_checked_at_plan_time_and_never_change_a_run():
    from snippetrun.spec import Embed, SnippetError, code_embeds, display_lines

    plain = Embed.of("processes/interactive.py", trace=False)
    folded = Embed.of("processes/interactive.py", trace=False, fold=["session"])
    assert plain.specs() == folded.specs() and plain != folded  # same runs; twins must agree
    for bad in ({"fold": "session"}, {"fold": [[3, 1]]}, {"hl_lines": ["x"]}, {"fixes": 3}):
        with pytest.raises(SnippetError):
            Embed.of("processes/interactive.py", **bad)
    path = SNIPPETS / "processes" / "interactive.py"
    for bad in ({"fold": ("no_such_function",)}, {"hl_lines": (10_000,)}, {"fixes": "processes/nope.py"}):
        with pytest.raises(SnippetError, match="interactive.py"):
            display_lines(path, bad, SNIPPETS)
    [call] = code_embeds('embed("processes/interactive.py", fold=["session"], trace=False)', "here")
    assert dict(call.display) == {"fold": ("session",)}


def test_short_writer_names_for_a_phone():
    from snippetrun.render import short_names

    names = ["MainProcess", "Process-1", "Process-2", "ForkPoolWorker-3", "Process-1:1", "pid 12345", None]
    short = short_names(names)
    assert short == {
        "MainProcess": "M",
        "Process-1": "P1",
        "Process-2": "P2",
        "ForkPoolWorker-3": "W3",
        "Process-1:1": "P1:1",
        "pid 12345": "p345",
        None: "?",
    }
    alike = short_names(["SpawnProcess-1", "Process-1"])  # both would be P1
    assert len(set(alike.values())) == 2


@pytest.mark.parametrize("language", ["zh", "en"])
def test_home_page_shows_a_timeline_of_this_build(built_site, language):
    """The home page's timeline is the very run the lock lesson shows (a run of this build's
    plan, never a picture), linked to the lesson and to the key."""
    run = shown_run("basics/lock_seed.py", "fork", page="basics/lock")
    soup = BeautifulSoup(built_site.html("", language), "html.parser")
    block = soup.select_one("div.sr-timeline-only")
    assert block["data-snippet"] == "basics/lock_seed.py"
    assert block.select_one("svg.sr-timeline.sr-wide") and block.select_one("svg.sr-timeline.sr-narrow")
    facts = block.select_one("p.sr-facts")
    assert facts["data-run-id"] == run.run_id
    lesson = BeautifulSoup(built_site.html("basics/lock", language), "html.parser")
    assert run.run_id in [p["data-run-id"] for p in lesson.select("p.sr-facts")]
    links = [a["href"] for a in facts.select("a")]
    assert "basics/lock/" in links and "about/#timelines" in links
    # What the sentence above it says: one lock, held by one child after the other.
    held = sorted(
        (span for lane in run.timeline.lanes if lane.role == "child" for span in lane.locks), key=lambda s: s.start
    )
    assert len(held) == 2 and held[0].end <= held[1].start and held[0].label == held[1].label


def test_every_screenshot_is_shown_by_a_page():
    """Screenshots live under docs/assets/ only when a page shows them (scripts/screenshots.py):
    example-390.zh.png is the zh pages' assets/screenshots/example-390.png."""
    shots = sorted((DOCS / "assets" / "screenshots").glob("*.png"))
    assert shots
    unused = []
    for shot in shots:
        name, language, _ = shot.name.rsplit(".", 2)
        pages = "".join(path.read_text(encoding="utf-8") for path in DOCS.rglob(f"*.{language}.md"))
        if f"assets/screenshots/{name}.png" not in pages:
            unused.append(shot.name)
    assert unused == []
