"""Every internal link and anchor of the built site resolves, in both languages, and every
built page is reached from the home pages.

The site is static, so this reads the built files as a static host serves them: each
page's links are resolved against its URL, each target must be a built file (a folder means
its index.html) and each #anchor an id in the target page. Links to other hosts are not
fetched (no network)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.timeout(600)

BASE = "http://site.invalid/"


def _target(site: Path, path: str) -> Path | None:
    file = site / unquote(path).lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def _url(site: Path, file: Path) -> str:
    relative = file.relative_to(site).as_posix()
    return BASE + (relative.removesuffix("index.html"))


def _parse(file: Path) -> BeautifulSoup:
    return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")


def crawl(site: Path, parse: Callable[[Path], BeautifulSoup] = _parse) -> tuple[list[str], set[Path]]:
    """(broken links, pages reached) starting from both home pages and both 404 pages.
    ``parse`` reads a file (the session's build parses each page once for every test)."""
    ids: dict[Path, set[str]] = {}

    def ids_of(file: Path) -> set[str]:
        if file not in ids:
            soup = parse(file)
            ids[file] = {tag["id"] for tag in soup.find_all(id=True)} | {
                a["name"] for a in soup.find_all("a", attrs={"name": True})
            }
        return ids[file]

    starts = [site / "index.html", site / "en" / "index.html", site / "404.html", site / "en" / "404.html"]
    todo = [f for f in starts if f.is_file()]
    reached: set[Path] = set(todo)
    broken: list[str] = []
    while todo:
        page = todo.pop()
        soup = parse(page)
        for tag in soup.find_all(["a", "link"], href=True):
            url = urljoin(_url(site, page), tag["href"])
            if not url.startswith(BASE):
                continue
            parts = urlsplit(url)
            target = _target(site, parts.path)
            where = page.relative_to(site).as_posix()
            if target is None:
                broken.append(f"{where} -> {tag['href']}: no such file")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids_of(target):
                broken.append(f"{where} -> {tag['href']}: no such anchor")
            if target.suffix == ".html" and target not in reached and tag.name == "a":
                reached.add(target)
                todo.append(target)
    return broken, reached


def _built_pages(site: Path) -> set[Path]:
    return {
        page
        for page in site.rglob("*.html")
        if PurePosixPath(page.relative_to(site).as_posix()).parts[0] not in ("assets", "search")
    }


def test_every_internal_link_and_anchor_resolves(built_site):
    broken, reached = crawl(built_site.site, built_site.soup_of)
    assert broken == [], "broken links:\n" + "\n".join(broken[:50])
    missed = sorted(p.relative_to(built_site.site).as_posix() for p in _built_pages(built_site.site) - reached)
    assert missed == [], f"pages no link leads to: {missed}"


def test_the_crawl_finds_a_broken_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#here">x</a><a href="a/#nowhere">y</a><a href="b/">z</a>')
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">here</h2>')
    broken, reached = crawl(tmp_path)
    assert broken == ["index.html -> a/#nowhere: no such anchor", "index.html -> b/: no such file"]
    assert reached == {tmp_path / "index.html", tmp_path / "a" / "index.html"}
