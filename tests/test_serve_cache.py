"""`mkdocs serve` reuses a page's rendering, its search entries and git's answers between
rebuilds (snippetrun/servecache.py): what it serves must be what a fresh build makes.

The fixture site tests/serve_site/ (the real theme, overrides, hooks, plugins and Markdown
extensions over four pages and one snippet) is copied to a temporary git repository.
tests/serve_driver.py rebuilds it there as `mkdocs serve` does, in one process; after each
kind of edit (a prose edit, a menu and title change, a snippet change, an override template
and the CSS) the served site must be byte for byte the site a fresh `mkdocs build --strict`
of the same files writes, search indexes included (the compressed sitemap compared
uncompressed: gzip stamps it with the time).
"""

from __future__ import annotations

import gzip
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from snippetrun.spec import ROOT
from tests.mkdocs_process import start_build, wait_build

pytestmark = pytest.mark.timeout(600)

FIXTURE = ROOT / "tests" / "serve_site"
BOUND = 240.0  # one build of the fixture takes seconds; the machine is shared and noisy


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=60,
    )


class Served:
    """tests/serve_driver.py on a copy of the fixture: rebuild, then compare with a fresh build."""

    def __init__(self, tmp: Path, dirty: bool = False) -> None:
        self.tmp = tmp
        self.src = tmp / "src"
        shutil.copytree(FIXTURE, self.src)
        shutil.copytree(ROOT / "overrides", self.src / "overrides")
        (self.src / "docs" / "assets").mkdir()
        shutil.copy(ROOT / "docs" / "assets" / "snippetrun.css", self.src / "docs" / "assets")
        git(self.src, "init", "-q")
        git(self.src, "add", "-A")
        git(self.src, "commit", "-q", "-m", "fixture")
        python_path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        self.env = {
            "SERVE_STORE": str(tmp / "store"),
            "SERVE_SNIPPETS": str(self.src / "snippets"),
            "PYTHONPATH": python_path,
        }
        self.count = 0
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "serve_driver.py"), *(["--dirty"] if dirty else [])],
            cwd=self.src,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **self.env),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def rebuild(self) -> tuple[Path, list[str]]:
        """The served site after one more rebuild, and the rebuild's log."""
        self.count += 1
        target = self.tmp / f"served{self.count}"
        self.proc.stdin.write(f"build {target}\n")
        self.proc.stdin.flush()
        log = []
        while True:
            try:
                line = self.lines.get(timeout=BOUND)
            except queue.Empty:
                pytest.fail("the serve driver did not rebuild within the bound:\n" + "\n".join(log[-40:]))
            if line is None:
                pytest.fail("the serve driver ended:\n" + "\n".join(log[-40:]))
            if line == "built":
                return target, log
            log.append(line)

    def fresh_build(self) -> Path:
        self.count += 1
        target = self.tmp / f"fresh{self.count}"
        proc = start_build(target, self.src, self.env)
        log = wait_build(proc, BOUND)
        assert log is not None, "the fresh build did not end within the bound"
        assert proc.returncode == 0, log[-4000:]
        return target

    def edit(self, path: str, old: str, new: str) -> None:
        file = self.src / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{path} has no {old!r}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()


BUILT = re.compile(rb'(?<=<time class="sr-built">)[^<]*')


def files_of(site: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            data = gzip.decompress(data) if path.suffix == ".gz" else data
            # when each build began (the page's facts line): the one thing two builds may differ in
            found[path.relative_to(site).as_posix()] = BUILT.sub(b"", data)
    return found


def assert_same_site(served: Path, fresh: Path) -> None:
    got, want = files_of(served), files_of(fresh)
    assert sorted(got) == sorted(want), "the served site and the fresh build hold different files"
    differ = [name for name in want if got[name] != want[name]]
    if differ:
        name = differ[0]
        a, b = got[name].decode("utf-8", "replace"), want[name].decode("utf-8", "replace")
        at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        pytest.fail(
            f"{len(differ)} files differ from a fresh build ({', '.join(differ[:8])}); {name} at {at}:\n"
            f"  served: {a[max(0, at - 150) : at + 150]!r}\n  fresh:  {b[max(0, at - 150) : at + 150]!r}"
        )


def reused(log: list[str], what: str = "rendering") -> int:
    """How many pages' Markdown rendering (or final HTML) the rebuild took from the serve
    cache, as its log line says."""
    for line in log:
        found = re.search(r"pages rendered, (\d+) unchanged ones reused \((\d+) pages' HTML", line)
        if found:
            return int(found.group(1 if what == "rendering" else 2))
    return 0


@pytest.fixture
def served(tmp_path):
    site = Served(tmp_path)
    yield site
    site.close()


def test_serve_rebuilds_match_a_fresh_build(served):
    served.rebuild()  # the first build: every run is made here, and stored
    site, log = served.rebuild()
    # 4 pages in 2 languages: the lesson's two now show their runs as reused, the rest is as it was
    assert reused(log) == 6, "\n".join(log)
    assert_same_site(site, served.fresh_build())

    # (a) a prose edit to one page: that page is rendered again, the others are reused
    served.edit("docs/guide/lesson.zh.md", "子进程打印一行", "子进程先打印一行（这是改过的句子）")
    site, log = served.rebuild()
    assert reused(log) == 7 and reused(log, "html") == 7, "\n".join(log)
    assert "改过的句子" in (site / "guide" / "lesson" / "index.html").read_text(encoding="utf-8")
    assert_same_site(site, served.fresh_build())

    # (b) a page's title read from its H1 (the next page's footer shows it), then the menu's
    # titles in mkdocs.yml (every page shows the menu)
    served.edit("docs/guide/index.en.md", "# The guide", "# The whole guide")
    site, log = served.rebuild()
    footer = (site / "en" / "guide" / "lesson" / "index.html").read_text(encoding="utf-8")
    assert "Previous: The whole guide" in footer, "\n".join(log)
    assert_same_site(site, served.fresh_build())
    served.edit("mkdocs.yml", "第一课: guide/lesson.md", "第一课（新）: guide/lesson.md")
    served.edit("mkdocs.yml", "第一课: Lesson one", "第一课（新）: Lesson one (new)")
    site, log = served.rebuild()
    assert reused(log, "html") == 0, "\n".join(log)
    assert "Lesson one (new)" in (site / "en" / "index.html").read_text(encoding="utf-8")
    assert_same_site(site, served.fresh_build())

    # (c) a snippet: its new runs show on the page ("ran during this build"); one more
    # rebuild shows the same runs as reused, exactly as a fresh build does
    served.edit("snippets/hello.py", 'f"hello from {name}"', 'f"hi from {name}"')
    site, log = served.rebuild()
    page = (site / "guide" / "lesson" / "index.html").read_text(encoding="utf-8")
    assert "hi from a child" in page and 'data-reused="false"' in page
    site, _ = served.rebuild()
    assert 'data-reused="false"' not in (site / "guide" / "lesson" / "index.html").read_text(encoding="utf-8")
    assert_same_site(site, served.fresh_build())

    # (d) an override template and the CSS
    served.edit(
        "overrides/main.html", '<meta charset="utf-8">', '<meta charset="utf-8">\n  <meta name="x-test" content="1">'
    )
    served.edit("docs/assets/snippetrun.css", ":root", "/* edited */\n:root")
    site, _ = served.rebuild()
    assert 'name="x-test"' in (site / "other" / "index.html").read_text(encoding="utf-8")
    assert_same_site(site, served.fresh_build())


def article(page: Path) -> str:
    """The page's article, its build time left out (the one thing two builds of it differ in,
    once they are a minute apart)."""
    html = page.read_text(encoding="utf-8")
    return BUILT.sub(b"", html[html.index("<article") : html.index("</article>")].encode()).decode()


def test_dirty_serve_rebuilds_the_edited_page_as_a_fresh_build(tmp_path):
    """`--dirty` renders only the edited page (and MkDocs warns that the menu and footer of a
    dirty build may be inaccurate: a page it did not read has no title yet). What it renders
    is the fresh build's page, and the search indexes are complete."""
    served = Served(tmp_path, dirty=True)
    try:
        served.rebuild()
        served.edit("docs/guide/lesson.en.md", "The child prints a line", "The child prints one line (edited)")
        site, _ = served.rebuild()
        fresh = served.fresh_build()
        assert "(edited)" in article(site / "en/guide/lesson/index.html")
        assert article(site / "en/guide/lesson/index.html") == article(fresh / "en/guide/lesson/index.html")
        for index in ("search/search_index.json", "en/search/search_index.json"):
            assert (site / index).read_bytes() == (fresh / index).read_bytes(), index
    finally:
        served.close()
