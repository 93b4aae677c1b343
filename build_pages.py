#!/usr/bin/env python3
"""Build the knowledge-base pages: ``python build_pages.py [--seeds DIR] [--docs DIR] [build|check]``.

The logic lives in the ``dossier`` package; this file only starts it.
"""

import sys

from dossier.cli import main

if __name__ == "__main__":
    sys.exit(main())
