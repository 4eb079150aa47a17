"""Write the skeleton of a new example, so the parts that must match are never typed twice.

    python -m snippetrun new <chapter>/<name> --page <chapter>/<page> [--methods fork,spawn]
        [--title-zh 标题 --title-en Title] [--chapter-zh 章名 --chapter-en "Chapter title"]

creates snippets/<chapter>/<name>.py (a complete program to fill in), appends the same embed
block to docs/<chapter>/<page>.zh.md and .en.md (creating both pages if they are new), and
appends a test of the run the page shows to tests/test_<chapter>.py.

A new page is added to its chapter's section of mkdocs.yml's `nav`, with its title in the en
language's `nav_translations`, and linked from both index pages of the chapter. A new chapter
(no docs/<chapter>/ folder yet) also gets both index pages, a numbered section of its own in
`nav` right after the last numbered chapter, its title in `nav_translations`, and a line in
the chapter lists of both home pages. mkdocs.yml is edited as text, so its tags and comments
stay; the result is loaded again and checked before anything is written. If some file
cannot be edited as expected, nothing is written and the message names that file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import spec
from .spec import METHODS

SNIPPET = """import multiprocessing as mp


def work(n):
    print(f"{mp.current_process().name}: working on {n}")


def main():
    p = mp.Process(target=work, args=(1,))
    p.start()
    p.join()
    print(f"exitcode {p.exitcode}")


if __name__ == "__main__":
    main()
"""

PAGE = {
    "zh": "---\ntitle: {title}\ndescription: （一句话说明这一课）\n---\n\n# {heading}\n\n（读者遇到的问题。）\n",
    "en": (
        "---\ntitle: {title}\ndescription: (one sentence on this lesson)\n---\n\n# {heading}\n\n"
        "(The reader's problem.)\n"
    ),
}

CHAPTER_INDEX = {
    "zh": """---
title: {title}
description: （一句话说明这一章：讲什么，为谁而写。）
---

# {heading}

（这一章从读者的什么问题出发。）学完这一章，你能（读者学完之后能做到的事，每一件都由本章的一次运行证明）。

| 课 | 要解决的问题 | 页面上的运行展示了什么 |
| --- | --- | --- |
{row}
""",
    "en": """---
title: {title}
description: (One sentence on this chapter: what it covers, and for whom.)
---

# {heading}

(The reader's problem this chapter starts from.) After this chapter you can (what the reader can do \
afterwards, each item proven by a run in this chapter).

| Lesson | The problem | What the runs on the page show |
| --- | --- | --- |
{row}
""",
}
TODO = {"zh": "（待写）", "en": "(to write)"}
HOME_ITEM = {
    "zh": "- [{title}]({chapter}/index.md)：（一句话：这一章讲什么，读者学完能做什么。）",
    "en": "- [{title}]({chapter}/index.md): (One sentence: what this chapter covers, what the reader can do after it.)",
}

EMBED = """
```python exec="1" html="1"
from snippetrun.page import embed
print(embed({call}))
```

{after}
"""
AFTER = {"zh": "（输出说明了什么：每一句都要有测试。）", "en": "(What the output proves: each sentence has a test.)"}

TEST_HEADER = '''"""Chapter {chapter}: each test checks a claim its page makes, on the run the page shows."""

from __future__ import annotations

import pytest

from snippetrun import shown_run

pytestmark = pytest.mark.timeout(300)
'''

TEST = """

{decorator}def test_{name}({params}):
    run = shown_run({args})
    # Replace with the page's claims: sets, counts, order within one process, timeline events.
    assert run.output.splitlines()[-1] == "exitcode 0"
"""

ZH_DIGITS = "零一二三四五六七八九"
NUMBERED_ZH = re.compile(r"^第([零一二三四五六七八九十\d]+)章[：:]\s*")
NUMBERED_EN = re.compile(r"^Chapter\s+(\d+)\s*[:：]\s*", re.I)


class Refusal(Exception):
    """Something cannot be edited as expected: the message names the file; nothing is written."""


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's tags (!ENV, !!python/...) read as plain values: only the nav matters here."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


@dataclass
class Chapter:
    folder: str
    zh: str
    en: str
    new: bool


@dataclass
class Edits:
    """Every file the command writes, computed before any is written."""

    files: dict[Path, str] = field(default_factory=dict)
    created: set[Path] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def create(self, path: Path, text: str) -> None:
        self.files[path] = text
        self.created.add(path)

    def edit(self, path: Path, text: str) -> None:
        self.files[path] = text


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """``root``: the repository to add to (tests pass a copy); the site's own by default."""
    root = root or spec.ROOT
    parser = _parser()
    args = parser.parse_args(argv)
    chapter, _, name = args.snippet.removesuffix(".py").partition("/")
    methods = [m for m in args.methods.split(",") if m]
    if not (chapter.isidentifier() and name.isidentifier()) or any(m not in METHODS for m in methods):
        parser.error(
            "the snippet is <chapter>/<name>, both Python names (letters, digits, _); "
            "methods are among " + ", ".join(METHODS)
        )
    page_chapter, _, page_name = args.page.removesuffix(".md").partition("/")
    if not re.fullmatch(r"[\w-]+", page_chapter) or not re.fullmatch(r"[\w-]+", page_name):
        parser.error("the page is <chapter>/<page>, e.g. communication/pipes")
    snippet = root / "snippets" / chapter / f"{name}.py"
    if snippet.exists():
        parser.error(f"{snippet.relative_to(root)} exists already")
    try:
        edits = _plan(root, args, chapter, name, methods, page_chapter, page_name)
    except Refusal as refusal:
        print(f"python -m snippetrun new: {refusal}\nNothing was written.", file=sys.stderr)
        return 2
    for path, text in edits.files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"{'wrote ' if path in edits.created else 'edited'} {path.relative_to(root)}")
    for note in edits.notes:
        print(f"\n{note}")
    print(
        "\nThen: replace every placeholder in parentheses (（…） and (…)) in the pages, write the program "
        f"and the test's claims, `ruff format snippets tests`, `mkdocs serve --dirty`, "
        f"`pytest tests/test_{chapter}.py`."
    )
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m snippetrun new",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="A new chapter's titles are given without their number: 第N章 / Chapter N is added, N after\n"
        "the last numbered chapter. Titles left out default to the folder or page name, as placeholders.",
    )
    parser.add_argument("snippet", help="<chapter>/<name>, e.g. communication/pipe_basics")
    parser.add_argument("--page", required=True, help="<chapter>/<page>, e.g. communication/pipes")
    parser.add_argument("--methods", default="fork,spawn", help="start methods side by side (empty: the default)")
    parser.add_argument("--title-zh", help="a new page's title in Chinese: its menu title")
    parser.add_argument("--title-en", help="a new page's title in English: its menu title's translation")
    parser.add_argument("--chapter-zh", help="a new chapter's title in Chinese, without 第N章")
    parser.add_argument("--chapter-en", help="a new chapter's title in English, without Chapter N")
    return parser


def _plan(root: Path, args, chapter: str, name: str, methods: list[str], page_chapter: str, page_name: str) -> Edits:
    edits = Edits()
    docs = root / "docs"
    config_path = root / "mkdocs.yml"
    if not config_path.is_file():
        raise Refusal(f"mkdocs.yml: not found in {root}; the menu cannot be edited")
    config_text = config_path.read_text(encoding="utf-8")
    nav = _Nav(config_text)
    default_title = page_name.replace("_", " ").replace("-", " ").capitalize()
    title_zh, title_en = args.title_zh or default_title, args.title_en or default_title
    page_path = f"{page_chapter}/{page_name}.md"

    chapter_new = not (docs / page_chapter).is_dir()
    section = nav.section_of(page_chapter)
    if chapter_new:
        if section is not None:
            raise Refusal(
                f"mkdocs.yml: nav already has a section for {page_chapter}/ ({section.title!r}) "
                f"but docs/{page_chapter}/ does not exist"
            )
        info = _new_chapter(nav, page_chapter, args)
    else:
        if section is None:
            raise Refusal(
                f"mkdocs.yml: docs/{page_chapter}/ exists but no section of `nav` lists its pages; "
                "add the section by hand, or pick a new chapter folder"
            )
        info = Chapter(page_chapter, section.title, "", False)
        if args.chapter_zh or args.chapter_en:
            edits.notes.append(f"--chapter-zh/--chapter-en ignored: {page_chapter} is an existing chapter.")

    # The page and its embed.
    call = f'"{chapter}/{name}.py"' + (f", methods={methods!r}".replace("'", '"') if methods else "")
    titles = {"zh": title_zh, "en": title_en}
    for language in ("zh", "en"):
        page = docs / f"{page_chapter}/{page_name}.{language}.md"
        embed = EMBED.format(call=call, after=AFTER[language])
        if page.exists():
            edits.edit(page, page.read_text(encoding="utf-8") + embed)
        else:
            title = titles[language]
            edits.create(page, PAGE[language].format(title=_yaml_value(title), heading=title) + embed)

    # The menu, its translation, the chapter's index pages and the home pages.
    page_in_nav = nav.has_page(page_path)
    if chapter_new:
        config_text = nav.add_chapter(info, title_zh, title_en, page_path)
        for language in ("zh", "en"):
            title = info.zh if language == "zh" else info.en
            row = _row(3, 0, _link(titles[language], f"{page_name}.md"), language)
            edits.create(
                docs / f"{page_chapter}/index.{language}.md",
                CHAPTER_INDEX[language].format(title=_yaml_value(title), heading=title, row=row),
            )
            home = docs / f"index.{language}.md"
            edits.edit(home, _add_home_item(home, info, title, language, nav.previous_chapter))
        edits.notes.append(
            f"A new chapter: «{info.zh}» ({info.en}) is a section of mkdocs.yml's nav {nav.placement}, "
            "with its index page and this page; both titles are in the en nav_translations, and both home "
            "pages list it. Its number follows the last numbered chapter."
        )
    elif not page_in_nav:
        config_text = nav.add_page(section, title_zh, title_en, page_path)
        for language in ("zh", "en"):
            index = docs / f"{page_chapter}/index.{language}.md"
            if not index.exists():
                edits.notes.append(f"docs/{page_chapter}/index.{language}.md does not exist: no lesson link added.")
                continue
            text, note = _add_lesson_link(index, titles[language], f"{page_name}.md", language)
            edits.edit(index, text)
            if note:
                edits.notes.append(note)
    if config_text != nav.original:
        _verify(nav.original, config_text, info, title_zh, title_en, page_path)
        edits.edit(config_path, config_text)

    # The snippet and its test.
    edits.create(root / "snippets" / chapter / f"{name}.py", SNIPPET)
    tests = root / "tests" / f"test_{chapter}.py"
    test_text = (
        _with_import(tests.read_text(encoding="utf-8")) if tests.exists() else TEST_HEADER.format(chapter=chapter)
    )
    decorator = f'@pytest.mark.parametrize("method", {methods!r})\n'.replace("'", '"') if len(methods) > 1 else ""
    params = "method" if len(methods) > 1 else ""
    method_arg = ", method" if len(methods) > 1 else (f', "{methods[0]}"' if methods else "")
    test_text += TEST.format(decorator=decorator, name=name, params=params, args=f'"{chapter}/{name}.py"{method_arg}')
    (edits.edit if tests.exists() else edits.create)(tests, test_text)
    return edits


def _new_chapter(nav: _Nav, folder: str, args) -> Chapter:
    humane = folder.replace("_", " ").replace("-", " ").capitalize()
    zh, en = (args.chapter_zh or humane).strip(), (args.chapter_en or humane).strip()
    given = NUMBERED_ZH.match(zh)
    number = _zh_number(given.group(1)) if given else nav.next_number()
    if not given:
        zh = f"第{_zh_numeral(number)}章：{zh}"
    if not NUMBERED_EN.match(en):
        en = f"Chapter {number}: {en}"
    return Chapter(folder, zh, en, True)


# --- mkdocs.yml, edited as text -------------------------------------------------------------------


@dataclass
class _Item:
    """One top-level entry of `nav`: a section (its title and its pages) or a page."""

    title: str | None
    start: int  # line index of `- title:`
    end: int  # line index after its last line
    section: bool
    children: list[tuple[int, str | None, str | None]] = field(default_factory=list)  # (line, title, path)
    child_indent: str | None = None


class _Nav:
    def __init__(self, text: str) -> None:
        self.original = text
        self.lines = text.splitlines(keepends=True)
        self.items, self.nav_end = self._parse_nav()
        self.placement = ""
        self.previous_chapter: str | None = None

    def _parse_nav(self) -> tuple[list[_Item], int]:
        start = next((i for i, line in enumerate(self.lines) if re.match(r"nav:\s*(#.*)?$", line)), None)
        if start is None:
            raise Refusal("mkdocs.yml: no top-level `nav:` list found; the menu cannot be edited")
        items: list[_Item] = []
        indent: int | None = None
        end = len(self.lines)
        for i in range(start + 1, len(self.lines)):
            line = self.lines[i]
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            width = len(line) - len(line.lstrip(" "))
            is_entry = stripped.startswith("- ")
            if indent is None:
                if not is_entry:
                    end = i
                    break
                indent = width
            if width < indent or (width == indent and not is_entry):
                end = i
                break
            title, path = (_entry(stripped[2:]) if is_entry else None) or (None, None)
            if width == indent:
                section = title is not None and path is None
                items.append(_Item(title, i, i + 1, section, [] if section else [(i, title, path)]))
                continue
            item = items[-1]
            item.end = i + 1
            if is_entry and item.section:
                item.child_indent = item.child_indent or line[:width]
                item.children.append((i, title, path))
        if not items:
            raise Refusal("mkdocs.yml: `nav:` has no list of entries; the menu cannot be edited")
        return items, end

    def sections(self) -> list[_Item]:
        return [item for item in self.items if item.section]

    def section_of(self, folder: str) -> _Item | None:
        for item in self.sections():
            if any(path and path.startswith(folder + "/") for _, _, path in item.children):
                return item
        return None

    def has_page(self, path: str) -> bool:
        return any(p == path for item in self.items for _, _, p in item.children)

    def numbered(self) -> list[_Item]:
        return [item for item in self.sections() if item.title and NUMBERED_ZH.match(item.title)]

    def next_number(self) -> int:
        numbers = []
        for item in self.numbered():
            try:
                numbers.append(_zh_number(NUMBERED_ZH.match(item.title).group(1)))
            except ValueError:
                continue  # a numeral this reader does not know: not counted
        return max(numbers, default=0) + 1

    def add_chapter(self, chapter: Chapter, title_zh: str, title_en: str, page_path: str) -> str:
        """A new section after the last numbered chapter (else after the last section, else at
        the end of nav), and its titles after the previous section's in nav_translations.

        After the last numbered chapter, not before 常见陷阱 or 关于本站 as such: the new chapter
        takes the next number, so it reads in order (第八章 after 第七章); 常见陷阱 is an unnumbered
        look-up-by-symptom chapter placed where its lessons have been met (after chapter 5), and
        关于本站 stays last. Today both rules put it just before 关于本站."""
        after = (self.numbered() or self.sections() or [None])[-1]
        item_indent = " " * (len(self.lines[self.items[0].start]) - len(self.lines[self.items[0].start].lstrip(" ")))
        child_indent = (self.sections()[0].child_indent if self.sections() else None) or item_indent + "    "
        at = after.end if after else self.nav_end
        block = [
            f"{item_indent}- {_yaml_key(chapter.zh)}:\n",
            f"{child_indent}- {chapter.folder}/index.md\n",
            f"{child_indent}- {_yaml_key(title_zh)}: {page_path}\n",
        ]
        following = next((item for item in self.items if item.start >= at), None)
        if after is not None:
            self.previous_chapter = _folder_of(after)
            self.placement = f"right after «{after.title}»" + (
                f", before «{following.title}»" if following and following.title else ""
            )
        else:
            self.placement = "at its end"
        lines = self._fix_last_line(self.lines, at)
        lines[at:at] = block
        previous_titles = [after.title, *(t for _, t, _ in after.children)] if after else []
        return self._translate(lines, [(chapter.zh, chapter.en), (title_zh, title_en)], previous_titles)

    def add_page(self, section: _Item, title_zh: str, title_en: str, page_path: str) -> str:
        at = section.children[-1][0] + 1 if section.children else section.start + 1
        indent = section.child_indent or " " * 6
        lines = self._fix_last_line(self.lines, at)
        lines[at:at] = [f"{indent}- {_yaml_key(title_zh)}: {page_path}\n"]
        return self._translate(lines, [(title_zh, title_en)], [section.title, *(t for _, t, _ in section.children)])

    @staticmethod
    def _fix_last_line(lines: list[str], at: int) -> list[str]:
        lines = list(lines)
        if at > 0 and not lines[at - 1].endswith("\n"):
            lines[at - 1] += "\n"
        return lines

    def _translate(self, lines: list[str], pairs: list[tuple[str, str]], previous: list[str | None]) -> str:
        """Add (zh, en) pairs to the en language's nav_translations, after the translation of
        the last of ``previous`` titles that has one (else at the end of the table)."""
        key_line = _translations_line(lines)
        key_indent = len(lines[key_line]) - len(lines[key_line].lstrip(" "))
        entries: dict[str, tuple[int, object]] = {}
        entry_indent = None
        end = key_line + 1
        for i in range(key_line + 1, len(lines)):
            stripped = lines[i].strip()
            if not stripped or stripped.startswith("#"):
                continue
            width = len(lines[i]) - len(lines[i].lstrip(" "))
            if width <= key_indent:
                break
            entry_indent = entry_indent or lines[i][:width]
            try:
                parsed = yaml.load(stripped, Loader=_Loader)
            except yaml.YAMLError:
                parsed = None
            if isinstance(parsed, dict) and len(parsed) == 1:
                ((key, value),) = parsed.items()
                entries[str(key)] = (i, value)
            end = i + 1
        entry_indent = entry_indent or " " * (key_indent + 2)
        new = []
        for zh, en in pairs:
            if zh in entries:
                if entries[zh][1] != en:
                    raise Refusal(
                        f"mkdocs.yml:{entries[zh][0] + 1}: the menu title {zh!r} is already translated as "
                        f"{entries[zh][1]!r}, not {en!r}; choose another title or the same translation"
                    )
                continue
            new.append(f"{entry_indent}{_yaml_key(zh)}: {_yaml_value(en)}\n")
        at = end
        for title in reversed(previous):
            if title in entries:
                at = entries[title][0] + 1
                break
        lines = self._fix_last_line(lines, at)
        lines[at:at] = new
        return "".join(lines)


def _translations_line(lines: list[str]) -> int:
    """The `nav_translations:` line of the en language (in the i18n plugin's languages)."""
    found = [i for i, line in enumerate(lines) if re.match(r"\s*nav_translations:\s*(#.*)?$", line)]
    for i in found:
        width = len(lines[i]) - len(lines[i].lstrip(" "))
        for j in range(i - 1, -1, -1):  # the language's `- locale: xx` line above it
            match = re.match(r"(\s*)- locale:\s*[\"']?(\w+)", lines[j])
            if match and len(match.group(1)) < width:
                if match.group(2) == "en":
                    return i
                break
    raise Refusal("mkdocs.yml: no `nav_translations:` under the en language of the i18n plugin; add it by hand")


def _entry(text: str) -> tuple[str | None, str | None] | None:
    """(title, path) of a nav entry's text: `Title: path.md`, `path.md` or `Title:`."""
    try:
        value = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    if isinstance(value, str):
        return None, value
    if isinstance(value, dict) and len(value) == 1:
        ((title, path),) = value.items()
        return str(title), path if isinstance(path, str) else None
    return None


def _folder_of(item: _Item) -> str | None:
    paths = [path for _, _, path in item.children if path]
    return paths[0].split("/")[0] if paths and "/" in paths[0] else None


def _verify(old_text: str, new_text: str, chapter: Chapter, title_zh: str, title_en: str, page: str) -> None:
    """Load the edited mkdocs.yml as MkDocs would (tags as plain values) and check that the
    menu and its translation hold what was added, and that nothing else changed."""
    from .audit import untranslated_nav

    try:
        old, new = yaml.load(old_text, Loader=_Loader), yaml.load(new_text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise Refusal(f"mkdocs.yml: the edited file does not load ({error}); not written") from None
    sections = dict(next(iter(item.items())) for item in new["nav"] if isinstance(item, dict) and len(item) == 1)
    pages = sections.get(chapter.zh)
    expected = {title_zh: page}
    if (
        not isinstance(pages, list)
        or expected not in pages
        or (chapter.new and pages != [f"{chapter.folder}/index.md", expected])
    ):
        raise Refusal(f"mkdocs.yml: after the edit, nav's section {chapter.zh!r} does not list {page}; not written")
    tables, old_tables = _tables(new), _tables(old)
    wanted = {title_zh: title_en, **({chapter.zh: chapter.en} if chapter.new else {})}
    if any(tables.get("en", {}).get(zh) != en for zh, en in wanted.items()):
        raise Refusal("mkdocs.yml: after the edit, the en nav_translations lack the new titles; not written")
    if len(untranslated_nav(new["nav"], tables)) > len(untranslated_nav(old["nav"], old_tables)):
        raise Refusal(f"mkdocs.yml: after the edit, {untranslated_nav(new['nav'], tables)[0]}; not written")
    for config in (old, new):
        config.pop("nav")
        for language in _languages(config):
            language.pop("nav_translations", None)
    if old != new:
        raise Refusal("mkdocs.yml: the edit changed more than nav and nav_translations; not written")


def _languages(config: dict) -> list[dict]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return list(plugin["i18n"].get("languages") or [])
    return []


def _tables(config: dict) -> dict[str, dict[str, str]]:
    return {
        lang["locale"]: dict(lang.get("nav_translations") or {})
        for lang in _languages(config)
        if not lang.get("default")
    }


def _yaml_key(text: str) -> str:
    return text if _loads_as(f"{text}: x", {text: "x"}) else json.dumps(text, ensure_ascii=False)


def _yaml_value(text: str) -> str:
    return text if _loads_as(f"k: {text}", {"k": text}) else json.dumps(text, ensure_ascii=False)


def _loads_as(text: str, expected: dict) -> bool:
    try:
        return yaml.safe_load(text) == expected
    except yaml.YAMLError:
        return False


def _zh_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (ZH_DIGITS.index(tens) if tens else 1) * 10 + (ZH_DIGITS.index(ones) if ones else 0)
    return ZH_DIGITS.index(text)


def _zh_numeral(number: int) -> str:
    if number < 10:
        return ZH_DIGITS[number]
    tens, ones = divmod(number, 10)
    return (ZH_DIGITS[tens] if tens > 1 else "") + "十" + (ZH_DIGITS[ones] if ones else "")


# --- pages --------------------------------------------------------------------------------------

HOME_LINK = re.compile(r"^(\s*[-*]\s+)\[.*\]\(([\w-]+)/index\.md\)")


def _add_home_item(home: Path, chapter: Chapter, title: str, language: str, previous: str | None) -> str:
    """The home page's chapter list, with the new chapter after ``previous`` (else last)."""
    if not home.is_file():
        raise Refusal(f"docs/{home.name}: not found; the home page's chapter list cannot be edited")
    lines = home.read_text(encoding="utf-8").splitlines(keepends=True)
    items = [i for i, line in enumerate(lines) if HOME_LINK.match(line)]
    if not items:
        raise Refusal(
            f"docs/{home.name}: no chapter list found (lines like `- [title](chapter/index.md): …`); "
            "nothing was added to it"
        )
    after = next((i for i in items if HOME_LINK.match(lines[i]).group(2) == previous), items[-1])
    bullet = HOME_LINK.match(lines[after]).group(1)
    at = after + 1
    while at < len(lines) and lines[at].strip() and lines[at].startswith(" ") and not HOME_LINK.match(lines[at]):
        at += 1  # the item's continuation lines
    text = HOME_ITEM[language].format(title=title.replace("]", "\\]"), chapter=chapter.folder)
    lines = _Nav._fix_last_line(lines, at)
    lines[at:at] = [bullet + text[2:] + "\n"]
    return "".join(lines)


SIBLING_LINK = re.compile(r"\]\(([\w-]+)\.md(#[^)]*)?\)")


def _add_lesson_link(index: Path, title: str, target: str, language: str) -> tuple[str, str | None]:
    """The chapter index with a link to a new lesson: a row of its lesson table (the link in the
    column where the other rows have theirs), else an item of its list, else a line at the end."""
    text = index.read_text(encoding="utf-8")
    if f"]({target})" in text:
        return text, None
    lines = text.splitlines(keepends=True)
    link = _link(title, target)
    rows = [i for i, line in enumerate(lines) if line.lstrip().startswith("|") and SIBLING_LINK.search(line)]
    if rows:
        last = rows[-1]
        cells = _cells(lines[last])
        column = next(n for n, cell in enumerate(cells) if SIBLING_LINK.search(cell))
        at = last + 1
        while at < len(lines) and lines[at].lstrip().startswith("|"):
            at += 1
        lines = _Nav._fix_last_line(lines, at)
        lines[at:at] = [_row(len(cells), column, link, language) + "\n"]
        return "".join(lines), None
    items = [i for i, line in enumerate(lines) if re.match(r"\s*[-*]\s", line) and SIBLING_LINK.search(line)]
    if items:
        bullet = re.match(r"\s*[-*]\s+", lines[items[-1]]).group(0)
        lines = _Nav._fix_last_line(lines, items[-1] + 1)
        lines.insert(items[-1] + 1, f"{bullet}{link}{'：' if language == 'zh' else ': '}{TODO[language]}\n")
        return "".join(lines), None
    where = index.relative_to(index.parents[1]).as_posix()
    note = f"docs/{where}: no lesson table or list; the link was added at its end"
    return text.rstrip("\n") + f"\n\n- {link}\n", note


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row.strip().strip("|"))]


def _row(width: int, column: int, link: str, language: str) -> str:
    cells = [link if n == column else TODO[language] for n in range(width)]
    return "| " + " | ".join(cells) + " |"


def _link(title: str, target: str) -> str:
    escaped = title.replace("|", "\\|").replace("]", "\\]")
    return f"[{escaped}]({target})"


# --- the chapter's tests --------------------------------------------------------------------------


def _with_import(text: str) -> str:
    """The test module, importing shown_run from snippetrun (merged into an existing import)."""
    if re.search(r"^from snippetrun import [^\n]*\bshown_run\b", text, re.M):
        return text
    match = re.search(r"^from snippetrun import ([\w, ]+)$", text, re.M)
    if match:
        names = sorted({*(n.strip() for n in match.group(1).split(",")), "shown_run"}, key=_isort_key)
        return text[: match.start()] + f"from snippetrun import {', '.join(names)}" + text[match.end() :]
    imports = [m.end() for m in re.finditer(r"^(?:from \S+ import [^\n(]+|import \S+)$", text, re.M)]
    at = imports[-1] if imports else 0
    return text[:at] + "\n\nfrom snippetrun import shown_run\n" + text[at:]


def _isort_key(name: str) -> tuple[int, str]:
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


if __name__ == "__main__":
    sys.exit(main())
