"""Write the skeleton of a new example, so the parts that must match are never typed twice.

    python -m snippetrun new <chapter>/<name> --page <chapter>/<page> [--methods fork,spawn]

creates snippets/<chapter>/<name>.py (a complete program to fill in), appends the same embed
block to docs/<chapter>/<page>.zh.md and .en.md (creating both pages if they are new), and
appends a test that runs the snippet to tests/test_<chapter>.py. For a new page it prints the
nav and nav_translations lines to add to mkdocs.yml: a build refuses a menu title that has no
translation, and names it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    "zh": "---\ntitle: {title}\ndescription: （一句话说明这一课）\n---\n\n# {title}\n\n（读者遇到的问题。）\n",
    "en": (
        "---\ntitle: {title}\ndescription: (one sentence on this lesson)\n---\n\n# {title}\n\n(The reader's problem.)\n"
    ),
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

from snippetrun import run_snippet

pytestmark = pytest.mark.timeout(300)
'''

TEST = """

{decorator}def test_{name}({params}):
    run = run_snippet({args})
    # Replace with the page's claims: sets, counts, order within one process, timeline events.
    assert run.output.splitlines()[-1] == "exitcode 0"
"""


def main(argv: list[str] | None = None) -> int:
    root = spec.ROOT
    parser = argparse.ArgumentParser(prog="python -m snippetrun new", description=__doc__.split("\n")[0])
    parser.add_argument("snippet", help="<chapter>/<name>, e.g. communication/pipe_basics")
    parser.add_argument("--page", required=True, help="<chapter>/<page>, e.g. communication/pipes")
    parser.add_argument("--methods", default="fork,spawn", help="start methods side by side (empty: the default)")
    args = parser.parse_args(argv)
    chapter, _, name = args.snippet.removesuffix(".py").partition("/")
    methods = [m for m in args.methods.split(",") if m]
    if not name or "/" in name or any(m not in METHODS for m in methods):
        parser.error("the snippet is <chapter>/<name>; methods are among " + ", ".join(METHODS))
    snippet = root / "snippets" / chapter / f"{name}.py"
    if snippet.exists():
        parser.error(f"{snippet.relative_to(root)} exists already")
    written = [_write(snippet, SNIPPET)]
    call = f'"{chapter}/{name}.py"' + (f", methods={methods!r}".replace("'", '"') if methods else "")
    new_page = False
    for language in ("zh", "en"):
        page = root / "docs" / f"{args.page}.{language}.md"
        if not page.exists():
            new_page = True
            _write(page, PAGE[language].format(title=Path(args.page).name.replace("_", " ").capitalize()))
        with page.open("a", encoding="utf-8") as out:
            out.write(EMBED.format(call=call, after=AFTER[language]))
        written.append(page)
    tests = root / "tests" / f"test_{chapter}.py"
    if not tests.exists():
        _write(tests, TEST_HEADER.format(chapter=chapter))
    decorator = f'@pytest.mark.parametrize("method", {methods!r})\n'.replace("'", '"') if len(methods) > 1 else ""
    params = "method" if len(methods) > 1 else ""
    method_arg = ", method" if len(methods) > 1 else (f', "{methods[0]}"' if methods else "")
    args_text = f'"{chapter}/{name}.py"{method_arg}'
    with tests.open("a", encoding="utf-8") as out:
        out.write(TEST.format(decorator=decorator, name=name, params=params, args=args_text))
    written.append(tests)
    for path in written:
        print(f"wrote {path.relative_to(root)}")
    if new_page:
        print(
            "\nA new page: add it to mkdocs.yml, under its chapter in `nav`, and its title under\n"
            "`nav_translations` of the en language, e.g.\n"
            f"      - 中文标题: {args.page}.md\n"
            "            中文标题: English title"
        )
    print("\nThen: write the program and the prose, `ruff format snippets tests`, `mkdocs serve --dirty`, `pytest`.")
    return 0


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    sys.exit(main())
