"""`python -m snippetrun new <chapter>/<name> --page <chapter>/<page>`: see snippetrun/new.py."""

import sys

from .new import main

if __name__ == "__main__":
    if sys.argv[1:2] != ["new"]:
        sys.exit("usage: python -m snippetrun new <chapter>/<name> --page <chapter>/<page> [--methods fork,spawn]")
    sys.exit(main(sys.argv[2:]))
