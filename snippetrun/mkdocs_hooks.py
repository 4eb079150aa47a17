"""MkDocs hooks (``hooks:`` in mkdocs.yml): check the pages and the menu, plan every run the
pages show and start them before the first page renders, tell page blocks which page and
language they render, stop a build at the first snippet that fails (reported once), and
end the build with what it ran."""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # so markdown-exec blocks can `import snippetrun`
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from snippetrun import audit, runner  # noqa: E402
from snippetrun.render import RenderContext  # noqa: E402
from snippetrun.schedule import Schedule  # noqa: E402
from snippetrun.spec import SnippetError, snippets_dir  # noqa: E402
from snippetrun.state import state  # noqa: E402

log = logging.getLogger("mkdocs.plugins.snippetrun")

MANIFEST_ENV = "SNIPPETRUN_MANIFEST"  # write the build's runs as JSON (tests, benchmarks)
EXPORT_ENV = "SNIPPETRUN_EXPORT"  # write the build's runs for a test session to check
REUSE_ENV = "SNIPPETRUN_REUSE"  # show runs an earlier build exported (never for publishing)


def on_startup(command: str, dirty: bool) -> None:
    state.command = command
    state.dirty = dirty
    if dirty:
        _keep_search_index_bounded()


def _keep_search_index_bounded() -> None:
    """Under `mkdocs serve --dirty`, Material's search keeps the previous index and merges
    the rebuilt pages into it, and mkdocs-static-i18n stacks each language's entries on top:
    every section then appears again at each rebuild, and the index doubles (192 MB after
    six edits here). Keep one entry per location, the newest."""
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:
        return
    if getattr(SearchIndex.generate_search_index, "snippetrun", False):
        return
    original = SearchIndex.generate_search_index

    def generate_search_index(self, prev):
        original(self, prev)  # merges the previous index into self.entries
        self.entries = list({entry["location"]: entry for entry in self.entries}.values())
        return original(self, None)

    generate_search_index.snippetrun = True
    SearchIndex.generate_search_index = generate_search_index


@event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files, config):
    """`mkdocs serve --dirty` rebuilds only the pages whose files changed; a page whose
    snippets changed (it shows new runs) or a changed menu must be rebuilt too."""
    if not state.dirty:
        return files
    if _language(config) == _default_language(config):
        menu = repr((config.nav, [dict(lang.nav_translations or {}) for lang in _i18n_languages(config)]))
        everything = menu != state.menu
        state.menu = menu
        fresh = set(state.schedule.pending()) if state.schedule else set()
        state.forced = {
            name for name, specs in state.page_specs.items() if everything or any(spec in fresh for spec in specs)
        }
    for file in files.documentation_pages():
        if re.sub(r"\.\w+\.md$", "", file.src_uri) in state.forced:
            file.is_modified = lambda: True
    return files


def on_config(config) -> None:
    i18n = _i18n(config)
    if i18n is None:
        return
    translations = {
        lang.locale: dict(lang.nav_translations or {})
        for lang in i18n.config.languages
        if lang.build and lang.locale != i18n.default_language
    }
    _complain(audit.untranslated_nav(config.nav, translations), "the menu is not translated")


def on_pre_build(config) -> None:
    if _language(config) != _default_language(config):
        return  # the other languages' passes nest in the default one's: same build, same runs
    state.new_build()
    docs = Path(config.docs_dir)
    _complain(audit.site_problems(docs, snippets_dir()), "the pages and snippets do not match")
    reuse = os.environ.get(REUSE_ENV)
    if reuse:
        log.info(f"snippetrun: {runner.import_runs(Path(reuse))} runs reused from {reuse}")
    try:
        state.page_specs = audit.page_specs(docs)
    except SnippetError as error:
        raise PluginError(str(error)) from None
    if state.schedule is not None:
        state.schedule.stop()
    state.schedule = Schedule(audit.planned_specs(docs, state.page_specs), state.build).start()


def on_page_markdown(markdown: str, page, config, files) -> str:
    language = getattr(page.file, "locale", None) or _language(config)
    state.page = f"docs/{page.file.src_uri}"
    state.context = RenderContext(language=language, build=state.build)
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    if state.failures and state.command != "serve":
        raise PluginError("a snippet run failed; nothing is published:\n" + "\n\n".join(state.failures))
    return html


def on_post_build(config) -> None:
    i18n = _i18n(config)
    last = i18n.build_languages[-1] if i18n and i18n.build_languages else _language(config)
    if _language(config) != last:
        return  # more languages to build: report once, after the last pass
    schedule = state.schedule
    made = schedule.made if schedule else []
    log.info(_report(made, schedule.workers if schedule else 1))
    rows = []
    manifest = os.environ.get(MANIFEST_ENV)
    if manifest:
        for run in runner.cached_runs():
            rows.append(
                {
                    "run_id": run.run_id,
                    "snippet": run.snippet,
                    "method": run.method,
                    "python_asked": run.spec.python,
                    "start_method": run.start_method,
                    "python": run.python,
                    "wall": run.wall,
                    "beside": run.beside,
                    "reused": run.build != state.build,
                    "output": run.output,
                    "pids": sorted({line.pid for line in run.lines if line.pid}),
                }
            )
        total = sum(row["wall"] for row in rows if not row["reused"])
        Path(manifest).write_text(json.dumps({"runs": rows, "total_wall": total}, indent=1), encoding="utf-8")
    export = os.environ.get(EXPORT_ENV)
    if export:
        runner.export_runs(Path(export))


def _report(made: list, workers: int) -> str:
    """What this build (or rebuild) ran, slowest first, as Sphinx-Gallery ends its builds."""
    if not made:
        return "snippetrun: no snippet re-run (every run shown is reused)"
    total = sum(run.wall for run in made)
    by_snippet: dict[str, list] = {}
    for run in made:
        by_snippet.setdefault(run.snippet, []).append(run)
    names = ", ".join(
        f"{snippet} [{', '.join(run.method or 'default' for run in runs)}]" for snippet, runs in by_snippet.items()
    )
    if len(names) > 300:
        names = names[:297] + "..."
    lines = [f"snippetrun: {len(made)} new runs ({total:.1f} s of run time, {workers} at once): {names}"]
    slowest = sorted(made, key=lambda run: run.wall, reverse=True)[:10]
    lines.append(f"  {'wall':>7}  {'with':>4}  run")
    for run in slowest:
        beside = "alone" if run.beside == 0 else str(run.beside if run.beside is not None else "-")
        lines.append(f"  {run.wall:6.2f}s  {beside:>4}  {run.spec.label}")
    return "\n".join(lines)


def _complain(problems: list[str], what: str) -> None:
    if not problems:
        return
    message = f"{what}:\n" + "\n".join(problems)
    if state.command == "serve":
        log.warning(message)
    else:
        raise PluginError(message)


def _i18n_languages(config) -> list:
    i18n = _i18n(config)
    return list(i18n.config.languages) if i18n else []


def _i18n(config):
    return next((plugin for plugin in config.plugins.values() if hasattr(plugin, "default_language")), None)


def _language(config) -> str:
    i18n = _i18n(config)
    current = getattr(i18n, "current_language", None) if i18n else None
    return current or config.theme.get("language") or "zh"


def _default_language(config) -> str:
    i18n = _i18n(config)
    return i18n.default_language if i18n else _language(config)
