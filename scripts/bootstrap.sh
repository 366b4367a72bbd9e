#!/usr/bin/env bash
# Installs whatever is missing, and nothing else: Node 22 (from the npm `node`
# package, inside the project), the Yarn workspace's dependencies, and, with
# --test-tools, the Debian packages the tests run for real: chromium (browser
# tests), docker-registry and apache2-utils (a real OCI registry with htpasswd),
# postgresql (database tests on a real PostgreSQL).
# Fast when run again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KAITO_ROOT"

want_test_tools=false
for arg in "$@"; do
  case "$arg" in
    --test-tools) want_test_tools=true ;;
    *) echo "bootstrap: unknown option '$arg' (known: --test-tools)" >&2; exit 2 ;;
  esac
done

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [ ! -x "$KAITO_NODE_DIR/bin/node" ]; then
  step "Installing Node 22 into tools/node (npm package 'node')"
  (cd tools/node && npm ci --no-audit --no-fund --loglevel=error)
fi
node_version="$(node -v)"
case "$node_version" in
  v22.*|v24.*) ;;
  *) echo "bootstrap: expected Node 22 or 24 on PATH, found $node_version" >&2; exit 1 ;;
esac

# Reinstall only when a manifest or the lockfile changed since the last install.
stamp_file=node_modules/.kaito-install-stamp
stamp="$(cat yarn.lock package.json packages/*/package.json plugins/*/package.json | sha256sum | cut -d' ' -f1) $node_version"
if [ ! -f "$stamp_file" ] || [ "$(cat "$stamp_file")" != "$stamp" ]; then
  step "Installing dependencies (yarn install)"
  install_flags=()
  if [ "${CI:-}" = "true" ]; then install_flags+=(--immutable); fi
  yarn install "${install_flags[@]}"
  echo "$stamp" > "$stamp_file"
fi

if $want_test_tools; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/docker-registry ] || missing+=(docker-registry)
  command -v htpasswd >/dev/null || missing+=(apache2-utils)
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    step "Installing Debian packages for the tests: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
