#!/usr/bin/env bash
# Sets up everything that is missing and runs every test: type-check, lint,
# the unit and integration tests of all packages (Jest), then the browser
# tests (Playwright + Debian chromium) against the portal started here.
# Exits non-zero on any failure; the last line is `N passed, N failed`.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$KAITO_ROOT"

export CI=true            # no watch mode; Backstage test utils read it too
export TMPDIR="${TMPDIR:-/tmp}"
artifacts="${KAITO_TEST_ARTIFACTS:-$KAITO_ROOT/test-artifacts}"
rm -rf "$artifacts" && mkdir -p "$artifacts"
export KAITO_E2E_SCREENSHOTS="$artifacts/screenshots"
# The embedded simulator writes its admin kubeconfig here (dev/test only), so the
# browser tests can create a model-access Secret in the simulated cluster.
export KAITO_SIMULATOR_KUBECONFIG="$artifacts/simulator-{cluster}.kubeconfig"

passed=0
failed=0
declare -a report=()
step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
record() { # name status(0=ok) passed failed seconds
  passed=$((passed + $3)); failed=$((failed + $4))
  local verdict=ok; [ "$2" -ne 0 ] && verdict=FAILED
  report+=("$(printf '%-22s %-7s %4s passed %4s failed %5ss' "$1" "$verdict" "$3" "$4" "$5")")
}
timed() { local start=$SECONDS; "$@"; local rc=$?; elapsed=$((SECONDS - start)); return $rc; }

step "Bootstrap (Node 22, dependencies, test tools)"
if ! bash scripts/bootstrap.sh --test-tools; then
  echo "bootstrap failed: see the messages above" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

step "Type-check (tsc)"
timed yarn tsc --noEmit -p tsconfig.json; rc=$?
if [ $rc -eq 0 ]; then record type-check 0 1 0 $elapsed; else record type-check 1 0 1 $elapsed; fi

step "Lint (eslint, all packages)"
timed yarn backstage-cli repo lint; rc=$?
if [ $rc -eq 0 ]; then record lint 0 1 0 $elapsed; else record lint 1 0 1 $elapsed; fi

step "API and knip reports (checked-in report*.api.md and knip-report.md match the code)"
timed bash scripts/reports.sh --ci; rc=$?
if [ $rc -eq 0 ]; then record reports 0 1 0 $elapsed; else record reports 1 0 1 $elapsed; fi

step "Unit and integration tests (Jest, all packages; SQLite and a real PostgreSQL)"
jest_json="$artifacts/jest-results.json"
if pg_url="$(bash scripts/postgres.sh start "$artifacts")"; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$pg_url"
else
  echo "PostgreSQL did not start: database tests run on SQLite only, and this counts as a failure" >&2
  record postgresql 1 0 1 0
fi
timed yarn backstage-cli repo test --json --outputFile="$jest_json"; rc=$?
bash scripts/postgres.sh stop "$artifacts"
if [ -s "$jest_json" ]; then
  read -r jp jf < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites||0))' "$jest_json")
else
  jp=0; jf=1
fi
if [ $rc -ne 0 ] && [ "$jf" -eq 0 ]; then jf=1; fi
record jest $rc "$jp" "$jf" $elapsed

step "Browser tests (portal on the embedded default + chromium)"
portal_log="$artifacts/portal.log"
e2e_start=$SECONDS
setsid yarn start > "$portal_log" 2>&1 &
portal_pid=$!
stop_portal() { kill -TERM -- "-$portal_pid" 2>/dev/null; wait "$portal_pid" 2>/dev/null; }
trap stop_portal EXIT
ready=false
for _ in $(seq 1 240); do
  if curl -sf http://localhost:7007/.backstage/health/v1/readiness >/dev/null 2>&1 &&
     curl -sf http://localhost:3000 >/dev/null 2>&1; then ready=true; break; fi
  if ! kill -0 "$portal_pid" 2>/dev/null; then break; fi
  sleep 1
done
if $ready; then
  node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$artifacts/e2e.tap" \
    'e2e/*.e2e.test.mjs'
  rc=$?
  ep=$(grep -c '^ok ' "$artifacts/e2e.tap" || true)
  ef=$(grep -c '^not ok ' "$artifacts/e2e.tap" || true)
  if [ $rc -ne 0 ] && [ "$ef" -eq 0 ]; then ef=1; fi
else
  echo "the portal did not become ready; last lines of $portal_log:" >&2
  tail -40 "$portal_log" >&2
  rc=1; ep=0; ef=1
fi
stop_portal; trap - EXIT
record browser $rc "$ep" "$ef" $((SECONDS - e2e_start))

step "Add-to-your-portal check (the minimal portal wired as docs/add-to-your-portal.md says + chromium)"
minimal_log="$artifacts/minimal-portal.log"
minimal_start=$SECONDS
# Its own simulator kubeconfig, so the test creates the team namespace on this portal's cluster.
export KAITO_SIMULATOR_KUBECONFIG="$artifacts/minimal-simulator-{cluster}.kubeconfig"
setsid bash portals/minimal/start.sh > "$minimal_log" 2>&1 &
minimal_pid=$!
stop_minimal() { kill -TERM -- "-$minimal_pid" 2>/dev/null; wait "$minimal_pid" 2>/dev/null; }
trap stop_minimal EXIT
ready=false
for _ in $(seq 1 240); do
  if curl -sf http://localhost:7107/.backstage/health/v1/readiness >/dev/null 2>&1 &&
     curl -sf http://localhost:3100 >/dev/null 2>&1; then ready=true; break; fi
  if ! kill -0 "$minimal_pid" 2>/dev/null; then break; fi
  sleep 1
done
if $ready; then
  node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$artifacts/minimal-portal.tap" \
    e2e/minimal-portal.test.mjs
  rc=$?
  mp=$(grep -c '^ok ' "$artifacts/minimal-portal.tap" || true)
  mf=$(grep -c '^not ok ' "$artifacts/minimal-portal.tap" || true)
  if [ $rc -ne 0 ] && [ "$mf" -eq 0 ]; then mf=1; fi
else
  echo "the minimal portal did not become ready; last lines of $minimal_log:" >&2
  tail -40 "$minimal_log" >&2
  rc=1; mp=0; mf=1
fi
stop_minimal; trap - EXIT
record minimal-portal $rc "$mp" "$mf" $((SECONDS - minimal_start))

printf '\n\033[1mSummary\033[0m (artifacts in %s)\n' "$artifacts"
printf '  %s\n' "${report[@]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
