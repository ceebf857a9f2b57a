#!/usr/bin/env bash
# A benchmark network that stays up between profiling runs (bench/profile/profile.ts):
#   bash bench/profile/network.sh up [--catalogue-size N]   # fresh network in .run/profile, deployed, enrolled, gateway, seeded
#   bash bench/profile/network.sh redeploy                    # after a chaincode change: build, chaincode servers restarted on the new code
#   bash bench/profile/network.sh gateway                     # after a gateway change: build, gateway restarted
#   bash bench/profile/network.sh gateway --cpu-prof DIR      # the same, the gateway under node --cpu-prof: its
#                                                             # .cpuprofile lands in DIR when it stops (gateway or down)
#   bash bench/profile/network.sh down
# Ports are shifted by RXCHAIN_BENCH_PORT_OFFSET (default 10000), as for npm run bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
export RXCHAIN_RUN_DIR="$PWD/.run/profile" RXCHAIN_PORT_OFFSET="${RXCHAIN_BENCH_PORT_OFFSET:-10000}"
url="http://127.0.0.1:$((3000 + RXCHAIN_PORT_OFFSET))"
gateway() { RXCHAIN_LOG_LEVEL=warn RXCHAIN_RATE_LIMIT_PER_MINUTE=1000000 RXCHAIN_GATEWAY_NODE_FLAGS="${gateway_node_flags:-}" bash scripts/gateway.sh start; }
case "${1:-}" in
  up)
    size=""; [ "${2:-}" = "--catalogue-size" ] && size="${3:-}"
    npm run --silent build
    bash scripts/network.sh down --clean >/dev/null 2>&1 || true
    bash scripts/network.sh up
    bash scripts/deploy-chaincode.sh
    bash scripts/enroll-users.sh
    gateway
    RXCHAIN_CATALOGUE_SIZE="$size" RXCHAIN_GATEWAY_URL="$url" node -r ts-node/register/transpile-only scripts/demo/seed-cli.ts
    ;;
  redeploy)
    npm run --silent build
    bash scripts/deploy-chaincode.sh --resume
    ;;
  gateway)
    [ "${2:-}" = "--cpu-prof" ] && gateway_node_flags="--cpu-prof --cpu-prof-dir=$(realpath -m "${3:?--cpu-prof needs a folder}")"
    npm run --silent build
    bash scripts/gateway.sh stop
    gateway
    ;;
  down)
    bash scripts/network.sh down --clean
    ;;
  *)
    echo "usage: $0 up [--catalogue-size N] | redeploy | gateway [--cpu-prof DIR] | down" >&2
    exit 2
    ;;
esac
