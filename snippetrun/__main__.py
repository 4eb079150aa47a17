"""`python -m snippetrun new ...` (see new.py) and `python -m snippetrun envs` (see envs.py)."""

from __future__ import annotations

import sys

USAGE = """usage: python -m snippetrun <command> [arguments]

commands:
  new <chapter>/<name> --page <chapter>/<page> [--methods fork,spawn]
      [--title-zh 标题 --title-en Title] [--chapter-zh 章名 --chapter-en "Chapter title"]
        a new example: its snippet, its embed in both pages, its test; a new page or chapter
        also goes into mkdocs.yml's nav and nav_translations, the chapter's index pages and
        (a new chapter) both home pages. `python -m snippetrun new --help` for details.
  envs [3.12 ...]
        a venv per Python (default: 3.11 and newer) with requirements-snippets.txt.

  -h, --help  print this and exit"""


def main(argv: list[str]) -> int:
    command, args = (argv[:1] or [""])[0], argv[1:]
    if command in ("-h", "--help", "help"):
        print(USAGE)
        return 0
    if command == "new":
        from .new import main as run
    elif command == "envs":
        from .envs import main as run
    else:
        problem = f"unknown command {command!r}" if command else "no command given"
        print(f"{USAGE}\n\npython -m snippetrun: {problem}", file=sys.stderr)
        return 2
    return run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
