"""Give each language its own 404 page and sitemap.

mkdocs-static-i18n builds every language into the same site_dir, so the theme's static
templates (404.html, sitemap.xml) of the last language overwrite the first's. This hook keeps
the default language's 404.html at the site root, moves each other language's to
<locale>/404.html, and copies sitemap.xml (which lists every page with its language
alternates) to <locale>/, where Material's JavaScript looks for it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

_saved_404: dict[str, bytes] = {}


def _languages(config) -> tuple[str, str]:
    """(this pass's language, the default language)."""
    i18n = config.plugins.get("i18n")
    default = getattr(i18n, "default_language", None) or config.theme.get("language")
    current = getattr(i18n, "current_language", None) or config.theme.get("language")
    return current, default


def on_post_build(config) -> None:
    # Runs before mkdocs-static-i18n's on_post_build (priority -100), which starts the other
    # languages' builds: the default language's pass comes first.
    site = Path(config.site_dir)
    current, default = _languages(config)
    page_404 = site / "404.html"
    if current == default:
        if page_404.exists():
            _saved_404[str(site)] = page_404.read_bytes()
        return
    target = site / current
    target.mkdir(parents=True, exist_ok=True)
    if page_404.exists():
        shutil.move(page_404, target / "404.html")
    saved = _saved_404.get(str(site))
    if saved is not None:
        page_404.write_bytes(saved)
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        if (site / name).exists():
            shutil.copyfile(site / name, target / name)
