"""Site-wide promises that are cheap to check without running anything: every page has
its twin with the same embeds, every embed names a snippet that exists, every snippet is
embedded in each language, every menu title has its translation, no snippet line is wider
than a phone-friendly page shows."""

from __future__ import annotations

from pathlib import Path

from .plan import LANGUAGES, SitePlan
from .spec import SnippetError, display_lines

MAX_COLUMNS = 79  # PEP 8: the source on a page does not scroll sideways


def snippets(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.py") if p.name != "__init__.py")


def site_problems(plan: SitePlan, docs: Path, snippet_dir: Path) -> list[str]:
    problems = list(plan.errors)
    where = _folder(snippet_dir)
    embedded: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for name, twins in plan.embeds.items():
        problems += _twin_problems(name, twins, docs)
        for lang, embeds in twins.items():
            for embed in embeds:
                embedded[lang].add(embed.snippet)
                if not (snippet_dir / embed.snippet).is_file():
                    problems.append(
                        f"docs/{name}.{lang}.md:{embed.line}: embeds {where}/{embed.snippet}, which does not exist"
                    )
                elif embed.display:
                    try:
                        display_lines(snippet_dir / embed.snippet, dict(embed.display), snippet_dir)
                    except SnippetError as error:
                        problems.append(f"docs/{name}.{lang}.md:{embed.line}: {error}")
    for snippet in snippets(snippet_dir):
        for lang in LANGUAGES:
            if snippet not in embedded[lang]:
                problems.append(f"{where}/{snippet}: no {lang} page embeds it")
    return problems


def _twin_problems(name: str, twins: dict, docs: Path) -> list[str]:
    problems = []
    for lang in LANGUAGES:
        if lang not in twins and not (docs / f"{name}.{lang}.md").exists():
            problems.append(f"docs/{name}.{_other(lang)}.md: no twin page docs/{name}.{lang}.md")
    if all(lang in twins for lang in LANGUAGES) and twins["zh"] != twins["en"]:
        problems.append(
            f"docs/{name}.zh.md and docs/{name}.en.md embed different snippets or arguments: "
            f"{[e.call for e in twins['zh']]} != {[e.call for e in twins['en']]}"
        )
    return problems


def _other(lang: str) -> str:
    return next(other for other in LANGUAGES if other != lang)


def wide_lines(snippet_dir: Path, names: list[str], limit: int = MAX_COLUMNS) -> list[str]:
    """Snippet lines wider than ``limit`` columns (they scroll sideways on the page)."""
    found = []
    for name in names:
        path = snippet_dir / name
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if len(line) > limit:
                found.append(f"{_folder(snippet_dir)}/{name}:{number}: {len(line)} columns (at most {limit})")
    return found


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
