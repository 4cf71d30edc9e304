#!/usr/bin/env bash
# Local infrastructure on loopback: RabbitMQ, Redis and a MongoDB-wire server.
#
#   bash scripts/infra.sh up       start what is missing (idempotent), write and print .data/infra.env
#   bash scripts/infra.sh status   one line per server; exit 3 when something is not running
#   bash scripts/infra.sh down     stop what this script started (by pid, never by name)
#   bash scripts/infra.sh env      print .data/infra.env
#
# For each server the first that applies wins:
#   1. a URL in the environment (MONGO_URL, AMQP_URL [+ RABBITMQ_MGMT_URL], REDIS_URL) — start nothing;
#   2. a server this script started earlier and that still runs — reuse it;
#   3. a running Docker engine — `docker compose up` the service from docker-compose.yml;
#   4. binaries on this machine — RabbitMQ/Redis from Debian, mongod on PATH, else FerretDB (SQLite);
#   5. install them — apt-get for RabbitMQ/Redis, build FerretDB with Go into the cache;
#   6. stop and say what to install.
# Ports: RS_AMQP_PORT (5672), RS_RABBITMQ_MGMT_PORT (15672), RS_RABBITMQ_DIST_PORT (25672),
# RS_REDIS_PORT (6379), RS_MONGO_PORT (27017); RS_RABBITMQ_NODE (rs@localhost) for a second checkout.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/env.sh"

DATA="$ROOT/.data"
ENV_FILE="$DATA/infra.env"
AMQP_PORT="${RS_AMQP_PORT:-5672}"
MGMT_PORT="${RS_RABBITMQ_MGMT_PORT:-15672}"
DIST_PORT="${RS_RABBITMQ_DIST_PORT:-25672}"
REDIS_PORT="${RS_REDIS_PORT:-6379}"
MONGO_PORT="${RS_MONGO_PORT:-27017}"
RABBIT_NODE="${RS_RABBITMQ_NODE:-rs@localhost}"
# The /usr/sbin wrappers switch to the rabbitmq user (and its cookie); these run as us.
RABBIT_BIN=/usr/lib/rabbitmq/bin
RMQ_DIR="$DATA/rabbitmq"
REDIS_DIR="$DATA/redis"
FERRET_DIR="$DATA/ferretdb"
MONGOD_DIR="$DATA/mongo"
# Our fix to FerretDB (infra/ferretdb/*.patch) is part of the cache key: a changed patch rebuilds.
FERRETDB_PATCHES=("$ROOT"/infra/ferretdb/*.patch)
FERRETDB_BUILD_ID="$(cat "${FERRETDB_PATCHES[@]}" | sha256sum | cut -c1-8)"
FERRETDB_BIN="$CACHE/ferretdb-$FERRETDB_VERSION-$FERRETDB_BUILD_ID/ferretdb"

# ── small helpers ────────────────────────────────────────────────────────────────────────────

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A pid file counts only if its process is alive and still runs the expected program: pids get
# reused, and a stale file must never make us signal someone else's process.
pid_from() { # file pattern → prints pid if alive and its command line matches
  local pid
  pid="$(cat "$1" 2>/dev/null)" || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2" || return 1
  echo "$pid"
}

port_owner() {
  local who
  who="$(ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'users:(("[^"]*",pid=[0-9]*' | head -1 |
    sed -E 's/users:\(\("([^"]*)",pid=([0-9]*)/\1 (pid \2)/')" || true
  echo "${who:-another process}"
}

refuse_foreign_port() { # port what port-var url-var
  die "port $1 ($2) is taken by $(port_owner "$1"), which this script did not start. Stop it, pick another port with $3=…, or use it with $4=…"
}

wait_for() { # seconds description pid-or-empty command…
  local deadline=$((SECONDS + $1)) what="$2" pid="$3"
  shift 3
  until "$@" >/dev/null 2>&1; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 2; fi
    [ "$SECONDS" -lt "$deadline" ] || { log "$what: no answer after ${deadline}s"; return 1; }
    sleep 0.2
  done
}

fail_with_log() { # message logfile
  log "$1"
  [ -f "$2" ] && tail -n 25 "$2" >&2
  log "(full log: $2)"
  exit 1
}

# Each server records the ports it was started with: reuse must not hand out a URL for a port
# the running server does not listen on, and stop/status must address the server we started.
recorded_ports() { cat "$1/ports" 2>/dev/null || true; }
check_same_ports() { # dir wanted what
  local had
  had="$(recorded_ports "$1")"
  [ -z "$had" ] || [ "$had" = "$2" ] ||
    die "our $3 already runs on port(s) $had, not $2: run bash scripts/infra.sh down first to change ports"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}

mask_url() { sed -E 's#(://[^:/@]*:)[^@]*@#\1***@#' <<<"$1"; }

# ── installing what is missing ───────────────────────────────────────────────────────────────

apt_install() {
  command -v apt-get >/dev/null ||
    die "not installed: $*. Install them (e.g. apt-get install $*), or set AMQP_URL / REDIS_URL to servers you run"
  as_root true || die "not installed: $*. Run as root: apt-get install -y $*   (or set AMQP_URL / REDIS_URL)"
  log "installing $* from Debian packages (about 15 s)…"
  mkdir -p "$DATA"
  # The packages would start their system services and take 5672/6379; Debian's policy-rc.d
  # hook forbids that during this install. Only when no policy is in place already.
  local policy=/usr/sbin/policy-rc.d added="" rc=0
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' >$policy && chmod 755 $policy" && added=1
  fi
  {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
  } >"$DATA/apt.log" 2>&1 || rc=$?
  [ -z "$added" ] || as_root rm -f "$policy"
  [ "$rc" -eq 0 ] || fail_with_log "apt-get install $* failed" "$DATA/apt.log"
}

# `go install` gives a FerretDB that panics at start (no version file); build from the module
# source with build/version/version.txt filled in, as its own Makefile does.
ferretdb_build() {
  command -v go >/dev/null ||
    die "no MongoDB-wire server: install Go ≥1.22 (https://go.dev/dl) so FerretDB can be built, or install mongod, or set MONGO_URL"
  local gover
  gover="$(go env GOVERSION | sed -E 's/^go([0-9]+)\.([0-9]+).*/\1 \2/')"
  read -r gmaj gmin <<<"$gover"
  if [ "$gmaj" -lt 1 ] || { [ "$gmaj" -eq 1 ] && [ "$gmin" -lt 22 ]; }; then
    die "Go $(go env GOVERSION) is too old to build FerretDB: install Go ≥1.22 (https://go.dev/dl), or install mongod, or set MONGO_URL"
  fi
  log "building FerretDB $FERRETDB_VERSION with Go into $(dirname "$FERRETDB_BIN") (about 80 s the first time)…"
  local work src
  work="$(mktemp -d)"
  # Outside any module, with user GOFLAGS/GOWORK neutralised, `go mod download` just fetches.
  src="$(cd "$work" && GOFLAGS='' GOWORK=off GO111MODULE=on go mod download -json \
    "github.com/FerretDB/FerretDB@v$FERRETDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  if [ -z "$src" ] || [ ! -d "$src" ]; then
    rm -rf "$work"
    die "go mod download of FerretDB v$FERRETDB_VERSION failed"
  fi
  cp -r "$src" "$work/src"
  chmod -R u+w "$work/src"
  echo "v$FERRETDB_VERSION" >"$work/src/build/version/version.txt"
  # `git apply` outside a repository patches plain files; git is there (it cloned this), `patch` may not be.
  local p
  for p in "${FERRETDB_PATCHES[@]}"; do
    if ! (cd "$work/src" && git apply -p1 "$p"); then
      rm -rf "$work"
      die "applying $(basename "$p") to FerretDB v$FERRETDB_VERSION failed"
    fi
  done
  if ! (cd "$work/src" && GOFLAGS='' GOWORK=off go build -o "$work/ferretdb" ./cmd/ferretdb) >"$work/build.log" 2>&1; then
    tail -n 25 "$work/build.log" >&2
    rm -rf "$work"
    die "building FerretDB failed"
  fi
  mkdir -p "$(dirname "$FERRETDB_BIN")"
  mv "$work/ferretdb" "$FERRETDB_BIN"
  rm -rf "$work"
}

# ── RabbitMQ: a private node, not the system service ─────────────────────────────────────────

rabbit_pid() { pid_from "$RMQ_DIR/rabbitmq.pid" beam; }
rabbit_cli() { HOME="$RMQ_DIR/home" "$RABBIT_BIN/$1" -n "$RABBIT_NODE" "${@:2}"; }
rabbit_mgmt_ok() { curl -fsS -m 2 -u guest:guest "http://127.0.0.1:$MGMT_PORT/api/overview" >/dev/null 2>&1; }

rabbit_start() {
  for p in "$AMQP_PORT:RS_AMQP_PORT" "$MGMT_PORT:RS_RABBITMQ_MGMT_PORT" "$DIST_PORT:RS_RABBITMQ_DIST_PORT"; do
    ! port_open "${p%%:*}" || refuse_foreign_port "${p%%:*}" "RabbitMQ" "${p#*:}" AMQP_URL
  done
  mkdir -p "$RMQ_DIR"/{mnesia,log,home}
  # The Erlang cookie lives under .data, never in the user's real $HOME.
  if [ ! -s "$RMQ_DIR/home/.erlang.cookie" ]; then
    (umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$RMQ_DIR/home/.erlang.cookie")
  fi
  chmod 400 "$RMQ_DIR/home/.erlang.cookie"
  echo '[rabbitmq_management].' >"$RMQ_DIR/enabled_plugins"
  # Shared settings from infra/, plus loopback-only management on our port.
  { grep -v '^management\.tcp\.' "$ROOT/infra/rabbitmq/rabbitmq.conf"
    printf 'management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = %s\n' "$MGMT_PORT"; } >"$RMQ_DIR/rabbitmq.conf"

  # Without a running epmd the node spawns one that listens on every interface and that we
  # could not tell apart from others later; start our own on loopback and remember its pid.
  rm -f "$RMQ_DIR/epmd.pid"
  if ! port_open 4369; then
    local epmd
    epmd="$(command -v epmd || find /usr/lib/erlang -path '*/bin/epmd' -type f 2>/dev/null | head -1)"
    if [ -n "$epmd" ]; then
      setsid nohup "$epmd" -address 127.0.0.1 >>"$RMQ_DIR/log/epmd.log" 2>&1 </dev/null 9>&- &
      echo $! >"$RMQ_DIR/epmd.pid"
      wait_for 5 epmd "$!" port_open 4369 || true
    fi
  fi

  rm -f "$RMQ_DIR/rabbitmq.pid"
  (
    cd "$RMQ_DIR"
    export HOME="$RMQ_DIR/home" \
      RABBITMQ_NODENAME="$RABBIT_NODE" \
      RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
      RABBITMQ_NODE_PORT="$AMQP_PORT" \
      RABBITMQ_DIST_PORT="$DIST_PORT" \
      RABBITMQ_MNESIA_BASE="$RMQ_DIR/mnesia" \
      RABBITMQ_LOG_BASE="$RMQ_DIR/log" \
      RABBITMQ_PID_FILE="$RMQ_DIR/rabbitmq.pid" \
      RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_DIR/enabled_plugins" \
      RABBITMQ_CONFIG_FILE="$RMQ_DIR/rabbitmq.conf" \
      RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_DIR/advanced.config" \
      RABBITMQ_CONF_ENV_FILE="$RMQ_DIR/rabbitmq-env.conf" \
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    # Its own session, so it outlives this script and the terminal's Ctrl-C.
    setsid nohup "$RABBIT_BIN/rabbitmq-server" >>"$RMQ_DIR/log/console.log" 2>&1 </dev/null 9>&- &
    echo $! >"$RMQ_DIR/launcher.pid"
  )
  echo "$AMQP_PORT $MGMT_PORT $DIST_PORT" >"$RMQ_DIR/ports"
}

rabbit_wait() { # fresh=1 after a start: also ask the node itself
  local launcher
  launcher="$(pid_from "$RMQ_DIR/launcher.pid" rabbitmq-server || true)"
  wait_for 60 "RabbitMQ" "$launcher" port_open "$AMQP_PORT" ||
    fail_with_log "RabbitMQ did not start" "$RMQ_DIR/log/console.log"
  if [ "${1:-}" = 1 ]; then
    wait_for 30 "rabbitmq-diagnostics ping" "" rabbit_cli rabbitmq-diagnostics -q ping ||
      fail_with_log "RabbitMQ node $RABBIT_NODE does not answer" "$RMQ_DIR/log/console.log"
    rabbit_cli rabbitmq-diagnostics -q check_port_connectivity >/dev/null ||
      fail_with_log "RabbitMQ listeners are not reachable" "$RMQ_DIR/log/console.log"
  fi
  wait_for 30 "RabbitMQ management" "" rabbit_mgmt_ok ||
    fail_with_log "RabbitMQ management API does not answer on $MGMT_PORT" "$RMQ_DIR/log/console.log"
}

rabbit_stop() {
  local pid
  if pid="$(rabbit_pid)"; then
    # `stop <pidfile>` returns once the VM has exited.
    rabbit_cli rabbitmqctl -q stop "$RMQ_DIR/rabbitmq.pid" >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    wait_for 20 "RabbitMQ stop" "" bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$RMQ_DIR/rabbitmq.pid" "$RMQ_DIR/launcher.pid" "$RMQ_DIR/ports"
  # Our epmd goes too, unless some other Erlang node registered with it meanwhile.
  if pid="$(pid_from "$RMQ_DIR/epmd.pid" epmd)"; then
    if ! epmd -names 2>/dev/null | grep -q '^name '; then kill "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$RMQ_DIR/epmd.pid"
}

# ── Redis ────────────────────────────────────────────────────────────────────────────────────

redis_pid() { pid_from "$REDIS_DIR/redis.pid" redis-server; }
redis_ok() { [ "$(redis-cli -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; }

redis_start() {
  ! port_open "$REDIS_PORT" || refuse_foreign_port "$REDIS_PORT" Redis RS_REDIS_PORT REDIS_URL
  mkdir -p "$REDIS_DIR"
  rm -f "$REDIS_DIR/redis.pid"
  # Command-line options override the shared file: loopback only, data under .data.
  echo "$REDIS_PORT" >"$REDIS_DIR/ports"
  redis-server "$ROOT/infra/redis/redis.conf" --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode yes \
    --dir "$REDIS_DIR" --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" >/dev/null 9>&-
}

redis_wait() {
  wait_for 20 Redis "" redis_ok || fail_with_log "Redis did not start" "$REDIS_DIR/redis.log"
}

redis_stop() {
  local pid
  if pid="$(redis_pid)"; then
    # SHUTDOWN flushes the AOF; only fall back to a signal if it does not work.
    local port
    port="$(recorded_ports "$REDIS_DIR")"
    redis-cli -p "${port:-$REDIS_PORT}" shutdown >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    wait_for 10 "Redis stop" "" bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$REDIS_DIR/redis.pid" "$REDIS_DIR/ports"
}

# ── MongoDB wire: mongod when installed, else FerretDB over SQLite ───────────────────────────

mongo_kind_running() {
  if pid_from "$FERRET_DIR/ferretdb.pid" ferretdb >/dev/null; then echo ferretdb
  elif pid_from "$MONGOD_DIR/mongod.pid" mongod >/dev/null; then echo mongod
  else return 1
  fi
}
mongo_pid() { pid_from "$FERRET_DIR/ferretdb.pid" ferretdb || pid_from "$MONGOD_DIR/mongod.pid" mongod; }

# A real `ping` over OP_MSG with Node builtins only (no driver in the repo root); a plain TCP
# accept is enough where no node is on PATH.
mongo_ok() {
  port_open "$MONGO_PORT" || return 1
  command -v node >/dev/null || return 0
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e '
    const net = require("net");
    const i32 = (n) => { const b = Buffer.alloc(4); b.writeInt32LE(n); return b; };
    const cstr = (s) => Buffer.from(s + "\0");
    const body = Buffer.concat([Buffer.from([0x10]), cstr("ping"), i32(1),
      Buffer.from([0x02]), cstr("$db"), i32(6), cstr("admin"), Buffer.from([0])]);
    const payload = Buffer.concat([i32(0), Buffer.from([0]), i32(body.length + 4), body]);
    const msg = Buffer.concat([i32(16 + payload.length), i32(1), i32(0), i32(2013), payload]);
    const s = net.connect(+process.argv[1], "127.0.0.1", () => s.write(msg));
    let buf = Buffer.alloc(0);
    s.setTimeout(2000, () => process.exit(1));
    s.on("error", () => process.exit(1));
    s.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 4 || buf.length < buf.readInt32LE(0)) return;
      const at = buf.indexOf(Buffer.from([0x01, 0x6f, 0x6b, 0x00]));
      process.exit(at > 0 && buf.readDoubleLE(at + 4) === 1 ? 0 : 1);
    });' "$MONGO_PORT"
}

ferretdb_start() {
  ! port_open "$MONGO_PORT" || refuse_foreign_port "$MONGO_PORT" "MongoDB wire" RS_MONGO_PORT MONGO_URL
  mkdir -p "$FERRET_DIR"
  rm -f "$FERRET_DIR/ferretdb.pid"
  setsid nohup "$FERRETDB_BIN" --handler=sqlite --sqlite-url="file:$FERRET_DIR/" --state-dir="$FERRET_DIR" \
    --listen-addr="127.0.0.1:$MONGO_PORT" --telemetry=disable --debug-addr=- --log-level=warn \
    >>"$FERRET_DIR/ferretdb.log" 2>&1 </dev/null 9>&- &
  echo $! >"$FERRET_DIR/ferretdb.pid"
  echo "$MONGO_PORT" >"$FERRET_DIR/ports"
}

mongod_start() {
  ! port_open "$MONGO_PORT" || refuse_foreign_port "$MONGO_PORT" "MongoDB" RS_MONGO_PORT MONGO_URL
  mkdir -p "$MONGOD_DIR"
  rm -f "$MONGOD_DIR/mongod.pid"
  echo "$MONGO_PORT" >"$MONGOD_DIR/ports"
  mongod --dbpath "$MONGOD_DIR" --bind_ip 127.0.0.1 --port "$MONGO_PORT" --fork \
    --logpath "$MONGOD_DIR/mongod.log" --pidfilepath "$MONGOD_DIR/mongod.pid" >/dev/null 9>&- ||
    fail_with_log "mongod did not start" "$MONGOD_DIR/mongod.log"
}

mongo_wait() { # kind
  local pid="" logf="$FERRET_DIR/ferretdb.log"
  [ "$1" = mongod ] && logf="$MONGOD_DIR/mongod.log"
  [ "$1" = ferretdb ] && pid="$(cat "$FERRET_DIR/ferretdb.pid" 2>/dev/null || true)"
  wait_for 30 "$1" "$pid" mongo_ok || fail_with_log "$1 did not start on port $MONGO_PORT" "$logf"
}

mongo_stop() {
  local pid
  while pid="$(mongo_pid)"; do
    kill "$pid" 2>/dev/null || true
    wait_for 15 "MongoDB-wire stop" "" bash -c "! kill -0 $pid" || kill -9 "$pid" 2>/dev/null || true
  done
  rm -f "$FERRET_DIR/ferretdb.pid" "$MONGOD_DIR/mongod.pid" "$FERRET_DIR/ports" "$MONGOD_DIR/ports"
}

# ── Docker ───────────────────────────────────────────────────────────────────────────────────

docker_engine() { command -v docker >/dev/null && timeout 10 docker info >/dev/null 2>&1; }

compose() {
  # The file demands production secrets for interpolation even when only the three backing
  # services are started; local throwaway values satisfy it.
  RABBITMQ_USER="${RABBITMQ_USER:-platform}" RABBITMQ_PASSWORD="${RABBITMQ_PASSWORD:-platform-local}" \
    OIDC_ISSUER="${OIDC_ISSUER:-http://127.0.0.1:3010}" \
    docker compose -f "$ROOT/docker-compose.yml" --project-directory "$ROOT" "$@"
}

compose_addr() { # service port → host:port as published
  compose port "$1" "$2" 2>/dev/null | tail -1 | sed 's/^0\.0\.0\.0:/127.0.0.1:/'
}

# ── commands ─────────────────────────────────────────────────────────────────────────────────

# Serialises up/down across concurrent callers. Every server is launched with fd 9 closed:
# a daemon inheriting it would hold the lock for its whole life.
lock() {
  mkdir -p "$DATA"
  exec 9>"$DATA/.infra.lock"
  flock -w 120 9 || die "another scripts/infra.sh is still running (lock $DATA/.infra.lock)"
}

cmd_up() {
  lock
  local amqp_kind="" redis_kind="" mongo_kind="" need=()
  local amqp_url="" mgmt_url="" redis_url="" mongo_url=""

  if [ -n "${AMQP_URL:-}" ]; then
    amqp_kind=external amqp_url="$AMQP_URL"
    # management on the broker's host, port 15672, same credentials, unless given
    mgmt_url="${RABBITMQ_MGMT_URL:-$(sed -E 's#^amqps?://([^/]*@)?([^:/]*).*#http://\1\2:15672#' <<<"$AMQP_URL")}"
    [[ "$mgmt_url" == *@* ]] || mgmt_url="${mgmt_url/http:\/\//http://guest:guest@}"
  elif rabbit_pid >/dev/null; then
    amqp_kind=local
    check_same_ports "$RMQ_DIR" "$AMQP_PORT $MGMT_PORT $DIST_PORT" RabbitMQ
  else need+=(rabbitmq)
  fi
  if [ -n "${REDIS_URL:-}" ]; then redis_kind=external redis_url="$REDIS_URL"
  elif redis_pid >/dev/null; then
    redis_kind=local
    check_same_ports "$REDIS_DIR" "$REDIS_PORT" Redis
  else need+=(redis)
  fi
  if [ -n "${MONGO_URL:-}" ]; then mongo_kind=external mongo_url="$MONGO_URL"
  elif mongo_kind="$(mongo_kind_running)"; then
    if [ "$mongo_kind" = ferretdb ]; then check_same_ports "$FERRET_DIR" "$MONGO_PORT" FerretDB
    else check_same_ports "$MONGOD_DIR" "$MONGO_PORT" mongod
    fi
  else mongo_kind="" need+=(mongo)
  fi
  # A FerretDB this script started from another build (an older patch set) is replaced, data kept.
  if [ "$mongo_kind" = ferretdb ] && ! pid_from "$FERRET_DIR/ferretdb.pid" "$FERRETDB_BIN" >/dev/null; then
    log "FerretDB runs from another build; restarting it as $FERRETDB_BIN (data kept)…"
    mongo_stop
    mongo_kind="" need+=(mongo)
  fi

  local started=()
  if [ "${#need[@]}" -gt 0 ] && docker_engine; then
    log "starting ${need[*]} with docker compose…"
    compose up -d --wait "${need[@]}" >&2 || die "docker compose up ${need[*]} failed (docker compose logs ${need[*]})"
    local s
    for s in "${need[@]}"; do
      case "$s" in
        rabbitmq)
          amqp_kind=docker
          amqp_url="amqp://${RABBITMQ_USER:-platform}:${RABBITMQ_PASSWORD:-platform-local}@$(compose_addr rabbitmq 5672)"
          mgmt_url="http://${RABBITMQ_USER:-platform}:${RABBITMQ_PASSWORD:-platform-local}@$(compose_addr rabbitmq 15672)" ;;
        redis) redis_kind=docker redis_url="redis://$(compose_addr redis 6379)" ;;
        mongo) mongo_kind=docker mongo_url="mongodb://$(compose_addr mongo 27017)" ;;
      esac
    done
    need=()
  fi

  if [ "${#need[@]}" -gt 0 ]; then
    local pkgs=() s
    for s in "${need[@]}"; do
      case "$s" in
        rabbitmq) [ -x "$RABBIT_BIN/rabbitmq-server" ] || pkgs+=(rabbitmq-server) ;;
        redis) command -v redis-server >/dev/null || pkgs+=(redis-server) ;;
        mongo)
          if command -v mongod >/dev/null; then mongo_kind=mongod
          else
            mongo_kind=ferretdb
            [ -x "$FERRETDB_BIN" ] || ferretdb_build
          fi ;;
      esac
    done
    [ "${#pkgs[@]}" -eq 0 ] || apt_install "${pkgs[@]}"
    # Launch all, then wait for all: the slow RabbitMQ boot overlaps the others.
    for s in "${need[@]}"; do
      case "$s" in
        rabbitmq) rabbit_start; amqp_kind=local ;;
        redis) redis_start; redis_kind=local ;;
        mongo) "${mongo_kind}_start" ;;
      esac
      started+=("$s")
    done
  fi

  local fresh=0
  [[ " ${started[*]} " == *" rabbitmq "* ]] && fresh=1
  if [ "$redis_kind" = local ]; then redis_wait; fi
  if [ "$mongo_kind" = ferretdb ] || [ "$mongo_kind" = mongod ]; then mongo_wait "$mongo_kind"; fi
  if [ "$amqp_kind" = local ]; then rabbit_wait "$fresh"; fi
  [ "${#started[@]}" -eq 0 ] || log "started ${started[*]} (logs under .data/)"

  [ "$amqp_kind" != local ] || amqp_url="amqp://guest:guest@127.0.0.1:$AMQP_PORT" mgmt_url="http://guest:guest@127.0.0.1:$MGMT_PORT"
  [ "$redis_kind" != local ] || redis_url="redis://127.0.0.1:$REDIS_PORT"
  case "$mongo_kind" in ferretdb | mongod) mongo_url="mongodb://127.0.0.1:$MONGO_PORT" ;; esac

  local tmp="$ENV_FILE.tmp.$$"
  cat >"$tmp" <<EOF
MONGO_URL=$mongo_url
AMQP_URL=$amqp_url
RABBITMQ_MGMT_URL=$mgmt_url
REDIS_URL=$redis_url
MONGO_KIND=$mongo_kind
AMQP_KIND=$amqp_kind
REDIS_KIND=$redis_kind
EOF
  mv "$tmp" "$ENV_FILE"
  cat "$ENV_FILE"
}

env_kind() { sed -n "s/^$1=//p" "$ENV_FILE" 2>/dev/null || true; }

cmd_status() {
  local down=0 pid kind
  kind="$(env_kind AMQP_KIND)"
  if [ "$kind" = external ] || [ "$kind" = docker ]; then
    printf 'rabbitmq  %-8s %s (%s)\n' "$kind" "$(mask_url "$(env_kind AMQP_URL)")" "$kind"
  elif pid="$(rabbit_pid)"; then
    local ports
    read -r -a ports <<<"$(recorded_ports "$RMQ_DIR")"
    printf 'rabbitmq  running  pid %-7s amqp 127.0.0.1:%s  management :%s  node %s (local)\n' \
      "$pid" "${ports[0]:-$AMQP_PORT}" "${ports[1]:-$MGMT_PORT}" "$RABBIT_NODE"
  else
    printf 'rabbitmq  stopped  port %s\n' "$AMQP_PORT"; down=1
  fi
  kind="$(env_kind REDIS_KIND)"
  if [ "$kind" = external ] || [ "$kind" = docker ]; then
    printf 'redis     %-8s %s (%s)\n' "$kind" "$(mask_url "$(env_kind REDIS_URL)")" "$kind"
  elif pid="$(redis_pid)"; then
    printf 'redis     running  pid %-7s 127.0.0.1:%s (local)\n' "$pid" "$(recorded_ports "$REDIS_DIR")"
  else
    printf 'redis     stopped  port %s\n' "$REDIS_PORT"; down=1
  fi
  kind="$(env_kind MONGO_KIND)"
  if [ "$kind" = external ] || [ "$kind" = docker ]; then
    printf 'mongo     %-8s %s (%s)\n' "$kind" "$(mask_url "$(env_kind MONGO_URL)")" "$kind"
  elif kind="$(mongo_kind_running)"; then
    printf 'mongo     running  pid %-7s 127.0.0.1:%s (%s)\n' "$(mongo_pid)" "$(recorded_ports "$DATA/$([ "$kind" = mongod ] && echo mongo || echo ferretdb)")" "$kind"
  else
    printf 'mongo     stopped  port %s\n' "$MONGO_PORT"; down=1
  fi
  return $((down * 3))
}

cmd_down() {
  lock
  local svcs=() s
  for s in AMQP:rabbitmq REDIS:redis MONGO:mongo; do
    [ "$(env_kind "${s%%:*}_KIND")" != docker ] || svcs+=("${s#*:}")
  done
  if [ "${#svcs[@]}" -gt 0 ] && docker_engine; then compose stop "${svcs[@]}" >&2; fi
  # RabbitMQ takes ~7 s to shut down; the others stop meanwhile.
  rabbit_stop &
  redis_stop
  mongo_stop
  wait
  rm -f "$ENV_FILE"
  log "stopped"
}

cmd_env() {
  [ -f "$ENV_FILE" ] || die "no $ENV_FILE yet: run bash scripts/infra.sh up"
  cat "$ENV_FILE"
}

# Tools the tests need beside the servers (e.g. docker-compose to validate the Compose file).
cmd_tools() {
  local missing=()
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  [ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"
}

case "${1:-}" in
  up) cmd_up ;;
  tools) cmd_tools ;;
  status) cmd_status ;;
  down) cmd_down ;;
  env) cmd_env ;;
  *) echo "usage: bash scripts/infra.sh up|status|down|env|tools" >&2; exit 2 ;;
esac
