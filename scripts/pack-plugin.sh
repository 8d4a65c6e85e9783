#!/usr/bin/env bash
# Packs the `itwin` provider plugin for `pulumi plugin install resource itwin <version> --file <tarball>`:
# the launcher, package.json, and exactly the files the server loads (found by loading it: the compiled provider and
# the few dependency files it needs, each with its package.json), so the plugin runs without this checkout.
#
#   bash scripts/pack-plugin.sh [<tarball>]   # default ./pulumi-resource-itwin-v<version>.tar.gz
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(node -p "require('$ROOT/package.json').version")"
out="$(realpath -m "${1:-pulumi-resource-itwin-v$version.tar.gz}")"
cd "$ROOT"
[ -f dist/provider/plugin/server.js ] || { echo "pack-plugin: run npm run build first" >&2; exit 1; }
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

cp pulumi-resource-itwin package.json "$stage/"
node -e '
  const path = require("node:path");
  const files = new Set();
  // main.js would start serving: its one import is server.js, which brings everything else.
  require(path.resolve("dist/provider/plugin/server.js"));
  files.add("dist/provider/plugin/main.js");
  for (const file of Object.keys(require.cache)) {
    const rel = path.relative(process.cwd(), file);
    if (rel.startsWith("..")) continue;
    files.add(rel);
    const pkg = rel.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//);
    if (pkg) files.add(`${pkg[1]}/package.json`);
  }
  console.log([...files].join("\n"));
' | while read -r file; do
  mkdir -p "$stage/$(dirname "$file")" && cp "$file" "$stage/$file"
done
mkdir -p "$(dirname "$out")"
tar -czf "$out" -C "$stage" .
echo "$out"
