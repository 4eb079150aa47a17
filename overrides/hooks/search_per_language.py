"""Give each language a search index of its own pages.

Material writes one index for the whole site, and mkdocs-static-i18n puts every language's
pages into it, so an English reader's results mixed in Chinese pages (and the other way
round). After the last language's pass this hook splits site/search/search_index.json: the
default language keeps its pages there; each other language gets <locale>/search/
search_index.json with its own pages, their locations made relative to <locale>/ (where
overrides/main.html points that language's search).
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority


def _languages(config) -> tuple[str, str, list[str]]:
    """(this pass's language, the default language, every language built)."""
    i18n = config.plugins.get("i18n")
    default = getattr(i18n, "default_language", None) or config.theme.get("language")
    current = getattr(i18n, "current_language", None) or default
    built = list(getattr(i18n, "build_languages", None) or [default])
    return current, default, built


@event_priority(-150)  # after Material's search plugin writes the index of this pass
def on_post_build(config) -> None:
    current, default, built = _languages(config)
    if current != built[-1]:
        return  # the index is complete only after the last language's pass
    site = Path(config.site_dir)
    index_file = site / "search" / "search_index.json"
    if not index_file.exists():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    others = [lang for lang in built if lang != default]
    docs = {lang: [] for lang in built}
    for doc in index["docs"]:
        lang = next((lang for lang in others if doc["location"].startswith(f"{lang}/")), default)
        if lang != default:
            doc = {**doc, "location": doc["location"][len(lang) + 1 :]}
        docs[lang].append(doc)
    for lang in built:
        target = index_file if lang == default else site / lang / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({**index, "docs": docs[lang]}, ensure_ascii=False), encoding="utf-8")
