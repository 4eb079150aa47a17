"""Reader features: a 404 page per language, "edit this page" links to the page's source,
last-updated dates, titles and descriptions per language with the right <html lang>, the
favicon, a lesson that prints without cut-off code, and chapter navigation with
previous/next links."""

from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from browserkit import DESKTOP, LANGUAGES, ROOT, goto, page_path
from mkdocs.config import load_config
from playwright.sync_api import expect

pytestmark = pytest.mark.timeout(1200)

CJK = re.compile(r"[\u4e00-\u9fff]")


class Head(HTMLParser):
    """The parts of a page's <head> (and <html>) the reader features depend on."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.title = ""
        self.description = ""
        self.icons: list[dict] = []
        self.edit = ""
        self._in_title = False
        self._in_body = False

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang", "")
        elif tag == "body":
            self._in_body = True
        elif tag == "title" and not self._in_body:
            self._in_title = True
        elif tag == "meta" and attributes.get("name") == "description":
            self.description = attributes.get("content", "")
        elif tag == "link" and "icon" in (attributes.get("rel") or "").split():
            self.icons.append(attributes)
        elif tag == "a" and attributes.get("rel") == "edit":
            self.edit = attributes.get("href", "")

    def handle_endtag(self, tag) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data) -> None:
        if self._in_title:
            self.title += data


@functools.cache
def _head(path: Path) -> Head:
    """A built page's head, parsed once for every test that reads it (they only read it)."""
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _pages(site: Path, language: str) -> dict[str, Path]:
    """Page key ("" for home, "basics/pool", ...) -> its index.html in that language's build."""
    root = site if language == "zh" else site / "en"
    pages = {}
    for index in root.rglob("index.html"):
        key = index.parent.relative_to(root).as_posix().strip(".")
        if key.split("/")[0] in ("en", "search", "assets"):
            continue
        pages[key] = index
    return pages


@pytest.fixture(scope="session")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def test_every_page_has_lang_title_and_description_in_its_language(built_site):
    zh, en = _pages(built_site.site, "zh"), _pages(built_site.site, "en")
    assert set(zh) == set(en) and "basics/pool" in zh, (sorted(zh), sorted(en))
    for language, pages in (("zh", zh), ("en", en)):
        titles = {}
        for key, path in pages.items():
            head = _head(path)
            assert head.lang == language, f"{path}: <html lang={head.lang!r}>"
            title = html.unescape(head.title).strip()
            assert title and title not in titles.values(), f"{path}: title {title!r} missing or repeated"
            titles[key] = title
            assert head.description.strip(), f"{path}: no meta description"
            if language == "zh":
                assert CJK.search(title) and CJK.search(head.description), f"{path}: not Chinese"
            else:
                assert not CJK.search(title + head.description), f"{path}: Chinese in the English head"
    for key in zh:
        assert _head(zh[key]).description != _head(en[key]).description, f"{key}: one description for both"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_links_its_favicon(built_site, new_page, language):
    for path in _pages(built_site.site, language).values():
        icons = _head(path).icons
        assert len(icons) == 1 and icons[0].get("type") == "image/svg+xml", f"{path}: {icons}"
        target = (path.parent / icons[0]["href"]).resolve()
        assert target == (built_site.site / "assets" / "favicon.svg").resolve(), f"{path}: {target}"
    tab = new_page()
    goto(tab, page_path("basics/pool", language))
    href = tab.locator("link[rel='icon']").evaluate("link => link.href")
    response = tab.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("image/svg+xml")
    assert response.body().lstrip().startswith(b"<svg")


def test_edit_links_point_at_each_page_source(built_site, config):
    base = config.repo_url.rstrip("/") + "/" + config.edit_uri.strip("/") + "/"
    for language in LANGUAGES:
        for key, path in _pages(built_site.site, language).items():
            edit = _head(path).edit
            assert edit.startswith(base), f"{path}: edit link {edit!r}, expected under {base}"
            source = edit.removeprefix(base)
            assert source.endswith(f".{language}.md"), f"{path}: edits {source}, not its {language} source"
            assert (Path(config.docs_dir) / source).is_file(), f"{path}: {source} is not in docs/"
            expected = {f"{key}.{language}.md", f"{key}/index.{language}.md"} if key else {f"index.{language}.md"}
            assert source in expected, f"{path}: edits {source}, expected one of {expected}"


@pytest.mark.parametrize(
    ("language", "date"),
    [("zh", r"\d{4}年\d{1,2}月\d{1,2}日"), ("en", r"[A-Z][a-z]+ \d{1,2}, \d{4}")],
    ids=LANGUAGES,
)
def test_lessons_show_their_last_update(built_site, new_page, language, date):
    for path in _pages(built_site.site, language).values():
        text = path.read_text(encoding="utf-8")
        found = re.search(r'git-revision-date-localized-plugin-date"[^>]*>([^<]+)<', text)
        assert found, f"{path}: no last-updated date"
        assert re.fullmatch(date, found.group(1).strip()), f"{path}: {found.group(1)!r} is not a {language} date"
    tab = new_page()
    goto(tab, page_path("basics/pool", language))
    expect(tab.locator(".md-source-file .git-revision-date-localized-plugin-date")).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_missing_page_gets_the_404_page_in_its_language(new_page, traffic, site_url, language):
    tab = new_page()
    missing = page_path("basics/no-such-lesson", language)
    response = tab.goto(missing.lstrip("/"))
    assert response is not None and response.status == 404
    assert tab.evaluate("document.documentElement.lang") == language
    expect(tab.locator("article h1")).to_contain_text("404")
    home = tab.locator("article a").first
    assert urlsplit(home.evaluate("a => a.href")).path == page_path("", language)
    assert tab.locator("link[rel='stylesheet']").count() >= 1
    header = tab.locator(".md-header").evaluate("e => getComputedStyle(e).position")
    assert header == "sticky", "the 404 page is unstyled (its stylesheets did not load)"
    home.click()
    tab.wait_for_load_state("load")
    assert urlsplit(tab.url).path == page_path("", language)
    # the one expected failure: the missing page itself
    traffic.failed[:] = [entry for entry in traffic.failed if "no-such-lesson" not in entry]
    traffic.console_errors[:] = [entry for entry in traffic.console_errors if "404" not in entry]


@pytest.mark.parametrize("language", LANGUAGES)
def test_lesson_prints_with_code_and_output_wrapped(new_page, tmp_path, language):
    tab = new_page(viewport={"width": 700, "height": 1000})  # about an A4 page's text width
    goto(tab, page_path("basics/lock", language))
    tab.emulate_media(media="print")
    blocks = tab.locator("article pre").evaluate_all(
        """(pres) => pres.filter((pre) => pre.offsetParent !== null).map((pre) => {
             const code = pre.querySelector('code') || pre;
             return {text: code.textContent.slice(0, 40), scroll: code.scrollWidth, width: code.clientWidth,
                     wrap: getComputedStyle(code).whiteSpace};
           })"""
    )
    assert len(blocks) >= 3, blocks
    for block in blocks:
        assert block["wrap"] == "pre-wrap", block
        assert block["scroll"] <= block["width"] + 1, f"cut off in print: {block}"
    # every start method's output is printed, not only the selected tab's
    facts = tab.locator(".sr-methods .sr-facts").evaluate_all("ps => ps.map(p => p.offsetParent !== null)")
    assert facts and all(facts), facts
    figures = tab.locator("article .sr-timeline").evaluate_all(
        """(svgs) => {
             const edge = document.querySelector('article').getBoundingClientRect().right + 1;
             return svgs.map((svg) => svg.getBoundingClientRect().right <= edge);
           }"""
    )
    assert figures and all(figures), "a timeline runs past the printed page"
    pdf = tab.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


@pytest.mark.parametrize("language", LANGUAGES)
def test_navigation_has_chapters_and_previous_next_links(new_page, site_url, config, language):
    tab = new_page(viewport=DESKTOP)
    goto(tab, page_path("basics/pool", language))
    chapter = tab.locator(".md-sidebar--primary .md-nav__item--section").first
    expect(chapter).to_be_visible()
    expected_chapter = "第一章：多进程入门" if language == "zh" else "Chapter 1: First steps"
    expect(chapter.locator("> label, > .md-nav__link").first).to_contain_text(expected_chapter)
    lesson_links = chapter.locator("a.md-nav__link")
    paths = {urlsplit(link).path for link in lesson_links.evaluate_all("as => as.map(a => a.href)")}
    for lesson in ("basics/process", "basics/queue", "basics/lock", "basics/pool"):
        assert page_path(lesson, language) in paths, (lesson, sorted(paths))
    active = tab.locator(".md-sidebar--primary a.md-nav__link--active")
    assert urlsplit(active.first.evaluate("a => a.href")).path == page_path("basics/pool", language)
    previous = tab.locator("a.md-footer__link--prev")
    following = tab.locator("a.md-footer__link--next")
    expect(previous).to_be_visible()
    expect(following).to_be_visible()
    assert urlsplit(urljoin(tab.url, previous.get_attribute("href"))).path == page_path("basics/lock", language)
    following.click()
    tab.wait_for_load_state("load")
    assert tab.evaluate("document.documentElement.lang") == language
    tab.locator("a.md-footer__link--prev").click()
    tab.wait_for_load_state("load")
    assert urlsplit(tab.url).path == page_path("basics/pool", language)
