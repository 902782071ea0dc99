#!/usr/bin/env bash
# Proves scripts/setup.sh on a bare Debian 12: a fresh debootstrap (minbase,
# so not even ps, sudo or fonts), Node 20, a clone of this repository, then
#   bash scripts/setup.sh   (installs and starts PostgreSQL, Redis, Chromium, npm deps)
#   npm run migrate
# and checks that PostgreSQL and Redis answer at the default URLs.
#
# Isolation, so the machine's own services are never seen or touched: the
# bare system runs in its own network namespace (its 127.0.0.1:5432 and :6379
# are its own; slirp4netns gives it the internet without reaching the host's
# loopback and without changing the host's firewall), its own mount namespace
# (/proc, /dev of the chroot vanish with it) and its own PID namespace (every
# daemon setup.sh started is killed when the check ends).
#
# Node 20: the README expects Node 20 installed; this machine has NodeSource's
# `nodejs` package, whose repository (and nodejs.org) is not reachable from
# here, so its node binary and npm are copied in (what a NodeSource install
# gives; a glibc binary that runs on bookworm's own libraries). Pass
# --node-tarball <node-v20-linux-x64.tar.xz> to use an official tarball.
#
#   sudo bash scripts/bare-machine.check.sh [--root /tmp/ipwatch-bare] [--mirror URL] [--keep] [--node-tarball FILE]
#
# Needs root, debootstrap, slirp4netns, git (apt-get install debootstrap slirp4netns).
# Prints each step with its duration; exit 0 when every check passed.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"

ROOT=/tmp/ipwatch-bare
MIRROR=""
KEEP=0
NODE_TARBALL=""
while [ $# -gt 0 ]; do
  case "$1" in
    --root) ROOT="$2"; shift 2 ;;
    --mirror) MIRROR="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --node-tarball) NODE_TARBALL="$2"; shift 2 ;;
    *) echo "bare-machine: unknown option $1 (use --root DIR, --mirror URL, --keep, --node-tarball FILE)" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "bare-machine: needs root (debootstrap, namespaces)" >&2; exit 2; }
for t in debootstrap slirp4netns git ip unshare; do
  command -v "$t" >/dev/null || { echo "bare-machine: $t is missing (apt-get install debootstrap slirp4netns git iproute2)" >&2; exit 2; }
done
# The Debian mirror this machine itself uses.
if [ -z "$MIRROR" ]; then
  MIRROR=$(grep -rhoE '^(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
    | grep -oE 'https?://[^ ]+' | head -1 || true)
  MIRROR=${MIRROR:-http://deb.debian.org/debian}
fi

T0=$(date +%s)
step() { echo "bare-machine: [$(( $(date +%s) - T0 )) s] $*" >&2; }

NS="ipwatch-bare-$$"
SLIRP_PID=""
cleanup() {
  [ -n "$SLIRP_PID" ] && kill "$SLIRP_PID" 2>/dev/null || true
  ip netns delete "$NS" 2>/dev/null || true
  if [ "$KEEP" = 0 ]; then rm -rf --one-file-system "$ROOT"; else echo "bare-machine: kept $ROOT" >&2; fi
}
trap cleanup EXIT

# --- 1. a bare Debian 12 -----------------------------------------------------------
if [ -x "$ROOT/bin/bash" ] && [ -f "$ROOT/.bare-debootstrap-done" ]; then
  step "reusing the debootstrap in $ROOT"
else
  rm -rf --one-file-system "$ROOT"
  step "debootstrap --variant=minbase bookworm $ROOT $MIRROR"
  debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$ROOT.debootstrap.log" 2>&1 \
    || { tail -20 "$ROOT.debootstrap.log" >&2; exit 1; }
  touch "$ROOT/.bare-debootstrap-done"
fi
printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$MIRROR" "$MIRROR" >"$ROOT/etc/apt/sources.list"
# slirp4netns's DNS forwarder.
echo 'nameserver 10.0.2.3' >"$ROOT/etc/resolv.conf"

# --- 2. Node 20 ------------------------------------------------------------------------
if [ -n "$NODE_TARBALL" ]; then
  step "Node from $NODE_TARBALL"
  tar -xJf "$NODE_TARBALL" -C "$ROOT/usr/local" --strip-components=1
else
  # The node binary and npm as this machine has them (npm may have been upgraded past the package's).
  command -v node >/dev/null && command -v npm >/dev/null || { echo "bare-machine: no node/npm here; pass --node-tarball" >&2; exit 2; }
  NPM_DIR=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  step "Node $(node -v) and npm $(npm -v) as installed on this machine ($(readlink -f "$(command -v node)"), $NPM_DIR)"
  install -D -m 755 "$(readlink -f "$(command -v node)")" "$ROOT/usr/bin/node"
  mkdir -p "$ROOT/usr/lib/node_modules"
  rm -rf "$ROOT/usr/lib/node_modules/npm"
  cp -a "$NPM_DIR" "$ROOT/usr/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOT/usr/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOT/usr/bin/npx"
fi

# --- 3. a clone of the repository (committed state only, as a fresh clone) ----------------------
rm -rf "$ROOT/opt/ipwatch"
git clone -q --no-local "$REPO" "$ROOT/opt/ipwatch"
step "cloned $(git -C "$REPO" rev-parse --short HEAD) into /opt/ipwatch"

# --- 4. its own network: internet through slirp4netns, no way to the host's loopback ---------------
ip netns add "$NS"
slirp4netns --configure --mtu=65520 --disable-host-loopback --netns-type=path "/run/netns/$NS" tap0 >/dev/null 2>&1 &
SLIRP_PID=$!
for _ in $(seq 1 50); do ip netns exec "$NS" ip -o link show tap0 2>/dev/null | grep UP >/dev/null && break; sleep 0.1; done
ip netns exec "$NS" ip link set lo up

# A clean environment inside, as at a login on a new machine. One thing of this machine must go in:
# its HTTPS egress passes a proxy that signs with its own CA (NODE_EXTRA_CA_CERTS here), without
# which npm cannot reach the registry. A real bare machine needs none of this.
INNER_ENV=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM=dumb)
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  install -D -m 644 "$NODE_EXTRA_CA_CERTS" "$ROOT/usr/local/share/bare-check/egress-ca.crt"
  INNER_ENV+=(NODE_EXTRA_CA_CERTS=/usr/local/share/bare-check/egress-ca.crt)
  step "handing this machine's egress CA to npm inside (NODE_EXTRA_CA_CERTS)"
fi

# --- 5. inside: setup.sh, then the checks ----------------------------------------------------------------
cat >"$ROOT/opt/bare-check.sh" <<'INNER'
#!/bin/bash
set -euo pipefail
t0=$(date +%s)
say() { echo "inside: [$(( $(date +%s) - t0 )) s] $*" >&2; }
up() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
say "node $(node -v), npm $(npm -v); before setup: PostgreSQL $(up 5432 && echo answers || echo absent), Redis $(up 6379 && echo answers || echo absent)"
command -v psql redis-server chromium >/dev/null 2>&1 && { echo "inside: not bare (psql/redis/chromium present)" >&2; exit 1; }
cd /opt/ipwatch
bash scripts/setup.sh
say "setup.sh finished"
psql -h 127.0.0.1 -U postgres -d postgres -Atc 'SELECT version()' | cut -c1-40
psql -h 127.0.0.1 -U postgres -d test -Atc "SELECT 'database test exists'"
redis-cli -h 127.0.0.1 -p 6379 ping
npm run -s migrate
psql -h 127.0.0.1 -U postgres -d ipwatch -Atc "SELECT 'migrations applied: ' || count(*) FROM pgmigrations"
# Idempotent: a second run changes nothing and installs nothing.
bash scripts/setup.sh 2>&1 | tee /tmp/setup2.log >&2
grep -q 'installing' /tmp/setup2.log && { echo "inside: the second setup.sh installed something" >&2; exit 1; }
say "all checks passed"
INNER
chmod +x "$ROOT/opt/bare-check.sh"
step "running setup.sh in the bare system (network namespace $NS)"
ip netns exec "$NS" env -i "${INNER_ENV[@]}" unshare --mount --pid --fork --kill-child bash -c '
  set -e
  mount -t proc proc "$1/proc"; mount -t sysfs sys "$1/sys"; mount --rbind /dev "$1/dev"; mount -t tmpfs tmpfs "$1/tmp"; mount -t tmpfs tmpfs "$1/run"
  chroot "$1" /opt/bare-check.sh
' _ "$ROOT"
step "bare machine: setup.sh, PostgreSQL, Redis and migrate all passed"
