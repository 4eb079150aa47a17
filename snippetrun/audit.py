"""Site-wide promises that are cheap to check without running anything: every page has
its twin with the same embeds, every embed names a snippet that exists, every snippet is
embedded in each language, every menu title has its translation; and the plan of a build's
runs, read from the pages."""

from __future__ import annotations

import re
from pathlib import Path

from .spec import Embed, RunSpec, SnippetError, page_embeds

LANGUAGES = ("zh", "en")


def pages(docs: Path) -> dict[str, dict[str, Path]]:
    """{"basics/pool": {"zh": Path, "en": Path}} for every docs/<name>.<lang>.md."""
    found: dict[str, dict[str, Path]] = {}
    for path in sorted(docs.rglob("*.md")):
        match = re.match(r"(.*)\.(\w+)\.md$", path.relative_to(docs).as_posix())
        if match and match.group(2) in LANGUAGES:
            found.setdefault(match.group(1), {})[match.group(2)] = path
    return found


def embeds(page: Path) -> list[Embed]:
    """Each embed of the page, in page order."""
    return page_embeds(page.read_text(encoding="utf-8"), where=page.as_posix())


def page_specs(docs: Path) -> dict[str, list[RunSpec]]:
    """{"basics/pool": [every run its zh and en pages show, each once]}, in page order."""
    found: dict[str, list[RunSpec]] = {}
    for name, twins in pages(docs).items():
        specs: dict[RunSpec, None] = {}
        for path in twins.values():
            for embed in embeds(path):
                specs.update(dict.fromkeys(embed.specs()))
        found[name] = list(specs)
    return found


def planned_specs(docs: Path, by_page: dict[str, list[RunSpec]] | None = None) -> list[RunSpec]:
    """Every run the site's pages show, in page order, each once."""
    by_page = page_specs(docs) if by_page is None else by_page
    return list(dict.fromkeys(spec for specs in by_page.values() for spec in specs))


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
        calls = {}
        for lang, path in twins.items():
            try:
                calls[lang] = embeds(path)
            except SnippetError as error:
                problems.append(f"{_rel(path, docs)}: {error}".replace(path.as_posix() + ": ", ""))
                continue
            for embed in calls[lang]:
                embedded[lang].add(embed.snippet)
                if not (snippet_dir / embed.snippet).is_file():
                    problems.append(f"{_rel(path, docs)}: embeds {where}/{embed.snippet}, which does not exist")
        if len(calls) == len(LANGUAGES):
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


def untranslated_nav(nav: list, translations: dict[str, dict[str, str]]) -> list[str]:
    """Menu titles some language has no translation for: (language, title) messages."""
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    titles.append(title)
                    if isinstance(value, list):
                        walk(value)

    walk(nav or [])
    return [
        f"mkdocs.yml: nav title {title!r} has no {lang} entry in nav_translations"
        for lang, table in translations.items()
        for title in titles
        if title not in table
    ]


def _folder(snippet_dir: Path) -> str:
    """`snippets` for the site's own folder; another folder (the fault fixtures) by its path."""
    root = Path(__file__).resolve().parent.parent
    try:
        return snippet_dir.resolve().relative_to(root).as_posix()
    except ValueError:
        return snippet_dir.as_posix()


def _rel(path: Path, docs: Path) -> str:
    return "docs/" + path.relative_to(docs).as_posix()
