#!/usr/bin/env bash
# npm run bench [-- --quick] [-- --json FILE]: figures beside their baselines, measured in one run
# on this machine's private RabbitMQ, Redis and MongoDB-wire server (loopback only, bounded).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/env.sh
ensure_node
ensure_pnpm
ensure_deps
pnpm exec tsc -b
bash scripts/infra.sh up >/dev/null
set -a
source .data/infra.env
set +a
node scripts/bench/run.js "$@"
