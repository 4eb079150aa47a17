"""The MkDocs plugin (``plugins: - snippetrun`` in mkdocs.yml): the one object that owns a
build's state. It checks the pages and the menu, plans every run the pages show (read by
the parser that renders them) and starts them before the first page renders, tells page
blocks which page and language they render, stops a build at the first snippet that fails
(reported once, naming the page and line), and ends the build with what it ran.

All MkDocs coupling lives here: another generator needs another adapter, not a new engine.
"""

from __future__ import annotations

import logging
import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import audit
from .engine import Engine, store_at
from .interpreters import version_of
from .model import Run
from .plan import Planner, SitePlan, plan_site
from .render import RenderContext, fill_page_facts
from .schedule import Schedule, default_workers
from .spec import ROOT, Embed, RunSpec, SnippetError

log = logging.getLogger("mkdocs.plugins.snippetrun")


class _Version(c.BaseConfigOption[str | None]):
    """ "3.12" or a path; YAML (and an !ENV value) reads a bare 3.12 as a number: take it back."""

    def run_validation(self, value: object) -> str | None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f"{value}"
        if isinstance(value, str):
            return value
        raise base.ValidationError(f"expected a Python version such as 3.12, or a path, got {value!r}")


class SnippetrunConfig(base.Config):
    snippets_dir = c.Type(str, default="snippets")  # from the repository root
    store = c.Type(str, default=".snippetrun/runs")  # runs kept between builds (git-ignored)
    fresh = c.Type(bool, default=False)  # True: make every run this build shows (publishing)
    python = c.Optional(_Version())  # the interpreter runs use; None: the newest CPython here
    workers = c.Type(int, default=0)  # runs at once; 0: twice the CPUs
    max_columns = c.Type(int, default=audit.MAX_COLUMNS)  # wider snippet lines are warned about


@dataclass
class BuildState:
    build: str = ""  # this build's id; `mkdocs serve` makes a new one per rebuild
    schedule: Schedule | None = None
    plan: SitePlan | None = None
    page: str = ""  # the page being rendered, for messages
    context: RenderContext = field(default_factory=RenderContext)
    failures: list[str] = field(default_factory=list)  # each reported once
    menu: str = ""  # the menu the last build showed (a change rebuilds every page)
    forced: set[str] = field(default_factory=set)  # pages a dirty rebuild must render again
    started: datetime | None = None  # when this build (or rebuild) began
    python: str = ""  # the version of the Python runs use unless an embed names another
    cpus: tuple[int | None, int | None] = (None, None)  # this machine's CPUs: total, usable


_active: SnippetrunPlugin | None = None


def active() -> SnippetrunPlugin:
    """The plugin of the build in progress (page blocks run inside it)."""
    if _active is None:
        raise SnippetError("no MkDocs build is running: embed() is called from a page's exec block")
    return _active


def engine_for(config: SnippetrunConfig) -> Engine:
    return Engine(store=store_at(config.store, ROOT), fresh=config.fresh, python=config.python)


def planner_for(mkdocs_config) -> Planner:
    return Planner(mkdocs_config.markdown_extensions, mkdocs_config.mdx_configs)


class SnippetrunPlugin(BasePlugin[SnippetrunConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.state = BuildState()
        self.engine: Engine | None = None
        self.planner: Planner | None = None
        self._settings: tuple = ()
        self._extensions = ""

    # --- configuration ------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if dirty:
            _keep_search_index_bounded()

    def on_config(self, config):
        global _active
        _active = self
        # `mkdocs serve` keeps this object across rebuilds (it has on_startup) but reloads the
        # config: keep the engine (its runs in memory) and the planner (the pages it has read)
        # while what decides them is unchanged.
        settings = (self.config.store, self.config.fresh, self.config.python)
        if self.engine is None or settings != self._settings:
            self.engine, self._settings = engine_for(self.config), settings
        extensions = repr(config.markdown_extensions)
        if self.planner is None or extensions != self._extensions:
            self.planner, self._extensions = planner_for(config), extensions
        self.folder = self.config.snippets_dir
        i18n = _i18n(config)
        if i18n is not None:
            translations = {
                lang.locale: dict(lang.nav_translations or {})
                for lang in i18n.config.languages
                if lang.build and lang.locale != i18n.default_language
            }
            self._complain(audit.untranslated_nav(config.nav, translations), "the menu is not translated")
        return config

    # --- the plan -----------------------------------------------------------------------

    def on_pre_build(self, *, config) -> None:
        if _language(config) != _default_language(config):
            return  # the other languages' passes nest in the default one's: same build, same runs
        state = self.state
        state.build = uuid.uuid4().hex[:12]
        state.started = datetime.now(UTC)
        state.python = version_of(self.engine.interpreter(RunSpec("")))
        state.cpus = _cpus()
        state.failures.clear()
        self.engine.begin()
        docs = Path(config.docs_dir)
        snippets = (ROOT / self.folder).resolve()
        plan = plan_site(self.planner, docs, self.folder)
        self._complain(audit.site_problems(plan, docs, snippets), "the pages and snippets do not match")
        shown = sorted({spec.snippet for spec in plan.specs()})
        for problem in audit.wide_lines(snippets, shown, self.config.max_columns):
            log.warning(f"snippetrun: {problem}: it scrolls sideways on the page")
        if state.schedule is not None:
            state.schedule.stop()
        state.plan = plan
        workers = self.config.workers or default_workers()
        state.schedule = Schedule(self.engine, plan.specs(), state.build, workers).start()

    @event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files
    def on_files(self, files, *, config):
        """`mkdocs serve --dirty` rebuilds only the pages whose files changed; a page whose
        snippets changed (it shows new runs) or a changed menu must be rebuilt too."""
        if not self.dirty:
            return files
        state = self.state
        if _language(config) == _default_language(config):
            menu = repr((config.nav, [dict(lang.nav_translations or {}) for lang in _i18n_languages(config)]))
            everything = menu != state.menu
            state.menu = menu
            fresh = set(state.schedule.pending()) if state.schedule else set()
            specs = state.plan.page_specs() if state.plan else {}
            state.forced = {name for name, runs in specs.items() if everything or any(s in fresh for s in runs)}
        for file in files.documentation_pages():
            if re.sub(r"\.\w+\.md$", "", file.src_uri) in state.forced:
                file.is_modified = lambda: True
        return files

    # --- pages --------------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        language = getattr(page.file, "locale", None) or _language(config)
        self.state.page = f"docs/{page.file.src_uri}"
        state = self.state
        state.context = RenderContext(
            language=language,
            build=state.build,
            key_url=_key_url(page.url),
            python=state.python,
            cpus=state.cpus,
            built=state.started.strftime("%Y-%m-%d %H:%M UTC") if state.started else "",
        )
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        if self.state.failures and self.command != "serve":
            raise PluginError("a snippet run failed; nothing is published:\n" + "\n\n".join(self.state.failures))
        return fill_page_facts(html, self.state.context)

    def result(self, spec: RunSpec) -> Run:
        schedule = self.state.schedule
        if schedule is None:
            raise SnippetError(f"{spec.label}: no build is planned")
        return schedule.result(spec)

    def where(self, embed: Embed) -> str:
        """The page, and the line of the embed's block in it."""
        page = self.state.page
        plan = self.state.plan
        if plan is None:
            return page
        name = re.sub(r"^docs/|\.\w+\.md$", "", page)
        language = self.state.context.language
        line = next((e.line for e in plan.embeds.get(name, {}).get(language, []) if e == embed), 0)
        return f"{page}:{line}" if line else page

    def fail(self, message: str) -> None:
        if message not in self.state.failures:
            self.state.failures.append(message)
            if self.command == "serve":
                log.warning(message)

    # --- the end ------------------------------------------------------------------------

    def on_post_build(self, *, config) -> None:
        i18n = _i18n(config)
        last = i18n.build_languages[-1] if i18n and i18n.build_languages else _language(config)
        if _language(config) != last:
            return  # more languages to build: report once, after the last pass
        schedule = self.state.schedule
        if schedule is not None:
            log.info(_report(schedule.made, schedule.reused, schedule.workers))

    def on_shutdown(self) -> None:
        if self.state.schedule is not None:
            self.state.schedule.stop()

    def _complain(self, problems: list[str], what: str) -> None:
        if not problems:
            return
        message = f"{what}:\n" + "\n".join(problems)
        if self.command == "serve":
            log.warning(message)
        else:
            raise PluginError(message)


def _cpus() -> tuple[int | None, int | None]:
    """The CPUs a run started now sees (its facts record the same two numbers)."""
    total = os.cpu_count()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = total
    return total, usable


def _report(made: list[Run], reused: int, workers: int) -> str:
    """What this build (or rebuild) ran, slowest first, as Sphinx-Gallery ends its builds."""
    kept = f"{reused} reused from the run store"
    if not made:
        return f"snippetrun: no snippet re-run ({kept})"
    total = sum(run.wall for run in made)
    by_snippet: dict[str, list[Run]] = {}
    for run in made:
        by_snippet.setdefault(run.snippet, []).append(run)
    names = ", ".join(
        f"{snippet} [{', '.join(run.method or 'default' for run in runs)}]" for snippet, runs in by_snippet.items()
    )
    if len(names) > 300:
        names = names[:297] + "..."
    lines = [f"snippetrun: {len(made)} new runs, {kept} ({total:.1f} s of run time, {workers} at once): {names}"]
    lines.append(f"  {'wall':>7}  {'with':>4}  run")
    for run in sorted(made, key=lambda run: run.wall, reverse=True)[:10]:
        beside = "alone" if run.beside == 0 else str(run.beside if run.beside is not None else "-")
        lines.append(f"  {run.wall:6.2f}s  {beside:>4}  {run.spec.label}")
    return "\n".join(lines)


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


KEY_ANCHOR = "about/#timelines"  # docs/about.*.md: how to read a timeline


def _key_url(page_url: str) -> str:
    """The key to the timelines (the about page's section), relative to a page's URL
    ("basics/pool/" or "en/basics/pool/")."""
    import posixpath

    prefix = "en/" if page_url.startswith("en/") else ""
    here = page_url.rstrip("/") or "."
    page, anchor = (prefix + KEY_ANCHOR).split("#")
    return posixpath.relpath(page, here) + "/#" + anchor
