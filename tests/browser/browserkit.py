"""Helpers of the browser tests: the static host that serves the built site, the traffic
recorder, and where Chromium and Lighthouse are."""

from __future__ import annotations

import gzip
import mimetypes
import os
import shutil
import sys
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, expect

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LIGHTHOUSE_VERSION = "12.2.3"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
LANGUAGES = ("zh", "en")


def page_path(page: str, language: str) -> str:
    """URL path of a page: page like "basics/pool" or "" for the home page."""
    prefix = "/" if language == "zh" else "/en/"
    return prefix + (f"{page}/" if page else "")


def lighthouse_bin() -> Path | None:
    local = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "lighthouse"
    if local.exists():
        return local
    found = shutil.which("lighthouse")
    return Path(found) if found else None


COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class QuietServer(ThreadingHTTPServer):
    """A threading HTTP server that does not print a traceback when a browser hangs up."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class StaticHost(SimpleHTTPRequestHandler):
    """Serves the built site as a static host does (GitHub Pages, Netlify): gzip when the
    browser accepts it, a short cache lifetime, and the language's 404.html for a missing page
    (/en/… gets /en/404.html)."""

    protocol_version = "HTTP/1.1"
    site: Path

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, directory=str(self.site), **kwargs)

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def _serve(self, send_body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        target = (self.site / path.lstrip("/")).resolve()
        if not target.is_relative_to(self.site):
            self.send_error(HTTPStatus.FORBIDDEN)
            return
        if target.is_dir():
            if not path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        status = HTTPStatus.OK
        if not target.is_file():
            status = HTTPStatus.NOT_FOUND
            language_404 = self.site / "en" / "404.html"
            target = language_404 if path.startswith("/en/") and language_404.exists() else self.site / "404.html"
        body = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "max-age=600")
        if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)


@dataclass
class Traffic:
    """What the pages of one browser context asked for and complained about."""

    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"request to another host: {url}" for url in self.foreign]
            + [f"console error: {text}" for text in self.console_errors]
            + [f"uncaught error: {text}" for text in self.page_errors]
            + [f"failed request: {text}" for text in self.failed]
        )


LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


def _failed(traffic: Traffic, request) -> None:
    # ERR_ABORTED: the browser dropped a request still in flight when the page navigated or
    # closed (the search worker's lunr files, typically); not a request that failed
    if "ERR_ABORTED" not in (request.failure or ""):
        traffic.failed.append(f"{request.url} ({request.failure})")


def open_context(browser: Browser, traffic: Traffic, **options) -> BrowserContext:
    """A fresh browser context that records every request and error of its pages and never
    lets a request leave localhost (one that tries is recorded and aborted)."""
    context = browser.new_context(**options)

    def route(route) -> None:
        url = route.request.url
        traffic.requests.append(url)
        if _is_local(url):
            route.continue_()
        else:
            traffic.foreign.append(url)
            route.abort()

    context.route("**/*", route)

    def watch(page: Page) -> None:
        page.on("console", lambda message: message.type == "error" and traffic.console_errors.append(message.text))
        page.on("pageerror", lambda error: traffic.page_errors.append(str(error)))
        page.on("requestfailed", lambda request: _failed(traffic, request))
        page.on(
            "response",
            lambda response: response.status >= 400 and traffic.failed.append(f"{response.url} ({response.status})"),
        )

    context.on("page", watch)
    return context


def goto(page: Page, path: str) -> None:
    """Open a path of the site and wait until Material's JavaScript has set the page up."""
    response = page.goto(path.lstrip("/") or "./", wait_until="load")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    page.wait_for_function("() => document.documentElement.classList.contains('js')")


def type_search(tab: Page, language: str, query: str) -> None:
    """Open the language's home page and type the query into the search field as a person
    does: the index loads in a web worker, and Material searches on key events, so the
    typing ends with a key press, as an input method's does."""
    goto(tab, page_path("", language))
    field = tab.locator("input.md-search__input")
    field.click()  # at desktop width the search field sits in the header
    expect(field).to_be_focused()
    field.press_sequentially(query, delay=50)
    field.press("End")


# Counts the queries Material's search sends to its worker and the results it gets back, so a
# reader of the results can wait for the answer to the last query typed (every key press sends
# one; the worker answers them in order) instead of reading an earlier query's results.
SEARCH_WATCH = """
(() => {
  const Native = window.Worker;
  const watch = (window.__searchWatch = { sent: 0, answered: 0, last: null });
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (event.data && event.data.type === 3) watch.answered += 1;  // RESULT
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) {  // QUERY
        watch.sent += 1;
        watch.last = message.data;
      }
      return super.postMessage(message, ...rest);
    }
  };
})();
"""


@dataclass(frozen=True)
class Hit:
    """One result of a search: a page, and its sections in the order the list shows them."""

    path: str
    sections: tuple[str, ...]


def open_search(tab: Page, language: str) -> None:
    """Open the language's home page with its search field focused, ready for searches."""
    tab.add_init_script(SEARCH_WATCH)
    goto(tab, page_path("", language))
    field = tab.locator("input.md-search__input")
    field.click()  # at desktop width the search field sits in the header
    expect(field).to_be_focused()


def search_hits(tab: Page, query: str, pasted: bool = False) -> list[Hit]:
    """Enter the query into the search field opened by open_search as a person does: clear
    what was there, then type it (or paste it whole, as a line copied from a traceback is),
    and end with a key press, as an input method's commit of Chinese text does. Wait for the
    worker's answer to the whole query; return the results, best first.

    Typing: Material searches the whole field again at each key, and what it shows depends
    only on the text in the field, so all but the last character are entered at once and the
    last is typed as a key (the one search a reader reads the results of), instead of one
    search per character, which made this the slowest browser module."""
    field = tab.locator("input.md-search__input")
    field.press("Control+A")
    field.press("Backspace")
    if pasted:
        tab.keyboard.insert_text(query)  # an input event without key events, as a paste
    else:
        tab.keyboard.insert_text(query[:-1])
        field.press_sequentially(query[-1])
    field.press("End")
    tab.wait_for_function(
        "query => { const w = window.__searchWatch; return w.last === query && w.sent === w.answered; }",
        arg=query,
        timeout=30_000,
    )
    items = tab.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(item => [...item.querySelectorAll('a')].map(a => a.href))",
    )
    hits = []
    for hrefs in items:
        parts = [urlsplit(href) for href in hrefs]
        hits.append(Hit(parts[0].path, tuple(unquote(part.fragment) for part in parts[1:] if part.fragment)))
    return hits


def search_lands_on(tab: Page, language: str, query: str, page: str) -> None:
    """The query finds the page in the reader's language, and following the hit opens it."""
    type_search(tab, language, query)
    wanted = f"a[href*='/en/{page}/']" if language == "en" else f"a[href*='/{page}/']:not([href*='/en/'])"
    hit = tab.locator(f".md-search-result__item {wanted}").first
    expect(hit).to_be_visible(timeout=30_000)
    hit.click()
    tab.wait_for_load_state("load")
    assert urlsplit(tab.url).path == page_path(page, language)
