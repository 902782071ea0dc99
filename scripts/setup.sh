#!/usr/bin/env bash
# One-time machine set-up, safe to run every time: Debian's Chromium and CJK
# fonts (never a downloaded browser), the npm dependencies, and PostgreSQL and
# Redis when none answers at the configured URLs (DATABASE_URL, REDIS_URL;
# defaults 127.0.0.1:5432 and 127.0.0.1:6379), so `npm run demo` and
# `npm test` work on a bare Debian 12 machine. Services that answer are left
# alone: nothing is installed, restarted or reconfigured.
#
#   bash scripts/setup.sh            # set up what is missing
#   bash scripts/setup.sh --dry-run  # only say what would be done
set -euo pipefail
cd "$(dirname "$0")/.."

DRY_RUN=0
for a in "$@"; do
  case "$a" in
    --dry-run) DRY_RUN=1 ;;
    *) echo "setup: unknown option $a (use --dry-run)" >&2; exit 2 ;;
  esac
done

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ipwatch}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
# The database the tests clone their template from (test/support/database.ts).
TEST_ADMIN_DATABASE_URL="${TEST_ADMIN_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
  # A minimal Debian has no sudo: say so, rather than fail later on "sudo: command not found".
  command -v sudo >/dev/null 2>&1 || SUDO="setup_needs_root"
fi
setup_needs_root() { echo "setup: $* needs root: run setup.sh as root, or install sudo" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive

run() {
  if [ "$DRY_RUN" = 1 ]; then echo "setup: would run: $*" >&2; else "$@"; fi
}

apt_install() {
  echo "setup: installing $* from Debian" >&2
  [ "$SUDO" = setup_needs_root ] && [ "$DRY_RUN" = 0 ] && setup_needs_root "$@"
  if [ "$DRY_RUN" = 1 ]; then run $SUDO apt-get install -y -qq "$@"; return; fi
  $SUDO apt-get install -y -qq "$@" >/dev/null 2>&1 || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "$@"; }
}

# host and port of scheme://[user[:pass]@]host[:port][/path]
url_host() { local u="${1#*://}"; u="${u##*@}"; u="${u%%/*}"; u="${u%%\?*}"; u="${u%:*}"; u="${u#[}"; echo "${u%]}"; }
url_port() {
  local u="${1#*://}"; u="${u##*@}"; u="${u%%/*}"; u="${u%%\?*}"
  if [[ "$u" =~ :([0-9]+)$ ]]; then echo "${BASH_REMATCH[1]}"; else echo "$2"; fi
}
url_user() { local u="${1#*://}"; if [[ "$u" == *@* ]]; then u="${u%%@*}"; echo "${u%%:*}"; else echo "postgres"; fi; }
url_db() { local u="${1#*://}"; u="${u#*/}"; [ "$u" = "${1#*://}" ] && u=""; echo "${u%%\?*}"; }

# True when something accepts TCP connections at host:port within 2 s.
reachable() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }
is_local() { case "$1" in 127.*|localhost|::1) return 0 ;; *) return 1 ;; esac; }

# --- Chromium, fonts and tini --------------------------------------------------
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
# The init the production image runs under (forwards SIGTERM to node); test/ops runs the same start path.
[ -x /usr/bin/tini ] || need+=(tini)
[ -x /usr/bin/chromium-headless-shell ] || need+=(chromium-headless-shell)
# No grep -q after a pipe: it exits at the first match, the writer dies of SIGPIPE and pipefail makes the
# test fail (half the time on this machine): the fonts were reinstalled about every other run.
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then apt_install "${need[@]}"; fi

# --- PostgreSQL ----------------------------------------------------------------
PG_HOST=$(url_host "$DATABASE_URL"); PG_PORT=$(url_port "$DATABASE_URL" 5432); PG_USER=$(url_user "$DATABASE_URL")
if reachable "$PG_HOST" "$PG_PORT"; then
  echo "setup: PostgreSQL answers at $PG_HOST:$PG_PORT" >&2
elif ! is_local "$PG_HOST"; then
  echo "setup: no PostgreSQL at $PG_HOST:$PG_PORT, and it is not this machine: start it there, or point DATABASE_URL elsewhere" >&2
  exit 1
else
  echo "setup: no PostgreSQL at $PG_HOST:$PG_PORT: installing and starting Debian's" >&2
  command -v pg_ctlcluster >/dev/null 2>&1 || apt_install postgresql
  if [ "$DRY_RUN" = 1 ]; then
    run pg_ctlcluster "<version>" main start
  else
    PG_VER=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
    [ -n "$PG_VER" ] || { $SUDO pg_createcluster 15 main >/dev/null; PG_VER=15; }
    # Local test use only: trust on loopback (the URLs carry no password), on the configured port.
    $SUDO pg_conftool "$PG_VER" main set port "$PG_PORT"
    $SUDO pg_conftool "$PG_VER" main set listen_addresses 'localhost'
    HBA="/etc/postgresql/$PG_VER/main/pg_hba.conf"
    if ! $SUDO grep -q '^# ipwatch: trust on loopback' "$HBA"; then
      $SUDO sed -i '1i # ipwatch: trust on loopback (local test use)\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nlocal all all trust' "$HBA"
    fi
    $SUDO pg_ctlcluster "$PG_VER" main start || $SUDO pg_ctlcluster "$PG_VER" main restart
    for _ in $(seq 1 30); do reachable "$PG_HOST" "$PG_PORT" && break; sleep 1; done
    reachable "$PG_HOST" "$PG_PORT" || { echo "setup: PostgreSQL did not start on $PG_PORT" >&2; exit 1; }
  fi
fi

# The tests' admin database (the configured one is created by `migrate`); nothing if it exists.
if command -v psql >/dev/null 2>&1 && reachable "$PG_HOST" "$PG_PORT"; then
  for url in "$TEST_ADMIN_DATABASE_URL"; do
    db=$(url_db "$url"); [ -n "$db" ] || continue
    [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || continue
    if ! psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'" 2>/dev/null | grep 1 >/dev/null; then
      echo "setup: creating database $db" >&2
      run psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qc "CREATE DATABASE $db"
    fi
  done
fi

# --- Redis -----------------------------------------------------------------------
RD_HOST=$(url_host "$REDIS_URL"); RD_PORT=$(url_port "$REDIS_URL" 6379)
if reachable "$RD_HOST" "$RD_PORT"; then
  echo "setup: Redis answers at $RD_HOST:$RD_PORT" >&2
elif ! is_local "$RD_HOST"; then
  echo "setup: no Redis at $RD_HOST:$RD_PORT, and it is not this machine: start it there, or point REDIS_URL elsewhere" >&2
  exit 1
else
  echo "setup: no Redis at $RD_HOST:$RD_PORT: installing and starting Debian's" >&2
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  if [ "$DRY_RUN" = 0 ] && reachable "$RD_HOST" "$RD_PORT"; then
    # Under systemd the package starts its own service on the default port: that one is used.
    echo "setup: Debian's redis-server service answers at $RD_HOST:$RD_PORT" >&2
  else
    # Nothing kept on disk: the queue is rebuilt from Postgres.
    run redis-server --bind 127.0.0.1 --port "$RD_PORT" --daemonize yes --save '' --appendonly no
  fi
  if [ "$DRY_RUN" = 0 ]; then
    for _ in $(seq 1 20); do reachable "$RD_HOST" "$RD_PORT" && break; sleep 0.5; done
    reachable "$RD_HOST" "$RD_PORT" || { echo "setup: Redis did not start on $RD_PORT" >&2; exit 1; }
  fi
fi

# --- npm -----------------------------------------------------------------------
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci" >&2
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 run npm ci --no-audit --no-fund --loglevel=error
fi
