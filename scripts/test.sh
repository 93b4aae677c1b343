#!/usr/bin/env bash
# Every test, on a fresh machine: installs what the tests need (Debian's chromium for the browser tests,
# the package with its test extras), then runs the whole suite. CI runs this same script (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
  else
    sudo sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium' >/dev/null
  fi
fi
python3 -m pip install -q --disable-pip-version-check -e '.[test]'
python3 -m ruff check dossier tests benchmarks scripts build_pages.py
python3 -m mypy dossier
python3 -m pytest -q "$@"
