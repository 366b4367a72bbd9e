#!/usr/bin/env bash
# The API reports (report*.api.md, API Extractor) and knip reports (knip-report.md,
# unused files, exports and dependencies) of every published package.
#   bash scripts/reports.sh          regenerate them (commit the result)
#   bash scripts/reports.sh --ci     fail when a checked-in report differs from the code
# Same flags as the community-plugins workspaces: undocumented members are not
# reported, every other API Extractor warning fails.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KAITO_ROOT"

ci=()
[ "${1:-}" = "--ci" ] && ci=(--ci)

# Published packages only: the demo app, demo backend and minimal portal are not an API.
mapfile -t packages < <(node -e '
  const fs = require("fs"), path = require("path");
  for (const dir of ["plugins", "packages"]) {
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name, "package.json");
      if (!fs.existsSync(file)) continue;
      const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
      if (!pkg.private) console.log(path.join(dir, name));
    }
  }')

# API Extractor reads the declaration files; build them from scratch so none is stale.
# (Library types are not re-checked: asn1js, under @peculiar/x509, fails skipLibCheck false.)
rm -rf dist-types
yarn tsc --incremental false
yarn backstage-repo-tools api-reports "${ci[@]}" -o ae-undocumented,ae-wrong-input-file-type "${packages[@]}"
yarn backstage-repo-tools knip-reports "${ci[@]}" "${packages[@]}"
