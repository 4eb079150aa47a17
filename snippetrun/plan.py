"""A build's plan: every run the pages show, read by the parser that renders them.

Each page is converted once with the site's own Markdown extensions, with markdown-exec's
own validator deciding which fences execute, but with a formatter that records the block's
code instead of running it. So a fence inside an admonition or a tab is planned, and one
quoted inside another code block is not, exactly as the page renders them. Each block's
embed calls are then read as Python (literal arguments).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from markdown_exec import validator
from mkdocs.utils.meta import get_data

from .spec import Embed, RunSpec, SnippetError, code_embeds

LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Block:
    """One executed Python block of a page: its code, where it starts, what it embeds."""

    code: str
    line: int
    embeds: tuple[Embed, ...]


class Planner:
    """Reads pages with the site's Markdown extensions (``config.markdown_extensions`` and
    ``config.mdx_configs`` of a loaded MkDocs config)."""

    def __init__(self, extensions: list, configs: dict) -> None:
        self._extensions = list(extensions)
        self._configs = copy.deepcopy(dict(configs))
        fences = self._configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
        fences[:] = [fence for fence in fences if fence.get("name") not in ("python", "py")]
        for name in ("python", "py"):
            fences.append({"name": name, "class": name, "validator": validator, "format": self._record})
        self._found: list[str] = []
        self._read: dict[str, list[str]] = {}  # page text -> its executed blocks' code

    def _record(self, source: str, *args, **kwargs) -> str:
        self._found.append(source)
        return ""

    def blocks(self, page: Path, label: str | None = None) -> list[Block]:
        """The page's executed Python blocks, in page order. Errors name the page and line."""
        label = label or page.as_posix()
        text = page.read_text(encoding="utf-8")
        found = self._read.get(text)
        if found is None:  # a page not read yet, or changed: `mkdocs serve` re-plans only those
            body, _ = get_data(text)
            self._found = []
            markdown.Markdown(extensions=self._extensions, extension_configs=self._configs).convert(body)
            found = self._read[text] = self._found
        blocks = []
        offset = 0
        for code in found:
            line, offset = _locate(text, code, offset)
            blocks.append(Block(code, line, tuple(code_embeds(code, f"{label}:{line}", line))))
        return blocks

    def embeds(self, page: Path, label: str | None = None) -> list[Embed]:
        return [embed for block in self.blocks(page, label) for embed in block.embeds]


def _locate(text: str, code: str, offset: int) -> tuple[int, int]:
    """The 1-based line of the fence that holds ``code`` (its first line), searching from
    ``offset``; the code may be indented in the page (inside an admonition or a tab)."""
    first = next((line.strip() for line in code.splitlines() if line.strip()), "")
    match = re.compile(r"^[ \t>]*" + re.escape(first), re.M).search(text, offset) if first else None
    if match is None:
        return 0, offset
    line = text.count("\n", 0, match.start()) + 1
    return line - 1, match.end()  # the fence opens on the line above the code


def pages(docs: Path) -> dict[str, dict[str, Path]]:
    """{"basics/pool": {"zh": Path, "en": Path}} for every docs/<name>.<lang>.md."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(docs.rglob("*.md")):
        match = re.match(r"(.*)\.(\w+)\.md$", path.relative_to(docs).as_posix())
        if match and match.group(2) in LANGUAGES:
            found.setdefault(match.group(1), {})[match.group(2)] = path
    return found


@dataclass
class SitePlan:
    """What every page embeds, per language, and the runs each page shows."""

    embeds: dict[str, dict[str, list[Embed]]]  # page -> language -> embeds, in page order
    errors: list[str]
    folder: str = "snippets"

    def page_specs(self) -> dict[str, list[RunSpec]]:
        """{"basics/pool": [every run its zh and en pages show, each once]}, in page order."""
        found: dict[str, list[RunSpec]] = {}
        for name, twins in self.embeds.items():
            specs: dict[RunSpec, None] = {}
            for embeds in twins.values():
                for embed in embeds:
                    specs.update(dict.fromkeys(embed.specs(self.folder)))
            found[name] = list(specs)
        return found

    def specs(self) -> list[RunSpec]:
        """Every run the site's pages show, in page order, each once."""
        return list(dict.fromkeys(spec for specs in self.page_specs().values() for spec in specs))


def plan_site(planner: Planner, docs: Path, folder: str = "snippets") -> SitePlan:
    embeds: dict[str, dict[str, list[Embed]]] = {}
    errors = []
    for name, twins in pages(docs).items():
        embeds[name] = {}
        for language, path in twins.items():
            label = "docs/" + path.relative_to(docs).as_posix()
            try:
                embeds[name][language] = planner.embeds(path, label)
            except SnippetError as error:
                errors.append(str(error))
    return SitePlan(embeds, errors, folder)
