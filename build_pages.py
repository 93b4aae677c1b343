#!/usr/bin/env python3
"""Build the knowledge-base pages: ``python build_pages.py [--seeds DIR] [--docs DIR] [build|check]``.

The logic lives in the ``dossier`` package; this file only starts it.
"""

from dossier.cli import run

if __name__ == "__main__":
    run()
