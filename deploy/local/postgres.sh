#!/usr/bin/env bash
# Sourced by run.sh and test.sh: a private PostgreSQL for this checkout, from Debian's binaries, on its own
# port and data directory. Installs the postgresql package when the binaries are missing. As root, the server
# runs as the postgres user (PostgreSQL refuses to run as root).
# Sourced: the caller chooses its shell options (run.sh and test.sh use set -euo pipefail).

FUNDLEDGER_PGPORT="${FUNDLEDGER_PGPORT:-55432}"
# Outside the checkout: a fresh clone in a 0700 temp dir would not be reachable by the postgres user.
FUNDLEDGER_PGHOME="${FUNDLEDGER_PGHOME:-/tmp/fundledger-pg-${FUNDLEDGER_PGPORT}}"
# A local development default only; production takes its connection string from configuration.
FUNDLEDGER_PGUSER=fundledger
FUNDLEDGER_PGPASSWORD=fundledger-local-dev

pg_bin() {
  [ -n "${FUNDLEDGER_PGBIN:-}" ] && { echo "$FUNDLEDGER_PGBIN"; return; }
  local dir
  dir=$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "postgres: installing Debian's postgresql package" >&2
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
    dir=$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$dir"
}

# The load generator the benchmark (and its smoke test) drives the service with; pgbench comes with the server.
need_wrk() {
  command -v wrk >/dev/null 2>&1 && return
  echo "bench: installing Debian's wrk package" >&2
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >&2
}

# The browser tests drive Debian's chromium (no browser download is possible here) and need a CJK font to draw the
# dashboard's Chinese; FUNDLEDGER_CHROMIUM points at another chromium.
need_chromium() {
  local font=1; fc-list 2>/dev/null | grep -qi 'wqy\|noto sans cjk' || font=0
  if command -v "${FUNDLEDGER_CHROMIUM:-chromium}" >/dev/null 2>&1 && [ "$font" = 1 ]; then return; fi
  echo "test: installing Debian's chromium and fonts-wqy-microhei packages" >&2
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-wqy-microhei >&2
}

# The browser tests' npm tools (tests/FundLedger.Tests/Dashboard/npm, lockfile-pinned: marked, the GFM renderer), installed
# outside the checkout; FUNDLEDGER_MARKED names the renderer's script for the tests.
need_browser_tools() {
  local tools="${FUNDLEDGER_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/fundledger-tools}/browser-tests"
  local source=tests/FundLedger.Tests/Dashboard/npm
  if ! command -v npm >/dev/null 2>&1; then
    echo "test: installing Debian's npm package" >&2
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm >&2
  fi
  mkdir -p "$tools"
  if ! cmp -s "$source/package-lock.json" "$tools/package-lock.json" || [ ! -f "$tools/node_modules/marked/lib/marked.umd.js" ]; then
    cp "$source/package.json" "$source/package-lock.json" "$tools/"
    npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error >&2
  fi
  FUNDLEDGER_MARKED="$tools/node_modules/marked/lib/marked.umd.js"
  export FUNDLEDGER_MARKED
}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_up() {
  local bin data log
  bin=$(pg_bin)
  FUNDLEDGER_PGBIN="$bin"
  data="$FUNDLEDGER_PGHOME/data"
  log="$FUNDLEDGER_PGHOME/server.log"
  mkdir -p "$FUNDLEDGER_PGHOME"
  chmod 755 "$FUNDLEDGER_PGHOME"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$FUNDLEDGER_PGHOME"
  if [ ! -f "$data/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $FUNDLEDGER_PGPORT
unix_socket_directories = '$FUNDLEDGER_PGHOME'
max_connections = 200
shared_buffers = 256MB
fsync = on
CONF
  fi
  if ! as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null
  fi
  as_pg "$(pg_bin)/psql" -h "$FUNDLEDGER_PGHOME" -p "$FUNDLEDGER_PGPORT" -U postgres -d postgres -qtAc \
    "select 1 from pg_roles where rolname = '$FUNDLEDGER_PGUSER'" | grep -q 1 ||
    as_pg "$(pg_bin)/psql" -h "$FUNDLEDGER_PGHOME" -p "$FUNDLEDGER_PGPORT" -U postgres -d postgres -qc \
      "create role $FUNDLEDGER_PGUSER login createdb password '$FUNDLEDGER_PGPASSWORD'"
  # createrole: the migration test makes a least-privilege role, as the Kubernetes migration job grants one.
  as_pg "$(pg_bin)/psql" -h "$FUNDLEDGER_PGHOME" -p "$FUNDLEDGER_PGPORT" -U postgres -d postgres -qc \
    "alter role $FUNDLEDGER_PGUSER createrole" >/dev/null
}

pg_database() {
  local name="$1"
  as_pg "$(pg_bin)/psql" -h "$FUNDLEDGER_PGHOME" -p "$FUNDLEDGER_PGPORT" -U postgres -d postgres -qtAc \
    "select 1 from pg_database where datname = '$name'" | grep -q 1 ||
    as_pg "$(pg_bin)/psql" -h "$FUNDLEDGER_PGHOME" -p "$FUNDLEDGER_PGPORT" -U postgres -d postgres -qc \
      "create database $name owner $FUNDLEDGER_PGUSER"
}

pg_connection_string() {
  echo "Host=127.0.0.1;Port=$FUNDLEDGER_PGPORT;Database=$1;Username=$FUNDLEDGER_PGUSER;Password=$FUNDLEDGER_PGPASSWORD;Maximum Pool Size=100"
}
