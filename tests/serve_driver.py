"""Rebuild a site as `mkdocs serve` does, one rebuild per command, for tests/test_serve_cache.py.

Run from the site's folder: ``python serve_driver.py [--dirty]``. It mirrors
mkdocs.commands.serve: the config loaded again for every rebuild into one temporary site
directory, ``on_startup(command="serve")`` once (so plugins that have it, snippetrun's serve
cache included, live across rebuilds), and ``build(config, serve_url=..., dirty=...)``. Each
line ``build <folder>`` on stdin rebuilds and copies the site to <folder>, then prints
``built``; end of input shuts the plugins down and removes the site directory.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def main() -> None:
    dirty = "--dirty" in sys.argv  # mkdocs-static-i18n reads it from sys.argv too
    logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(levelname)s %(name)s: %(message)s")
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")

    def get_config():
        config = load_config(site_dir=site_dir)
        config.site_url = SERVE_URL
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=dirty)
    first = True
    try:
        for line in sys.stdin:
            command, _, target = line.strip().partition(" ")
            if command != "build":
                raise SystemExit(f"unknown command {line!r}")
            if not first:
                config = get_config()
            first = False
            build(config, serve_url=SERVE_URL, dirty=dirty)
            shutil.copytree(site_dir, target)
            print("built", flush=True)
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
