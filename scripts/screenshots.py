"""Screenshots of the built site at a phone's width (390 px) and a desktop's (1280 px).

Run by hand after `mkdocs build --strict` (nothing runs it at build or test time):

    python scripts/screenshots.py [--site site] [--out DIR]

It serves the built site on localhost, opens it in /usr/bin/chromium (Playwright), and

- writes full-page screenshots of the pages issue 21 names (the home page and the start
  methods lesson, both languages, both widths) to DIR (a new temporary folder by default),
  and prints each page's height: they are for looking at, not for committing;
- writes the pictures the about page shows ("what an example looks like"): the first example
  of the start methods lesson, with the page's run facts above it, at both widths, into
  docs/assets/screenshots/example-<width>.<language>.png (mkdocs-static-i18n gives each
  language's about page its own, as assets/screenshots/example-<width>.png). Commit those when
  the look of an example changes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTHS = {"phone": 390, "desktop": 1280}
PAGES = {"home": "", "start_methods": "processes/start_methods/"}
ASSETS = ROOT / "docs" / "assets" / "screenshots"
EXAMPLE = ".sr-snippet[data-snippet='processes/start_methods.py']"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


def _url(base: str, language: str, page: str) -> str:
    return base + ("" if language == "zh" else "en/") + page


def _example(tab: Page, out: Path) -> None:
    """The page's facts line and its first example, as one picture (the sticky header hidden)."""
    tab.add_style_tag(content=".md-header, .md-tabs { visibility: hidden; }")
    box = tab.evaluate(
        """(selector) => {
             const example = document.querySelector(selector);
             const facts = document.querySelector('.sr-page-facts');
             const top = facts.getBoundingClientRect().top + scrollY - 8;
             const bottom = example.getBoundingClientRect().bottom + scrollY + 8;
             const left = example.getBoundingClientRect().left - 8;
             return {x: Math.max(0, left), y: top, width: example.getBoundingClientRect().width + 16,
                     height: bottom - top};
           }""",
        EXAMPLE,
    )
    box["width"] = min(box["width"], tab.viewport_size["width"] - box["x"])
    tab.screenshot(path=str(out), clip=box, full_page=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, default=None, help="where the full-page screenshots go")
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        print(f"{args.site} holds no built site: run `mkdocs build --strict` first", file=sys.stderr)
        return 1
    out = args.out or Path(tempfile.mkdtemp(prefix="screenshots-"))
    out.mkdir(parents=True, exist_ok=True)
    ASSETS.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(args.site.resolve())))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            try:
                for kind, width in WIDTHS.items():
                    context = browser.new_context(viewport={"width": width, "height": 900})
                    tab = context.new_page()
                    for language in ("zh", "en"):
                        for name, page in PAGES.items():
                            tab.goto(_url(base, language, page), wait_until="load")
                            height = tab.evaluate("document.documentElement.scrollHeight")
                            shot = out / f"{name}-{language}-{width}.png"
                            tab.screenshot(path=str(shot), full_page=True)
                            print(f"{name:14} {language} {width:5} px wide: {height:6} px tall  {shot}")
                        tab.goto(_url(base, language, PAGES["start_methods"]), wait_until="load")
                        if kind == "phone":  # show the phone's short timestamps
                            tab.locator(f"{EXAMPLE} label.sr-stamp-label").click()
                        example = ASSETS / f"example-{width}.{language}.png"
                        _example(tab, example)
                        print(f"{'example':14} {language} {width:5} px wide: {example.relative_to(ROOT)} ({kind})")
                    context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
