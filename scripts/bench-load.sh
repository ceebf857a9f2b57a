#!/usr/bin/env bash
# npm run bench:load: the large data set (bench/generator). Brings up a network of its own in
# .run/bench-large (ports shifted by RXCHAIN_BENCH_PORT_OFFSET, default 10000), or the one loaded
# before, stopped or not, seeds a new one with the 3 000-drug catalogue, and loads the history
# through the real chaincode (bench/generator/load.ts; its options pass through). The network is
# left running, so `npm run bench -- --data large` measures on it as often as wanted without
# reloading; `npm run bench:load -- --stop` stops it (ledgers kept), and `bash scripts/network.sh
# down --clean` with RXCHAIN_RUN_DIR=.run/bench-large ends it. Killed, the load is resumed by
# running it again: the progress is in .run/bench-large/generator.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/bench-large.sh"
cd "$ROOT"
export RXCHAIN_RUN_DIR="$ROOT/.run/bench-large" RXCHAIN_PORT_OFFSET="${RXCHAIN_BENCH_PORT_OFFSET:-10000}"
export BENCH_GATEWAY_URL="http://127.0.0.1:$((3000 + RXCHAIN_PORT_OFFSET))"
if [ "${1:-}" = --stop ]; then exec bash scripts/network.sh down; fi
[ -d node_modules/fabric-contract-api ] || npm ci --no-audit --no-fund
npm run --silent build
bash scripts/install-fabric.sh
if [ ! -f "$RXCHAIN_RUN_DIR/generator/seeded" ]; then
  bash scripts/network.sh up
  bash scripts/deploy-chaincode.sh
  bash scripts/enroll-users.sh
  large_gateway_start
  RXCHAIN_CATALOGUE_SIZE=3000 RXCHAIN_GATEWAY_URL="$BENCH_GATEWAY_URL" node -r ts-node/register/transpile-only scripts/demo/seed-cli.ts
  mkdir -p "$RXCHAIN_RUN_DIR/generator" && touch "$RXCHAIN_RUN_DIR/generator/seeded"
else
  resume_large_network
fi
node -r ts-node/register/transpile-only bench/generator/load.ts "$@"
