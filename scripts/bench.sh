#!/usr/bin/env bash
# npm run bench: builds, brings up a fresh network of its own (run folder .run/bench, ports
# shifted by 10000), deploys, enrols, starts the gateway, runs bench/run.ts and stops it all.
# Extra arguments go to bench/run.ts (--duration S --concurrency N --only a,b).
# `--risk-claims N` runs only the risk-list benchmark instead (bench/risk-bench.ts): N synthetic claims
# written straight into a read-model database (PGlite, or RXCHAIN_DATABASE_URL), no network.
# `--data large` runs on the large data set instead: the network npm run bench:load loaded in
# .run/bench-large (started again from its folder if stopped; nothing is seeded or torn down),
# the live workloads acting for the generator's patients (bench/generator/world.ts), or for new
# patients as on a fresh network with BENCH_PATIENTS=new (the ledger's size alone, no history of theirs).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$ROOT"
[ -d node_modules/fabric-contract-api ] || npm ci --no-audit --no-fund
npm run --silent build
for arg in "$@"; do
  [ "$arg" = "--risk-claims" ] && exec node -r ts-node/register/transpile-only bench/risk-bench.ts "$@"
done
bash scripts/install-fabric.sh
data=small
for ((i = 1; i <= $#; i++)); do [ "${!i}" = "--data" ] && { j=$((i + 1)); data="${!j}"; }; done
export RXCHAIN_PORT_OFFSET="${RXCHAIN_BENCH_PORT_OFFSET:-10000}" BENCH_DATA="$data"
export BENCH_GATEWAY_URL="http://127.0.0.1:$((3000 + RXCHAIN_PORT_OFFSET))"
sampler=""
if [ "$data" = large ]; then
  export RXCHAIN_RUN_DIR="$ROOT/.run/bench-large" BENCH_PATIENTS="${BENCH_PATIENTS:-history}" BENCH_CATALOGUE_SIZE=3000
  [ -f "$RXCHAIN_RUN_DIR/generator/seeded" ] || die "no large data set in $RXCHAIN_RUN_DIR: run npm run bench:load first"
  source "$ROOT/scripts/lib/bench-large.sh"
  resume_large_network
  trap '[ -z "$sampler" ] || kill "$sampler" 2>/dev/null || true' EXIT
else
  export RXCHAIN_RUN_DIR="$ROOT/.run/bench"
  cleanup() {
    [ -z "$sampler" ] || kill "$sampler" 2>/dev/null || true
    bash scripts/network.sh down --clean >/dev/null 2>&1 || true
  }
  trap cleanup EXIT
  bash scripts/network.sh down --clean >/dev/null 2>&1 || true
  bash scripts/network.sh up
  bash scripts/deploy-chaincode.sh
  bash scripts/enroll-users.sh
  RXCHAIN_LOG_LEVEL=warn RXCHAIN_RATE_LIMIT_PER_MINUTE=1000000 bash scripts/gateway.sh start
  # --catalogue-size N seeds a catalogue of N drugs (e.g. 5 or 3000) instead of the demo list.
  catalogue_size=""
  for ((i = 1; i <= $#; i++)); do [ "${!i}" = "--catalogue-size" ] && { j=$((i + 1)); catalogue_size="${!j}"; }; done
  export BENCH_CATALOGUE_SIZE="${catalogue_size:-demo}"
  RXCHAIN_CATALOGUE_SIZE="$catalogue_size" RXCHAIN_GATEWAY_URL="$BENCH_GATEWAY_URL" node -r ts-node/register/transpile-only scripts/demo/seed-cli.ts
fi
RUN_DIR="$RXCHAIN_RUN_DIR"
# Peak memory of the whole network, sampled while the benchmark runs.
( shopt -s nullglob; peak=0; while sleep 1; do
    total=0
    for f in "$RUN_DIR"/pids/*.pid; do
      rss=$(ps -o rss= -p "$(head -1 "$f")" 2>/dev/null || echo 0); total=$((total + ${rss:-0}))
    done
    [ "$total" -gt "$peak" ] && peak=$total && echo "$peak" >"$RUN_DIR/peak-rss-kib"
  done ) &
sampler=$!
node -r ts-node/register/transpile-only bench/run.ts "$@"
echo "peak RSS of all network processes (CAs, orderers, peers, chaincode servers, gateway): $(( $(cat "$RUN_DIR/peak-rss-kib") / 1024 )) MiB"
