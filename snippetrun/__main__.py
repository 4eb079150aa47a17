"""`python -m snippetrun new ...` (see new.py) and `python -m snippetrun envs` (see envs.py)."""

import sys

USAGE = """usage:
  python -m snippetrun new <chapter>/<name> --page <chapter>/<page> [--methods fork,spawn]
  python -m snippetrun envs [3.12 ...]"""

if __name__ == "__main__":
    command, args = (sys.argv[1:2] or [""])[0], sys.argv[2:]
    if command == "new":
        from .new import main
    elif command == "envs":
        from .envs import main
    else:
        sys.exit(USAGE)
    sys.exit(main(args))
