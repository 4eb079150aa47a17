"""What gets published: nothing of the build machine, and nothing that changes from one build
to the next except what a real run and the build's own clock legitimately change.

Uses the session's two real builds (``built_site`` and ``second_build`` from conftest.py).
"""

from __future__ import annotations

import getpass
import gzip
import json
import os
import re
import socket
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from snippetrun.spec import ROOT

pytestmark = [pytest.mark.build, pytest.mark.timeout(1200)]


# --- no trace of the build machine ---------------------------------------------------------

# Paths every Linux machine has: a tutorial may name them, and they identify nothing.
SYSTEM_PATHS = re.compile(r"^/(usr|bin|sbin|lib\w*|etc|var|proc|dev|sys|run|srv)(/|$)")
SECRET_NAMES = re.compile(r"TOKEN|SECRET|PASSW|API_?KEY|ACCESS_?KEY|PRIVATE|CREDENTIAL|AUTH|COOKIE|SESSION", re.I)
# Published on purpose (mkdocs.yml reads them into the site's links).
PUBLISHED_ON_PURPOSE = {"SITE_URL", "REPO_URL", "EDIT_URI"}


def _looks_like_secret(value: str) -> bool:
    """A token-shaped value: long, no spaces, letters and at least two digits."""
    return (
        len(value) >= 16
        and re.fullmatch(r"[A-Za-z0-9_\-+/=.]+", value) is not None
        and re.search(r"[A-Za-z]", value) is not None
        and len(re.findall(r"\d", value)) >= 2
    )


def machine_strings() -> dict[str, re.Pattern[str]]:
    """What would identify the build machine, each with the pattern that finds it in a page."""
    found: dict[str, str] = {}

    def path(name: str, value: str) -> None:
        value = value.rstrip("/")
        if len(value) > 1 and value.startswith("/") and not SYSTEM_PATHS.match(value):
            found.setdefault(value, name)

    path("repository root", str(ROOT))
    path("home directory", str(Path.home()))
    path("sys.prefix", sys.prefix)
    path("sys.base_prefix", sys.base_prefix)
    path("sys.base_prefix (resolved)", os.path.realpath(sys.base_prefix))
    path("sys.executable", sys.executable)
    temp = tempfile.gettempdir()
    if SYSTEM_PATHS.match(temp) is None and temp not in ("/tmp", "/var/tmp"):
        path("temp dir", temp)
    user = getpass.getuser()
    if user and user != "root" and len(user) > 2:
        found.setdefault(user, "user name")
    host = socket.gethostname()
    if len(host) > 8 and not host.startswith("localhost"):
        found.setdefault(host, "host name")
    for key, value in os.environ.items():
        if key in PUBLISHED_ON_PURPOSE or len(value) <= 8:
            continue
        for part in value.split(os.pathsep):
            if len(part) > 8 and part.startswith("/"):
                path(f"${key}", part)
        if not value.startswith("/") and (SECRET_NAMES.search(key) or _looks_like_secret(value)):
            found.setdefault(value, f"${key}")
    # A path counts only as a whole path component: /work/main, not /work/mainline.
    patterns = {}
    for value, name in found.items():
        if value.startswith("/"):
            patterns[name + " " + value] = re.compile(re.escape(value) + r"(?![\w.-])")
        else:
            patterns[name] = re.compile(r"(?<![\w-])" + re.escape(value) + r"(?![\w-])")
    # The standard temp dir is generic as a word ("/tmp"), but a path inside it is not.
    patterns[f"a path in the temp dir {temp}"] = re.compile(re.escape(temp.rstrip("/")) + r"/[\w.-]")
    if user == "root":  # "root" is a word; its home directory is what would identify the machine
        patterns["the user's home /root"] = re.compile(r"/root(?![\w.-])")
    return patterns


def published_text(site: Path) -> list[Path]:
    """Every page of both languages, plus the search index and sitemaps built from them."""
    files = sorted(site.rglob("*.html")) + sorted(site.rglob("search_index.json")) + sorted(site.rglob("sitemap.xml"))
    assert any(f.parent == site / "en" for f in files) and (site / "index.html") in files
    return files


def test_patterns_do_find_what_they_look_for():
    patterns = machine_strings()
    planted = f"see {ROOT}/snippets/x.py and {sys.prefix}/bin/python"
    assert any(p.search(planted) for p in patterns.values())
    assert not any(p.search("print('hello') · /tmp · root · Python 3.11 · C.UTF-8") for p in patterns.values())


@pytest.mark.parametrize("which", ["built_site", "second_build"])
def test_no_trace_of_the_build_machine(which, built_site, second_build):
    build = {"built_site": built_site, "second_build": second_build}[which]
    patterns = machine_strings()
    leaks = []
    for file in published_text(build.site):
        text = file.read_text(encoding="utf-8")
        for name, pattern in patterns.items():
            for match in pattern.finditer(text):
                context = text[max(0, match.start() - 60) : match.end() + 60].replace("\n", " ")
                leaks.append(f"{file.relative_to(build.site)}: {name}: …{context}…")
    assert not leaks, "the built site names the build machine:\n" + "\n".join(leaks[:40])


# --- two builds differ only where they must ------------------------------------------------

# What legitimately changes from one build to the next, by element and class:
#  - a snippet's output (div.sr-output, div.sr-stamped): a real run's order and timings;
#  - its timeline (figure.sr-figure: svg.sr-timeline and its caption): pids and milliseconds,
#    and the caption names the start methods the run's children used in the order they
#    started, which varies for a program that starts them concurrently (processes/contexts.py);
#  - its run facts (p.sr-facts): wall time, run id, the time it ran; the page's (p.sr-page-facts):
#    when the build began;
#  - the home page's machine table (table.sr-machine): the build time;
#  - the page's date (span.git-revision-date-localized-plugin): for a page not yet committed,
#    or a checkout without history, it is the build date.
MASKED = {
    ("div", "sr-output"),
    ("div", "sr-stamped"),
    ("figure", "sr-figure"),
    ("svg", "sr-timeline"),
    ("p", "sr-facts"),
    ("p", "sr-page-facts"),
    ("table", "sr-machine"),
    ("span", "git-revision-date-localized-plugin"),
}


class _Masker(HTMLParser):
    """The page as a list of tokens, each masked element's whole content replaced by one token."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tokens: list[str] = []
        self.masked: list[str] = []
        self._inside: tuple[str, int] | None = None  # (tag, depth) of the element being masked

    def _mask_of(self, tag: str, attrs) -> str | None:
        classes = (dict(attrs).get("class") or "").split()
        for masked_tag, css in MASKED:
            if tag == masked_tag and css in classes:
                return f"{tag}.{css}"
        return None

    def handle_starttag(self, tag, attrs):
        if self._inside:
            if tag == self._inside[0]:
                self._inside = (tag, self._inside[1] + 1)
            return
        mask = self._mask_of(tag, attrs)
        if mask:
            self._inside = (tag, 1)
            self.masked.append(mask)
            self.tokens.append(f"<{mask} masked>")
            return
        self.tokens.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        if not self._inside:
            self.tokens.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self._inside:
            if tag == self._inside[0]:
                depth = self._inside[1] - 1
                self._inside = (tag, depth) if depth else None
            return
        self.tokens.append(f"</{tag}>")

    def _data(self, data):
        if not self._inside:
            self.tokens.append(data)

    handle_data = handle_entityref = handle_charref = handle_comment = handle_decl = _data

    def handle_pi(self, data):
        self._data(data)


def masked_html(text: str) -> tuple[list[str], list[str]]:
    parser = _Masker()
    parser.feed(text)
    parser.close()
    return parser.tokens, parser.masked


def _first_difference(a: list[str], b: list[str]) -> str:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"token {i}: {x[:200]!r} != {y[:200]!r}"
    return f"lengths {len(a)} != {len(b)}"


def test_the_mask_covers_every_run(built_site):
    tokens, masked = masked_html(built_site.html("basics/queue", "en"))
    snippets = sum(1 for t in tokens if 'class="sr-snippet"' in t)
    assert snippets > 0
    assert masked.count("p.sr-facts") >= snippets  # one facts line per run, at least one run each
    assert masked.count("div.sr-output") == masked.count("p.sr-facts") == masked.count("div.sr-stamped")
    home, masked = masked_html(built_site.html("", "zh"))
    assert "table.sr-machine" in masked


def test_two_builds_differ_only_in_runs_and_build_time(built_site, second_build):
    first, second = built_site.site, second_build.site
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = []
    for rel in files:
        a, b = first / rel, second / rel
        if rel.suffix == ".html":
            (ta, ma), (tb, mb) = masked_html(a.read_text("utf-8")), masked_html(b.read_text("utf-8"))
            if (ta, ma) != (tb, mb):
                different.append(f"{rel}: {_first_difference(ta, tb)}")
        elif rel.name == "search_index.json":
            # Each entry's text holds the outputs; the entries themselves must be the same.
            docs = [[(d["location"], d["title"]) for d in json.loads(p.read_text("utf-8"))["docs"]] for p in (a, b)]
            if docs[0] != docs[1]:
                different.append(f"{rel}: different entries")
        elif rel.name in ("sitemap.xml", "sitemap.xml.gz"):
            # <lastmod> is the build date; the gzip header holds the build's clock too.
            read = gzip.decompress if rel.suffix == ".gz" else (lambda data: data)
            texts = [re.sub(rb"<lastmod>[^<]*</lastmod>", b"", read(p.read_bytes())) for p in (a, b)]
            if texts[0] != texts[1]:
                different.append(f"{rel}: differs outside <lastmod>")
        elif a.read_bytes() != b.read_bytes():
            different.append(f"{rel}: differs")
    assert not different, "the two builds differ outside runs and build times:\n" + "\n".join(different)
