#!/usr/bin/env bash
# npm run inbox -- <jobcentre>: the consultant's terminal inbox for one jobcentre of the running
# demo (npm start), logged in with that jobcentre's own broker credentials.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/env.sh
ensure_node
code=${1:?usage: npm run inbox -- <jobcentre code>, e.g. 147}
[ -f .data/infra.env ] && [ -f .data/connector-passwords.json ] || die "start the demo first: npm start"
set -a
source .data/infra.env
set +a
AMQP_URL="$(node scripts/dev-setup.js strip-credentials "$AMQP_URL")" JOBCENTRES="$code" \
  CONNECTOR_PASSWORDS_FILE=.data/connector-passwords.json INBOX_STATE_FILE=".data/inbox-$code.json" LOG_LEVEL=warn \
  exec node packages/connector/dist/cli/main.js inbox
