"""Type every query of tests/browser/search_queries.py into the built site's search, as the
browser test does, and print where the expected page ranks and what ranks above it.

    python scripts/search_probe.py [--site site] [--top 5] [--language en|zh] [--only WORDS]

The site must be built first (mkdocs build). It is served on a free localhost port the way the
browser tests serve it, and searched in Debian's Chromium (one tab per language, reused)."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browserkit import (  # noqa: E402 - after the path is set
    CHROME_FLAGS,
    CHROMIUM,
    DESKTOP,
    QuietServer,
    StaticHost,
    open_search,
    page_path,
    search_hits,
)
from playwright.sync_api import sync_playwright  # noqa: E402
from search_queries import SEARCHES  # noqa: E402


def rank_of(hits, language: str, page: str) -> int | None:
    paths = [hit.path for hit in hits]
    wanted = page_path(page, language)
    return paths.index(wanted) + 1 if wanted in paths else None


def short(hit, language: str) -> str:
    prefix = "/en/" if language == "en" else "/"
    name = hit.path.removeprefix(prefix).rstrip("/") or "(home)"
    return f"{name}#{hit.sections[0][:28]}" if hit.sections else name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--top", type=int, default=4, help="results shown per query")
    parser.add_argument("--language", choices=["en", "zh"])
    parser.add_argument("--only", help="only the queries containing these words")
    args = parser.parse_args()

    rows = [row for row in SEARCHES if args.language in (None, row.language)]
    if args.only:
        rows = [row for row in rows if args.only.lower() in row.query.lower()]
    handler = type("SiteHost", (StaticHost,), {"site": args.site.resolve()})
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    misses = 0
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROME_FLAGS)
            try:
                context = browser.new_context(viewport=DESKTOP, base_url=base)
                tabs = {}
                for row in rows:
                    if row.language not in tabs:
                        tabs[row.language] = context.new_page()
                        open_search(tabs[row.language], row.language)
                    hits = search_hits(tabs[row.language], row.query)
                    rank = rank_of(hits, row.language, row.page)
                    section = ""
                    if rank and row.section:
                        sections = hits[rank - 1].sections
                        ok = bool(sections) and row.section in sections[0]
                        section = "" if ok else f"  [section first: {sections[0] if sections else None}]"
                    misses += rank is None or rank > 3 or bool(section)
                    top = ", ".join(short(hit, row.language) for hit in hits[: args.top])
                    print(f"{row.language} | {row.query[:60]!r:64} | {row.page:28} | {rank or '-':>2} | {top}{section}")
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    print(f"{len(rows)} queries, {misses} not in the top 3 (or their section not first)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
