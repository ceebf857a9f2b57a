#!/usr/bin/env bash
# npm test: the whole suite. Installs what is missing, type-checks and lints, runs the unit
# tests, then brings up a fresh network of its own (own run folder, ports shifted by 20000, so a
# running demo network is left alone), runs the integration tests against it (the read model's
# once more on a throwaway PostgreSQL server, scripts/with-postgres.sh), then the console's
# browser tests (Debian's Chromium, installed when missing) and stops it.
# `scripts/test.sh faults [mocha options...]` (npm run test:faults) runs only the fault and abuse
# tests, on the same kind of network; options such as --grep 'fault tolerance' go to their mocha.
set -euo pipefail
suite="${1:-all}"
mocha_args=("${@:2}")
case "$suite:${#mocha_args[@]}" in all:0 | faults:*) ;; *) echo "usage: scripts/test.sh [faults [mocha options...]]" >&2; exit 2 ;; esac
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"

[ -d node_modules/fabric-contract-api ] || npm ci --no-audit --no-fund
npm run --silent build
if [ "$suite" = all ]; then
  npx eslint .
  npx mocha --config test/.mocharc.unit.json
fi

bash scripts/install-fabric.sh
# The console's browser tests drive Debian's Chromium (playwright-core downloads no browser),
# with a CJK font so the Chinese screens (and their screenshots) render as text.
if [ "$suite" = all ] && { [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/wqy ]; }; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-wqy-microhei
fi
export RXCHAIN_RUN_DIR="$ROOT/.run/test" RXCHAIN_PORT_OFFSET="${RXCHAIN_TEST_PORT_OFFSET:-20000}"
RUN_DIR="$RXCHAIN_RUN_DIR"
cleanup() {
  local rc=$?
  if [ $rc -ne 0 ] && [ -d "$RUN_DIR/logs" ]; then
    echo "--- last lines of the test network's logs ($RUN_DIR/logs) ---" >&2
    for f in "$RUN_DIR"/logs/*.log; do echo "== $f" >&2; tail -5 "$f" >&2; done
    # The run folder is wiped below; the full logs of a failed run stay for reading.
    rm -rf "$ROOT/.run/test-failed-logs" && mkdir -p "$ROOT/.run" && cp -r "$RUN_DIR/logs" "$ROOT/.run/test-failed-logs"
    echo "--- full logs kept in $ROOT/.run/test-failed-logs ---" >&2
  fi
  bash scripts/network.sh down --clean >/dev/null 2>&1 || true
  exit $rc
}
trap cleanup EXIT
bash scripts/network.sh down --clean >/dev/null 2>&1 || true
bash scripts/network.sh up
bash scripts/deploy-chaincode.sh
bash scripts/enroll-users.sh
if [ "$suite" = all ]; then
  npx mocha --config test/.mocharc.integration.json
  # The read model's suite once more, against a real PostgreSQL server instead of PGlite.
  bash scripts/with-postgres.sh npx mocha --config test/.mocharc.read-model.json
  # The console in Chromium against the same network, served by the gateway (console/dist).
  npx mocha --config test/.mocharc.browser.json
fi
npx mocha --config test/.mocharc.faults.json "${mocha_args[@]}"
