"""Site-wide promises that are cheap to check without running anything: every page has
its twin with the same embeds, every embed names a snippet that exists, every snippet is
embedded in each language (and, for the tests, has a test)."""

from __future__ import annotations

import re
from pathlib import Path

LANGUAGES = ("zh", "en")
EMBED = re.compile(r"""^print\(embed\(\s*["']([^"']+)["'](.*)\)\)\s*$""", re.M)


def pages(docs: Path) -> dict[str, dict[str, Path]]:
    """{"basics/pool": {"zh": Path, "en": Path}} for every docs/<name>.<lang>.md."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(docs.rglob("*.md")):
        match = re.match(r"(.*)\.(\w+)\.md$", path.relative_to(docs).as_posix())
        if match and match.group(2) in LANGUAGES:
            found.setdefault(match.group(1), {})[match.group(2)] = path
    return found


def embeds(page: Path) -> list[tuple[str, str]]:
    """(snippet, the rest of the call) for each embed block, in page order."""
    return [(m.group(1), m.group(2).strip()) for m in EMBED.finditer(page.read_text(encoding="utf-8"))]


def snippets(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.py") if p.name != "__init__.py")


def site_problems(docs: Path, snippet_dir: Path) -> list[str]:
    problems = []
    where = _folder(snippet_dir)
    embedded: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for name, twins in pages(docs).items():
        for lang in LANGUAGES:
            if lang not in twins:
                other = next(iter(twins.values()))
                problems.append(f"{_rel(other, docs)}: no twin page docs/{name}.{lang}.md")
        for lang, path in twins.items():
            for snippet, _ in embeds(path):
                embedded[lang].add(snippet)
                if not (snippet_dir / snippet).is_file():
                    problems.append(f"{_rel(path, docs)}: embeds {where}/{snippet}, which does not exist")
        if len(twins) == len(LANGUAGES):
            calls = {lang: embeds(path) for lang, path in twins.items()}
            if calls["zh"] != calls["en"]:
                problems.append(
                    f"docs/{name}.zh.md and docs/{name}.en.md embed different snippets or arguments: "
                    f"{calls['zh']} != {calls['en']}"
                )
    for snippet in snippets(snippet_dir):
        for lang in LANGUAGES:
            if snippet not in embedded[lang]:
                problems.append(f"{where}/{snippet}: no {lang} page embeds it")
    return problems


def untested(snippet_dir: Path, tests: Path) -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in tests.rglob("test_*.py"))
    return [f"snippets/{s}: no test mentions it" for s in snippets(snippet_dir) if f'"{s}"' not in text]


def _folder(snippet_dir: Path) -> str:
    """`snippets` for the site's own folder; another folder (the fault fixtures) by its path."""
    root = Path(__file__).resolve().parent.parent
    try:
        return snippet_dir.resolve().relative_to(root).as_posix()
    except ValueError:
        return snippet_dir.as_posix()


def _rel(path: Path, docs: Path) -> str:
    return "docs/" + path.relative_to(docs).as_posix()
