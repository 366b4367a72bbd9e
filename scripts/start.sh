#!/usr/bin/env bash
# Sets up everything that is missing and starts the portal (frontend on :3000,
# backend on :7007) on the embedded default: in-memory SQLite and the
# in-process cluster simulator. Extra arguments go to `backstage-cli repo start`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KAITO_ROOT"
bash scripts/bootstrap.sh

for port in 3000 7007; do
  if node -e "require('net').createServer().once('error',()=>process.exit(1)).listen($port,()=>process.exit(0))"; then :; else
    echo "start: port $port is already in use; stop the process using it (e.g. 'fuser -k $port/tcp') and run this again." >&2
    exit 1
  fi
done

(
  # Announce the URL once both servers answer.
  for _ in $(seq 1 300); do
    if curl -sf http://localhost:7007/.backstage/health/v1/readiness >/dev/null 2>&1 &&
       curl -sf http://localhost:3000 >/dev/null 2>&1; then
      printf '\n\033[1;32mKaito Workspaces portal is up: open http://localhost:3000 (sign in as Guest)\033[0m\n\n'
      exit 0
    fi
    sleep 1
  done
) &
exec yarn start "$@"
