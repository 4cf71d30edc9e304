#!/usr/bin/env bash
# npm start: the whole system on this machine with demo data — infrastructure, the four
# services, and demo connectors for the 15 other HRS jobcentres. Ctrl-C stops it all.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/env.sh
ensure_node
ensure_pnpm
ensure_deps
log "building (tsc -b)…"
pnpm exec tsc -b
bash scripts/infra.sh up >/dev/null
set -a
source .data/infra.env
set +a

mkdir -p .data/logs .data/run
# Secrets and the identity service's signing key are generated once per checkout and stay under
# .data/ (never committed).
if [ ! -f .data/secrets.env ] || ! grep -q '^WEB_CLIENT_SECRET=' .data/secrets.env; then
  {
    printf 'WEB_CLIENT_SECRET=%s\n' "$(node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))')"
    printf 'WEB_SESSION_SECRET=%s\n' "$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')"
  } > .data/secrets.env
  chmod 600 .data/secrets.env
fi
set -a
source .data/secrets.env
set +a
export IDENTITY_SIGNING_KEY_FILE=.data/identity-key.json
node scripts/dev-setup.js identity-key "$IDENTITY_SIGNING_KEY_FILE"
node scripts/dev-setup.js connector-secrets .data/connector-secrets.json

node scripts/dev-setup.js provision .data/connector-passwords.json

# The web front on RS_PORT_BASE (default 3000), the services on the next five, the identity
# service on +10: a second copy (or a port taken by something else) moves them all at once.
BASE=${RS_PORT_BASE:-3000}
[[ "$BASE" =~ ^[0-9]+$ ]] && [ "$BASE" -ge 1024 ] && [ "$BASE" -le 65000 ] || { log "RS_PORT_BASE must be a port number from 1024 to 65000, not '$BASE'"; exit 2; }
IDENTITY_PORT=$((BASE + 10))
WEB_PORT=$BASE
export OIDC_ISSUER="http://127.0.0.1:$IDENTITY_PORT" OIDC_AUDIENCE=api://rs

declare -A PORTS=([order-intake]=$((BASE + 1)) [broadcast]=$((BASE + 2)) [matching]=$((BASE + 3)) [upskilling-seat]=$((BASE + 4)) [reporting]=$((BASE + 5)))
for port in "$WEB_PORT" "${PORTS[@]}" "$IDENTITY_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    log "port $port is taken: stop what listens there, or start on other ports with RS_PORT_BASE=4000 npm start"
    exit 1
  fi
done
PIDS=()
stop_all() {
  trap - EXIT INT TERM
  log "stopping…"
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  log "stopped (infrastructure keeps running: npm run infra -- down)"
}
trap stop_all EXIT INT TERM

# The embedded identity provider with the demo users; production points OIDC_ISSUER at the
# municipality's provider instead.
PORT=$IDENTITY_PORT IDENTITY_WEB_CLIENT_SECRET="$WEB_CLIENT_SECRET" \
  IDENTITY_WEB_REDIRECT_URIS="http://127.0.0.1:$WEB_PORT/auth/callback" \
  IDENTITY_WEB_POST_LOGOUT_URIS="http://127.0.0.1:$WEB_PORT/" \
  IDENTITY_CONNECTOR_SECRETS_FILE=.data/connector-secrets.json \
  node services/identity/dist/main.js >>.data/logs/identity.log 2>&1 &
PIDS+=($!)
PORTS[identity]=$IDENTITY_PORT

for svc in order-intake broadcast matching upskilling-seat reporting; do
  # The demo connectors answer within a minute; København answers by hand in the web front, so
  # the demo's reply window is 30 minutes of clock time; production uses 48 working hours
  # (docker-compose.yml).
  PORT=${PORTS[$svc]} OUTBOX_POLL_MS=200 REPLY_WINDOW_SECONDS=${REPLY_WINDOW_SECONDS:-1800} \
    REPLY_WINDOW_MODE=${REPLY_WINDOW_MODE:-clock} \
    node "services/$svc/dist/main.js" >>".data/logs/$svc.log" 2>&1 &
  PIDS+=($!)
done
# The web front: signs users in at the identity service, talks to the APIs with their tokens.
PORT=$WEB_PORT OIDC_CLIENT_SECRET="$WEB_CLIENT_SECRET" WEB_SESSION_SECRET="$WEB_SESSION_SECRET" \
  ORDER_INTAKE_URL="http://127.0.0.1:${PORTS[order-intake]}" BROADCAST_URL="http://127.0.0.1:${PORTS[broadcast]}" \
  MATCHING_URL="http://127.0.0.1:${PORTS[matching]}" UPSKILLING_URL="http://127.0.0.1:${PORTS[upskilling-seat]}" \
  REPORTING_URL="http://127.0.0.1:${PORTS[reporting]}" \
  RABBITMQ_DASHBOARD_URL="http://127.0.0.1:${RS_RABBITMQ_MGMT_PORT:-15672}" \
  node services/web/dist/main.js >>.data/logs/web.log 2>&1 &
PIDS+=($!)
PORTS[web]=$WEB_PORT

for svc in identity order-intake broadcast matching upskilling-seat reporting web; do
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:${PORTS[$svc]}/readyz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  curl -fsS "http://127.0.0.1:${PORTS[$svc]}/readyz" >/dev/null 2>&1 || { log "$svc did not become ready; see .data/logs/$svc.log"; tail -20 ".data/logs/$svc.log" >&2; exit 1; }
done

DEMO_JOBCENTRES=$(node scripts/dev-setup.js demo-jobcentres)
# København (101) leads the demo's own orders and answers Tårnby's rounds by hand in the web
# front: the demo only shares its generated CVs, so its searches and shortlists have candidates.
AMQP_URL="$(node scripts/dev-setup.js strip-credentials "$AMQP_URL")" JOBCENTRES="$DEMO_JOBCENTRES" DEMO_SHARE_ONLY=101 \
  CONNECTOR_PASSWORDS_FILE=.data/connector-passwords.json \
  node packages/connector/dist/cli/main.js demo >>.data/logs/connectors.log 2>&1 &
PIDS+=($!)

TOKEN=$(node scripts/dev-setup.js token jobcentre 101)

# Demo data once per .data (companies, orders broadcast to HRS), through the APIs as the demo users.
if [ ! -f .data/demo-seeded ]; then
  OPERATOR_TOKEN=$(node scripts/dev-setup.js token phone-line) KOBENHAVN_TOKEN=$TOKEN ORDER_INTAKE_URL="http://127.0.0.1:${PORTS[order-intake]}" \
    node scripts/demo-seed.js && touch .data/demo-seeded
fi
cat <<MSG

  Rekrutteringsservice is running.

  web              http://127.0.0.1:$WEB_PORT   ← sign in here (Danish; English by the switch)
  demo users       password "demo" for all (development only):
$(node -e 'for (const u of require("./services/identity/dist/users").DEMO_USERS) console.log(`                   ${u.username.padEnd(14)} ${u.name} — ${u.principal.role}`)')

  order-intake     http://127.0.0.1:${PORTS[order-intake]}   (POST /orders, GET /orders/:id)
  broadcast        http://127.0.0.1:${PORTS[broadcast]}   (POST /rounds, GET /rounds/:id)
  matching         http://127.0.0.1:${PORTS[matching]}/readyz
  upskilling-seat  http://127.0.0.1:${PORTS[upskilling-seat]}/readyz
  reporting        http://127.0.0.1:${PORTS[reporting]}/readyz
  RabbitMQ UI      http://127.0.0.1:${RS_RABBITMQ_MGMT_PORT:-15672}  (guest / guest)
  logs             .data/logs/*.log   (demo connectors for jobcentres $DEMO_JOBCENTRES)
  reply window     ${REPLY_WINDOW_SECONDS:-1800} s of clock time in this demo (production: 48 working hours)
  answer by hand   DEMO_MANUAL=147 npm start   leaves Frederiksberg (147) out of the demo; then, in a
                   second terminal: npm run inbox -- 147

  identity         http://127.0.0.1:$IDENTITY_PORT   (OpenID provider; demo users, password "demo")

  A token for a consultant of jobcentre 101 (København) from that issuer, valid 8 hours:
    export TOKEN=$TOKEN

  Register an order and broadcast it to the other 15 HRS jobcentres:
    curl -s -X POST http://127.0.0.1:${PORTS[order-intake]}/orders -H "authorization: Bearer \$TOKEN" -H 'content-type: application/json' \\
      -d '{"company":{"name":"Plejecenter Sundby","municipality":101},"title":"SOSU-assistent","occupation":"5321","positions":3,"broadcast":{"scope":"cooperation"}}'
    curl -s http://127.0.0.1:${PORTS[order-intake]}/orders/<id> -H "authorization: Bearer \$TOKEN"

  Ctrl-C stops the services.
MSG
wait
