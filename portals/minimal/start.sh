#!/usr/bin/env bash
# Starts the minimal portal (docs/add-to-your-portal.md's wiring): the backend
# on :7107 and the app's dev server on :3100, on in-memory SQLite and the
# cluster simulator, until stopped (kill its process group). Used by
# scripts/test.sh for e2e/minimal-portal.test.mjs. The backend runs once,
# without the dev watcher, so edits elsewhere in the tree do not restart it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/env.sh"
cd "$KAITO_ROOT/portals/minimal"

for port in 3100 7107; do
  if ! node -e "require('net').createServer().once('error',()=>process.exit(1)).listen($port,()=>process.exit(0))"; then
    echo "minimal portal: port $port is already in use; stop the process using it (e.g. 'fuser -k $port/tcp') and run this again." >&2
    exit 1
  fi
done

(cd backend && NODE_ENV=development exec node --require @backstage/cli/config/nodeTransform.cjs src/index.ts --config ../app-config.yaml) &
(cd app && exec yarn start) &
wait -n
echo "minimal portal: a server stopped; stopping the other" >&2
exit 1
