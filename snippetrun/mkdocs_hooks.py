"""MkDocs hooks (``hooks:`` in mkdocs.yml): tell page blocks which page and language they
render, stop a build at the first snippet that fails, and report the build's runs."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # so markdown-exec blocks can `import snippetrun`
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from snippetrun import audit, runner  # noqa: E402
from snippetrun.state import state  # noqa: E402

log = logging.getLogger("mkdocs.plugins.snippetrun")


def on_startup(command: str, dirty: bool) -> None:
    state.command = command


def on_pre_build(config) -> None:
    if config.theme.get("language") == _default_language(config):
        state.generation += 1  # the default language builds first; the others nest in it
        state.failures.clear()
        problems = audit.site_problems(Path(config.docs_dir), runner.snippets_dir())
        if problems:
            message = "the pages and snippets do not match:\n" + "\n".join(problems)
            if state.command == "serve":
                log.warning(message)
            else:
                raise PluginError(message)


def on_page_markdown(markdown: str, page, config, files) -> str:
    state.language = getattr(page.file, "locale", None) or config.theme.get("language") or "zh"
    state.page = f"docs/{page.file.src_uri}"
    state.widget_counter = 0
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    if state.failures and state.command != "serve":
        raise PluginError("snippet run failed; nothing is published:\n" + "\n".join(state.failures))
    return html


def on_post_build(config) -> None:
    # Runs after each language's pass; the last call sees every run of the build.
    runs = runner.cached_runs()
    total = sum(run.wall for run in runs)
    log.info(f"snippetrun: {len(runs)} runs so far, {total:.2f} s of snippet run time")
    manifest = os.environ.get("SNIPPETRUN_MANIFEST")
    if manifest:
        rows = [
            {
                "run_id": run.run_id,
                "snippet": run.snippet,
                "method": run.method,
                "start_method": run.start_method,
                "wall": run.wall,
                "output": run.output,
                "pids": sorted({line.pid for line in run.lines if line.pid}),
            }
            for run in runs
        ]
        Path(manifest).write_text(json.dumps({"runs": rows, "total_wall": total}, indent=1), encoding="utf-8")


def _default_language(config) -> str:
    for plugin in config.plugins.values():
        if hasattr(plugin, "default_language"):
            return plugin.default_language
    return "zh"
