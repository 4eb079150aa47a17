"""`python -m snippetrun new` on a copy of the site's mkdocs.yml and home pages: a new chapter
is one command (both index pages, a numbered menu section with its translation, a line on
both home pages) and the result passes the site's own checks. No build; one snippet run."""

from __future__ import annotations

import ast
import difflib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from snippetrun import audit, new, runner
from snippetrun.spec import ROOT, RunSpec

pytestmark = pytest.mark.timeout(120)

CHAPTER = [
    "--chapter-zh",
    "测试多进程程序",
    "--chapter-en",
    "Testing multiprocessing code",
    "--title-zh",
    "第一个测试",
    "--title-en",
    "A first test",
]


@pytest.fixture
def site(tmp_path) -> Path:
    """A copy of mkdocs.yml and the home pages, which `new` takes for the repository."""
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for language in ("zh", "en"):
        shutil.copy(ROOT / f"docs/index.{language}.md", tmp_path / f"docs/index.{language}.md")
    # and the snippets the home pages show (the home page's timeline is a lesson's run)
    home = (ROOT / "docs/index.zh.md").read_text(encoding="utf-8")
    for snippet in re.findall(r'\b(?:embed|timeline|bench)\("([\w/]+\.py)"', home):
        (tmp_path / "snippets" / snippet).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "snippets" / snippet, tmp_path / "snippets" / snippet)
    return tmp_path


def config(root: Path) -> dict:
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=new._Loader)


def translations(conf: dict) -> dict[str, dict[str, str]]:
    i18n = next(p["i18n"] for p in conf["plugins"] if isinstance(p, dict) and "i18n" in p)
    return {lang["locale"]: lang.get("nav_translations", {}) for lang in i18n["languages"] if not lang.get("default")}


def site_problems(root: Path) -> list[str]:
    """The page audit a build makes, with the site's own Markdown extensions."""
    from mkdocs.config import load_config

    from snippetrun.plan import plan_site
    from snippetrun.plugin import planner_for

    plan = plan_site(planner_for(load_config(str(ROOT / "mkdocs.yml"))), root / "docs")
    return audit.site_problems(plan, root / "docs", root / "snippets")


def only_insertions(before: str, after: str) -> bool:
    """``after`` is ``before`` with lines added: every tag, comment and line of it stays."""
    ops = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False).get_opcodes()
    return all(op in ("equal", "insert") for op, *_ in ops)


def test_new_chapter_is_one_command(site, capsys):
    before = (site / "mkdocs.yml").read_text(encoding="utf-8")
    homes = {lang: (site / f"docs/index.{lang}.md").read_text(encoding="utf-8") for lang in ("zh", "en")}
    assert new.main(["testing/hello", "--page", "testing/basics", *CHAPTER], site) == 0
    printed = capsys.readouterr().out
    assert "right after «第七章：超越单机», before «关于本站»" in printed

    # Both index pages: a title, what the reader can do afterwards, a link to the lesson.
    zh, en = ((site / f"docs/testing/index.{lang}.md").read_text(encoding="utf-8") for lang in ("zh", "en"))
    assert "# 第八章：测试多进程程序" in zh and "学完这一章，你能" in zh and "[第一个测试](basics.md)" in zh
    assert 'title: "Chapter 8: Testing multiprocessing code"' in en
    assert "After this chapter you can" in en and "[A first test](basics.md)" in en

    # The menu: a section of its own after the last numbered chapter, before the about page.
    after = (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert only_insertions(before, after)
    conf = config(site)
    titles = [next(iter(item)) if isinstance(item, dict) else item for item in conf["nav"]]
    at = titles.index("第八章：测试多进程程序")
    assert titles[at - 1 : at + 2] == ["第七章：超越单机", "第八章：测试多进程程序", "关于本站"]
    assert conf["nav"][at] == {"第八章：测试多进程程序": ["testing/index.md", {"第一个测试": "testing/basics.md"}]}
    tables = translations(conf)
    assert audit.untranslated_nav(conf["nav"], tables) == []
    assert tables["en"]["第八章：测试多进程程序"] == "Chapter 8: Testing multiprocessing code"
    assert tables["en"]["第一个测试"] == "A first test"

    # Both home pages list it, right after chapter 7; nothing else of them changed.
    for lang, title in (("zh", "第八章：测试多进程程序"), ("en", "Chapter 8: Testing multiprocessing code")):
        lines = (site / f"docs/index.{lang}.md").read_text(encoding="utf-8").splitlines()
        [line] = [n for n, text in enumerate(lines) if "(testing/index.md)" in text]
        assert lines[line].startswith(f"- [{title}](testing/index.md)")
        assert "(beyond/index.md)" in lines[line - 1]
        assert only_insertions(homes[lang], "\n".join(lines))

    # The pages and the snippet agree, and the test asks for the run the page shows.
    assert site_problems(site) == []
    tests = (site / "tests/test_testing.py").read_text(encoding="utf-8")
    ast.parse(tests)
    assert "from snippetrun import shown_run" in tests
    assert 'run = shown_run("testing/hello.py", method)' in tests


def test_second_page_joins_the_same_section(site):
    assert new.main(["testing/hello", "--page", "testing/basics", *CHAPTER], site) == 0
    more = ["--methods", "", "--title-zh", "第二个测试", "--title-en", "A second test"]
    assert new.main(["testing/again", "--page", "testing/again", *more], site) == 0
    conf = config(site)
    [section] = [item["第八章：测试多进程程序"] for item in conf["nav"] if "第八章：测试多进程程序" in item]
    assert section == ["testing/index.md", {"第一个测试": "testing/basics.md"}, {"第二个测试": "testing/again.md"}]
    assert sum(1 for item in conf["nav"] if isinstance(item, dict) and "第九章" in next(iter(item))) == 0
    assert audit.untranslated_nav(conf["nav"], translations(conf)) == []
    assert translations(conf)["en"]["第二个测试"] == "A second test"
    for lang, title in (("zh", "第二个测试"), ("en", "A second test")):
        index = (site / f"docs/testing/index.{lang}.md").read_text(encoding="utf-8")
        assert f"| [{title}](again.md) |" in index
        home = (site / f"docs/index.{lang}.md").read_text(encoding="utf-8")
        assert home.count("(testing/index.md)") == 1
    assert site_problems(site) == []
    assert 'run = shown_run("testing/again.py")\n' in (site / "tests/test_testing.py").read_text(encoding="utf-8")


def test_the_skeleton_program_runs(site):
    assert new.main(["testing/hello", "--page", "testing/basics", "--methods", "spawn", *CHAPTER], site) == 0
    run = runner.execute(RunSpec("testing/hello.py", "spawn", folder=str(site / "snippets")), sys.executable)
    assert run.exit_code == 0
    assert run.output.splitlines()[-1] == "exitcode 0"


def test_refuses_without_a_nav_and_writes_nothing(site, capsys):
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(text.replace("\nnav:\n", "\nmenu:\n"), encoding="utf-8")
    assert new.main(["testing/hello", "--page", "testing/basics", *CHAPTER], site) == 2
    assert "mkdocs.yml: no top-level `nav:`" in capsys.readouterr().err
    assert not (site / "snippets/testing").exists() and not (site / "docs/testing").exists()


def test_refuses_a_title_translated_otherwise(site, capsys):
    clash = ["--title-zh", "进程池", "--title-en", "Pools again", "--chapter-zh", "新章", "--chapter-en", "New"]
    assert new.main(["testing/hello", "--page", "testing/basics", *clash], site) == 2
    assert "already translated as 'Process pools'" in capsys.readouterr().err
    assert not (site / "docs/testing").exists()


@pytest.mark.parametrize(
    "argv, code, stream",
    [
        (["--help"], 0, "stdout"),
        (["-h"], 0, "stdout"),
        (["new", "--help"], 0, "stdout"),
        (["frobnicate"], 2, "stderr"),
    ],
)
def test_usage(argv, code, stream):
    proc = subprocess.run(
        [sys.executable, "-m", "snippetrun", *argv], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == code
    assert "usage:" in getattr(proc, stream)
    if code:
        assert "unknown command 'frobnicate'" in proc.stderr and proc.stdout == ""
