"""Every internal link and anchor of the built site resolves, in both languages.

LinkChecker (PyPI `linkchecker`, with its AnchorCheck plugin) crawls the site as served on
localhost from both language roots and both 404 pages; links to other hosts are listed but
not fetched (no network). A broken anchor is only a warning to LinkChecker, so the test reads
its CSV report and fails on any invalid URL or anchor warning, and on any built page the crawl
never reached."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.timeout(1200)

CONFIG = """\
[checking]
threads=4
timeout=30
[filtering]
checkextern=0
[AnchorCheck]
"""


def _built_pages(site: Path) -> set[str]:
    pages = set()
    for index in site.rglob("*.html"):
        relative = index.relative_to(site)
        if relative.parts[0] in ("assets", "search"):
            continue
        path = "/" + relative.as_posix()
        pages.add(path.removesuffix("index.html"))
    return pages


def _linkchecker(site_url: str, config: Path) -> list[dict]:
    starts = [urljoin(site_url, path) for path in ("", "en/", "404.html", "en/404.html")]
    linkchecker = Path(sys.executable).with_name("linkchecker")
    proc = subprocess.run(
        [str(linkchecker), "-f", str(config), "--no-status", "--verbose", "-o", "csv", *starts],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # LinkChecker's comment lines start with "# "; a row's link may start with "#" (an anchor)
    lines = [line for line in proc.stdout.splitlines() if line and not line.startswith("# ")]
    assert lines, f"linkchecker printed no report (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))


def test_every_internal_link_and_anchor_resolves(built_site, site_url, tmp_path):
    config = tmp_path / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    rows = _linkchecker(site_url, config)
    broken = [
        f"{row['parentname'] or '(start)'} -> {row['urlname']}: {row['result']} {row['warningstring']}".strip()
        for row in rows
        if row["valid"] != "True" or "anchor" in row["warningstring"].lower()
    ]
    assert broken == [], "broken links:\n" + "\n".join(broken)
    reached = {urlsplit(row["url"]).path for row in rows if row["url"].startswith(site_url)}
    missed = sorted(_built_pages(built_site.site) - reached)
    assert missed == [], f"pages no link leads to: {missed}"
    anchors = [row for row in rows if "#" in row["urlname"] and row["url"].startswith(site_url)]
    assert anchors, "the crawl checked no anchor: is AnchorCheck on?"
