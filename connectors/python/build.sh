#!/usr/bin/env bash
# Builds the Python connector's wheel with the platform's JSON Schemas inside it:
#   bash connectors/python/build.sh [out-dir]      (default connectors/python/dist)
# Prints the wheel's path. The schemas come from docs/schemas (generated from packages/contracts),
# copied into a staging copy of the package, so the repository holds them only once.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../../scripts/lib/env.sh"
out="$(mkdir -p "${1:-$here/dist}" && cd "${1:-$here/dist}" && pwd)"

# setuptools in a virtualenv of its own, cached by its pin, so a build needs no network.
breq="$here/build-requirements.txt"
benv="$CACHE/py-build-$(sha256sum "$breq" | cut -c1-12)"
if [ ! -f "$benv/.installed" ]; then
  log "installing the wheel build tools into $benv…"
  rm -rf "$benv"
  python3 -m venv "$benv" && "$benv/bin/python" -m pip install -q -r "$breq" && touch "$benv/.installed"
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp -r "$here/pyproject.toml" "$here/README.md" "$here/src" "$stage/"
mkdir -p "$stage/src/rs_connector/schemas"
cp "$ROOT"/docs/schemas/*.json "$stage/src/rs_connector/schemas/"
find "$stage" -name __pycache__ -prune -exec rm -rf {} +
"$benv/bin/python" -m pip wheel -q --no-deps --no-build-isolation -w "$stage/wheel" "$stage" >&2
wheel="$(ls "$stage"/wheel/*.whl)"
cp "$wheel" "$out/"
echo "$out/$(basename "$wheel")"
