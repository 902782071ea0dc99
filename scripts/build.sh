#!/usr/bin/env bash
# The production build: TypeScript compiled to JavaScript (tsconfig.build.json,
# no tests or benchmarks), with every non-TypeScript file the code reads beside
# it (migrations, web pages, config and platform files, the demo register and
# logos, detector data) in the same layout, so the output folder is a project
# root of its own: `node <out>/cli/main.js <command>` needs no tsx at start.
#
#   bash scripts/build.sh [out]   # default: dist
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-dist}"
rm -rf "$OUT"
npx tsc -p tsconfig.build.json --outDir "$OUT"
for d in api app cli config crawler demo detector domain enforcement image kinds ocr queue store; do
  find "$d" -type f ! -name '*.ts' ! -name '*.md' -print0 | xargs -0 -r cp --parents -t "$OUT"
done
# ESM: the compiled files are modules like the sources.
node -e 'const p=require("./package.json"); require("fs").writeFileSync(process.argv[1], JSON.stringify({ name: p.name, version: p.version, private: true, type: "module" }, null, 2) + "\n")' "$OUT/package.json"
echo "build: $(find "$OUT" -name '*.js' | wc -l) modules in $OUT" >&2
