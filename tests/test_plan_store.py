"""The plan and the run store, checked without a site build: embeds are found by the parser
that renders the page (inside an admonition yes, quoted inside another block no), errors
name the page and line, the store reuses a run only under its own key and never shows a
corrupt or foreign entry, and tests can only ask for runs a page shows."""

from __future__ import annotations

import logging
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from snippetrun import RunSpec, SnippetError, fresh_run, shown_run
from snippetrun.engine import Engine
from snippetrun.plan import Planner, plan_site
from snippetrun.spec import ROOT
from snippetrun.store import FORMAT, RunStore
from snippetrun.testing import session, shown_spec

pytestmark = pytest.mark.timeout(120)

EXEC = '```python exec="1" html="1"\nfrom snippetrun.page import embed\nprint(embed({call}))\n```\n'


@pytest.fixture(scope="module")
def planner() -> Planner:
    from mkdocs.config import load_config

    from snippetrun.plugin import planner_for

    return planner_for(load_config(str(ROOT / "mkdocs.yml")))


def page(tmp_path: Path, text: str, name: str = "page.zh.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_fence_inside_an_admonition_is_planned(planner, tmp_path):
    call = EXEC.format(call='"basics/process_seed.py", methods=["fork"]')
    indented = "".join("    " + line if line.strip() else line for line in call.splitlines(keepends=True))
    text = '# Title\n\n!!! warning "A pitfall"\n\n' + indented + "\nAfter.\n"
    [block] = planner.blocks(page(tmp_path, text))
    assert block.line == 5
    assert [(e.snippet, e.methods) for e in block.embeds] == [("basics/process_seed.py", ("fork",))]


def test_a_fence_inside_a_tab_is_planned(planner, tmp_path):
    call = EXEC.format(call='"basics/pool_seed.py"')
    indented = "".join("    " + line if line.strip() else line for line in call.splitlines(keepends=True))
    text = '=== "One"\n\n' + indented + '\n=== "Two"\n\n    Text.\n'
    assert [e.snippet for e in planner.embeds(page(tmp_path, text))] == ["basics/pool_seed.py"]


def test_a_quoted_fence_is_not_planned(planner, tmp_path):
    quoted = "````markdown\n" + EXEC.format(call='"basics/pool_seed.py"') + "````\n"
    text = "# How to embed\n\n" + quoted + "\n" + EXEC.format(call='"basics/lock_seed.py"')
    assert [e.snippet for e in planner.embeds(page(tmp_path, text))] == ["basics/lock_seed.py"]


def test_errors_name_the_page_and_line(planner, tmp_path):
    text = "# T\n\nSome prose.\n\n" + EXEC.format(call='"basics/pool_seed.py", methods=["thread"]')
    with pytest.raises(SnippetError) as error:
        planner.embeds(page(tmp_path, text), "docs/x.zh.md")
    message = str(error.value)
    assert message.startswith("docs/x.zh.md:5: ")
    assert "unknown start method 'thread' (valid: fork, spawn, forkserver)" in message
    computed = "# T\n\n" + EXEC.format(call="name")
    with pytest.raises(SnippetError, match=r"^docs/y.en.md:3: embed\(\) arguments must be literals: embed\(name\)"):
        planner.embeds(page(tmp_path, computed), "docs/y.en.md")


def test_site_plan_pairs_the_twins(planner, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    page(docs, "# A\n\n" + EXEC.format(call='"basics/pool_seed.py"'), "a.zh.md")
    page(docs, "# A\n\nMore prose in English.\n\n" + EXEC.format(call='"basics/pool_seed.py"'), "a.en.md")
    plan = plan_site(planner, docs)
    assert plan.errors == []
    assert plan.embeds["a"]["zh"] == plan.embeds["a"]["en"]  # same call, on different lines
    assert [e.line for e in plan.embeds["a"]["zh"]] == [3] and [e.line for e in plan.embeds["a"]["en"]] == [5]
    assert plan.specs() == [RunSpec("basics/pool_seed.py")]


# --- the run store --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def one_run():
    return fresh_run("basics/process_seed.py", "fork")


def test_the_store_keeps_a_run_under_its_key(tmp_path, one_run):
    engine = Engine(store=RunStore(tmp_path))
    spec = one_run.spec
    engine.keep(spec, one_run)
    later = Engine(store=RunStore(tmp_path))  # another process: nothing in memory
    assert later.lookup(spec).run_id == one_run.run_id
    assert Engine(store=RunStore(tmp_path), fresh=True).lookup(spec) is None  # a published build
    assert later.lookup(replace(spec, timeout=spec.timeout + 1)) is None  # another key


def test_a_failed_run_is_not_kept_for_later_builds(tmp_path, one_run):
    engine = Engine(store=RunStore(tmp_path))
    failed = replace(one_run, exit_code=3)
    engine.keep(one_run.spec, failed)
    assert Engine(store=RunStore(tmp_path)).lookup(one_run.spec) is None


@pytest.mark.parametrize("damage", ["corrupt", "foreign key", "old format"])
def test_a_corrupt_or_foreign_entry_is_ignored_with_a_warning(tmp_path, one_run, damage, caplog):
    engine = Engine(store=RunStore(tmp_path))
    key = engine.key(one_run.spec)
    path = tmp_path / key[:2] / f"{key}.pickle"
    path.parent.mkdir(parents=True)
    if damage == "corrupt":
        path.write_bytes(b"\x80\x05 not a pickle")
    elif damage == "foreign key":
        path.write_bytes(pickle.dumps((FORMAT, "0" * 64, one_run)))
    else:
        path.write_bytes(pickle.dumps(("snippetrun-run-0", key, one_run)))
    with caplog.at_level(logging.WARNING, logger="snippetrun.store"):
        assert engine.lookup(one_run.spec) is None
    assert str(path) in caplog.text and "running it again" in caplog.text


# --- tests ask the pages ---------------------------------------------------------------------


def test_a_test_cannot_ask_for_a_run_no_page_shows():
    with pytest.raises(SnippetError, match=r"no page shows a run of snippets/basics/process_seed.py \[forkserver\]"):
        shown_run("basics/process_seed.py", "forkserver")
    with pytest.raises(SnippetError, match=r"fresh_run"):
        shown_run("basics/process_seed.py", "forkserver")


def test_the_spec_comes_from_the_page():
    """What the page's embed says (a timeout, tracing off) is in the spec a test gets."""
    spec = shown_spec("processes/gil_compare.py")
    assert spec.trace is False
    assert spec in session().plan.page_specs()["processes/why"]


def test_a_timeout_shows_the_end_of_each_process_output():
    run = fresh_run(RunSpec("hang_child.py", timeout=3, folder="tests/plan_cases"), check=False)
    message = run.failure()
    assert "timed out after 3 s" in message
    assert "--- last output of MainProcess ---\nparent: waiting for the child" in message
    assert "--- last output of Process-1 ---\nchild: step 1\nchild: step 2\nchild: now stuck" in message
