"""What `mkdocs serve` keeps between rebuilds so that a prose edit re-renders one page, not
all of them (owned by the plugin, used only under `mkdocs serve`; a `mkdocs build` never
creates it).

A plain rebuild renders every page of both languages again. Most of that work is the same
as last time, and each result here is reused only when everything it was computed from is
the same as when it was computed:

- ``Rendered``: a page's Markdown turned into HTML (content, toc, title, anchors, links to
  anchors). Keyed by the page's Markdown after every plugin's ``on_page_markdown``, its
  file and URL, its front matter, the config file's and the hooks' bytes, the language,
  and every site file's source and URL (links to other pages are rewritten from them); its
  exec blocks' inputs are recorded while it renders (each run it shows, with its id and
  whether this build made it, and the source of each snippet it shows) and compared before
  reuse. A page is kept only if it logged nothing while rendering, its exec blocks only
  call ``snippetrun.page`` with literal arguments (the planner reads them), and none of
  them rendered Markdown (markdown-exec numbers those blocks' ids across the build).
- Search entries: Material's index entries for a page, keyed by everything
  ``SearchIndex.add_entry_from_context`` reads (the page's HTML, toc, URL, title, meta).
- A page's final HTML (the theme's template rendered with the page's context), keyed by
  everything the template is given that can differ between two rebuilds: the page (HTML,
  toc, title, front matter and plugin meta such as its git date, URLs, its other-language
  alternates), ``config.extra`` as the page sees it, the config file's and the hooks'
  bytes, the language, every site file's URL, the whole menu with each entry's title, URL
  and front matter, and the bytes of every file of the theme's ``custom_dir``. Used only
  while no theme template mentions ``build_date_utc`` (the one context value that changes
  by itself).
- Templates: the compiled Jinja code of each theme template, keyed by its source (Jinja's
  own bytecode cache, which checks the source's checksum).
- git's answers to the git-revision-date plugin, keyed by the repository's refs (see
  plugin.py, ``_cache_git_dates``).

Within one `mkdocs serve` process the plugin code, the theme's installed files and the
environment are fixed; everything else a result depends on is in its key.
"""

from __future__ import annotations

import ast
import copy
import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache

PAGE_FUNCTIONS = {"embed", "bench", "machine", "timeline_key"}


def digest(*parts: object) -> str:
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            kind, data = b"b", part
        elif isinstance(part, str):  # a page's HTML: no repr() of a large string
            kind, data = b"s", part.encode("utf-8", "surrogatepass")
        else:
            kind, data = b"r", repr(part).encode("utf-8", "surrogatepass")
        h.update(kind)
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def toc_shape(toc) -> list:
    """A table of contents as plain data (ids, titles, levels, children)."""
    return [(item.id, item.title, item.level, toc_shape(item.children)) for item in toc]


def pure_block(code: str) -> bool:
    """An exec block that only imports from snippetrun.page and prints its calls with literal
    arguments: its output depends only on what those calls record (runs, snippet sources)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            if node.module != "snippetrun.page" or any(a.name not in PAGE_FUNCTIONS or a.asname for a in node.names):
                return False
            continue
        if not (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name)
            and node.value.func.id == "print"
            and len(node.value.args) == 1
            and not node.value.keywords
        ):
            return False
        call = node.value.args[0]
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in PAGE_FUNCTIONS):
            return False
        try:
            for value in [*call.args, *(k.value for k in call.keywords)]:
                ast.literal_eval(value)
        except ValueError:
            return False
        if any(k.arg is None for k in call.keywords):
            return False
    return True


@dataclass
class Rendered:
    """One page's Markdown rendering, as mkdocs' Page.render leaves it."""

    content: str
    toc: object
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # target file's src_uri -> {anchor: link}
    deps: list[tuple] = field(default_factory=list)  # (spec, run_id, reused, source digest)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _Templates(BytecodeCache):
    """Compiled templates in memory; Jinja reuses one only for the same source checksum."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        data = self.code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class ServeCache:
    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, Rendered]] = {}  # page file -> (key, rendering)
        self.search: dict[str, tuple[str, list[dict]]] = {}  # page URL -> (key, entries)
        self.templates = _Templates()
        self.site = ""  # this pass's key of what every page's rendering reads
        self.theme = ""  # this pass's key of what every page's template reads besides the page
        self.html: dict[str, tuple[str, str]] = {}  # page file -> (key, final HTML)
        self._installed_theme: dict[str, bool] = {}  # theme dir -> it mentions build_date_utc
        self.recording: list[tuple] | None = None  # the exec blocks' inputs, while a page renders
        self.git_state: str | None = None  # the repository's refs at this rebuild's start
        self.git: dict[tuple, object] = {}  # (refs, options, question) -> git's answer
        self.pure: dict[str, bool] = {}  # page source -> its exec blocks only call snippetrun.page
        self.hits = self.misses = 0  # pages whose Markdown rendering was reused, or made
        self.html_hits = 0  # pages whose final HTML was reused

    # --- what a page's Markdown rendering reads besides its own text -----------------------

    def begin_pass(self, config, files, language: str) -> None:
        config_file = Path(config.config_file_path) if config.config_file_path else None
        site_files = sorted((f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files)
        hooks = [  # a hook is loaded again with the config: its code may have changed
            Path(module.__file__).read_bytes() if getattr(module, "__file__", None) else repr(module)
            for module in (config.hooks or {}).values()
        ]
        self.site = digest(config_file.read_bytes() if config_file else b"", language, site_files, hooks)
        self.theme = ""  # made at the first page's template, once every page has its title

    # --- final HTML ------------------------------------------------------------------------

    def theme_key(self, context) -> str | None:
        """What every page's template reads besides its page, or None: do not keep pages."""
        if self.theme:
            return self.theme
        config = context["config"]
        custom = config.theme.custom_dir
        theme_files = []
        for folder in config.theme.dirs:
            path = Path(folder)
            if custom and path == Path(custom):
                for file in sorted(path.rglob("*")):
                    if file.is_file():
                        data = file.read_bytes()
                        if b"build_date_utc" in data:
                            return None
                        theme_files.append((file.relative_to(path).as_posix(), digest(data)))
            else:
                if folder not in self._installed_theme:  # installed: read once per process
                    self._installed_theme[folder] = _mentions_build_date(path)
                if self._installed_theme[folder]:
                    return None
        self.theme = digest(
            self.site,
            theme_files,
            nav_shape(context["nav"]),
            [(f.src_uri, f.url) for f in context["pages"]],
            context.get("extra_css"),
            context.get("extra_javascript"),
        )
        return self.theme

    def page_html(self, template, context) -> str:
        """template.render(context) for a page, or its HTML from an earlier rebuild."""
        page = context.get("page")
        theme = self.theme_key(context) if page is not None else None
        if theme is None:
            return template.render_uncached(context)
        meta = sorted((str(k), repr(v)) for k, v in page.meta.items())
        alternates = sorted((lang, f.url) for lang, f in (getattr(page.file, "alternates", None) or {}).items())
        key = digest(
            theme,
            template.name,
            page.file.src_uri,
            page.url,
            page.canonical_url,
            page.edit_url,
            page.title,
            meta,
            toc_shape(page.toc),
            alternates,
            repr(context["config"].extra),
            context.get("base_url"),
            page.content,
        )
        kept = self.html.get(page.file.src_uri)
        if kept is not None and kept[0] == key:
            self.html_hits += 1
            return kept[1]
        html = template.render_uncached(context)
        self.html[page.file.src_uri] = (key, html)
        return html

    def record_run(self, spec, run, reused: bool) -> None:
        if self.recording is not None:
            self.recording.append(("run", spec, run.run_id, reused))

    def record_source(self, spec, data: bytes) -> None:
        if self.recording is not None:
            self.recording.append(("source", spec, digest(data)))

    # --- pages -------------------------------------------------------------------------------

    def page_key(self, page) -> str:
        meta = sorted((str(k), repr(v)) for k, v in page.meta.items())
        return digest(self.site, page.file.src_uri, page.file.dest_uri, page.url, meta, page.markdown)

    def render(self, page, config, files, render, still_valid, cacheable: bool) -> None:
        """Page.render(config, files), or its result from an earlier rebuild."""
        name = page.file.src_uri
        key = self.page_key(page)
        kept = self.pages.get(name)
        if kept is not None and kept[0] == key and still_valid(kept[1].deps):
            links = _links_back(kept[1].links, files)
            if links is not False:
                rendered = kept[1]
                page.content = rendered.content
                page.toc = copy.deepcopy(rendered.toc)
                page._title_from_render = rendered.title
                page.present_anchor_ids = set(rendered.anchors) if rendered.anchors is not None else None
                page.links_to_anchors = links
                self.hits += 1
                return
        self.misses += 1
        self.pages.pop(name, None)
        records = _Records()
        loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
        for logger in loggers:
            logger.addHandler(records)
        self.recording = []
        counted = _exec_counter()
        try:
            render(config, files)
            deps = self.recording
        finally:
            self.recording = None
            for logger in loggers:
                logger.removeHandler(records)
        if not cacheable or records.count or _exec_counter() != counted:
            return  # a block that renders Markdown numbers its ids across the build's pages
        links = getattr(page, "links_to_anchors", None)
        self.pages[name] = (
            key,
            Rendered(
                content=page.content,
                toc=copy.deepcopy(page.toc),
                title=page._title_from_render,
                anchors=set(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
                links=None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
                deps=deps,
            ),
        )

    # --- search --------------------------------------------------------------------------------

    def search_entries(self, index, page, add) -> None:
        """SearchIndex.add_entry_from_context(page), or its entries from an earlier rebuild."""
        meta = page.meta
        key = digest(
            page.content,
            toc_shape(page.toc),
            page.url,
            page.title,
            repr(meta.get("title")),
            repr(meta.get("search")),
            repr(meta.get("tags")),
        )
        kept = self.search.get(page.url)
        if kept is not None and kept[0] == key:
            index.entries.extend(copy.deepcopy(kept[1]))
            return
        before = len(index.entries)
        add(page)
        self.search[page.url] = (key, copy.deepcopy(index.entries[before:]))


def nav_shape(nav) -> list:
    """The menu as plain data: each entry's kind, title, URL and front matter (Material's menu
    shows a page's meta icon, status and subtitle), with its children."""

    def shape(items) -> list:
        return [
            (
                type(item).__name__,
                item.title,
                getattr(item, "url", None),
                sorted((str(k), repr(v)) for k, v in (getattr(item, "meta", None) or {}).items()),
                repr(getattr(item, "typeset", None)),
                shape(item.children or []),
            )
            for item in items
        ]

    return [shape(nav.items), getattr(nav.homepage, "url", None)]


def _mentions_build_date(folder: Path) -> bool:
    return any(b"build_date_utc" in file.read_bytes() for file in folder.rglob("*") if file.is_file())


def _exec_counter() -> int:
    """markdown-exec's count of blocks whose output it rendered as Markdown, across a build's
    pages: such a block's ids depend on every page before it, so its page is never kept."""
    try:
        from markdown_exec import MarkdownConverter
    except ImportError:
        return 0
    return MarkdownConverter.counter


def _links_back(links: dict[str, dict[str, str]] | None, files):
    """The recorded links to anchors, keyed by this build's File objects (False: a target is gone)."""
    if links is None:
        return None
    found = {}
    for src_uri, anchors in links.items():
        target = files.get_file_from_path(src_uri)
        if target is None:
            return False
        found[target] = dict(anchors)
    return found
