#!/usr/bin/env bash
# Prints the production image's size. With Docker: builds the image and reads
# its size. Without (this CI machine): an estimate from the same parts the
# Dockerfile's runtime stage holds — the base image's published size, Debian's
# packages it installs (their Installed-Size, dependencies included, from dpkg
# or apt), the production dependencies (npm ci --omit=dev into a scratch folder)
# and the compiled dist/ — each printed, so a change that bloats one shows.
#
#   bash scripts/image-size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  docker build -q -t ipwatch:size-check . >/dev/null
  bytes=$(docker image inspect --format '{{.Size}}' ipwatch:size-check)
  echo "image ipwatch:size-check: $((bytes / 1024 / 1024)) MiB (docker)"
  exit 0
fi
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
# node:20-bookworm-slim, as published (compressed layers expand to about this).
base_mib=200
# Debian packages of the runtime stage and what they pull in (not already in the slim base).
pkgs="chromium chromium-headless-shell fonts-noto-cjk tini"
deps=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances $pkgs 2>/dev/null | grep -v '^ ' | grep -v '^<' | sort -u)
apt_kib=0
for p in $deps; do
  s=$(dpkg-query -W -f='${Installed-Size}' "$p" 2>/dev/null || apt-cache show "$p" 2>/dev/null | awk '/^Installed-Size:/ {print $2; exit}' || true)
  apt_kib=$((apt_kib + ${s:-0}))
done
cp package.json package-lock.json "$scratch/"
(cd "$scratch" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null 2>&1)
npm_mib=$(du -sm "$scratch/node_modules" | cut -f1)
bash scripts/build.sh "$scratch/dist" 2>/dev/null
dist_mib=$(du -sm "$scratch/dist" | cut -f1)
apt_mib=$((apt_kib / 1024))
echo "base image (node:20-bookworm-slim)  ${base_mib} MiB"
echo "Debian packages ($pkgs + dependencies, upper bound)  ${apt_mib} MiB"
echo "production node_modules  ${npm_mib} MiB"
echo "dist (compiled JavaScript and assets)  ${dist_mib} MiB"
echo "image estimate: $((base_mib + apt_mib + npm_mib + dist_mib)) MiB (no docker here: estimated from its parts)"
