#!/usr/bin/env bash
# npm test: everything the tests need is set up here (Node 24, pnpm, dependencies, build,
# RabbitMQ/Redis/MongoDB-wire on loopback), then type-check, lint, layering and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/env.sh
ensure_node
ensure_pnpm
ensure_deps

log "type-checking and building (tsc -b)…"
pnpm exec tsc -b
pnpm exec tsc -p tsconfig.test.json
log "lint and layering…"
pnpm exec biome check --diagnostic-level=error .
pnpm exec depcruise --config .dependency-cruiser.cjs packages services

# The Python connector is built as a wheel and installed into cached virtualenvs by its tests
# (test/support/python-connector.ts), under $CACHE like everything slow.

# Schemathesis fuzzes every service's /openapi.json (test/openapi-fuzz.e2e.test.ts): its own
# virtualenv, keyed by its pinned requirements.
streq=test/schemathesis/requirements.txt
stenv="$CACHE/schemathesis-$(sha256sum "$streq" | cut -c1-12)"
# Built in place (its scripts' #! lines name the venv's path) and marked when complete.
if [ ! -f "$stenv/.installed" ]; then
  log "installing Schemathesis into $stenv…"
  rm -rf "$stenv"
  python3 -m venv "$stenv" && "$stenv/bin/python" -m pip install -q -r "$streq" && touch "$stenv/.installed"
fi
export RS_SCHEMATHESIS="$stenv/bin/schemathesis"

# The browser tests drive Debian's Chromium: installed once, skipped when present.
bash scripts/ensure-chromium.sh

bash scripts/infra.sh tools
bash scripts/infra.sh up
# Integration tests start real services as processes; two cores fit one jest worker at a time.
summary=.data/jest-summary.txt
rm -f "$summary"
status=0
RS_TEST_SUMMARY_FILE=$summary pnpm exec jest --runInBand "$@" || status=$?
echo
if [ -f "$summary" ]; then cat "$summary"; else echo "0 passed, 1 failed"; fi
exit $status
