# shellcheck shell=bash
# The large data set's network (.run/bench-large; npm run bench:load, npm run bench -- --data large):
# its gateway's settings, and bringing a stopped one back up from its run folder with its ledgers.
# Needs RXCHAIN_RUN_DIR and RXCHAIN_PORT_OFFSET exported, and lib/common.sh sourced.

large_gateway_start() {
  # The read model would copy every imported record into PGlite while the load runs; the risk
  # lists' figures at a million claims come from bench/risk-bench.ts instead.
  RXCHAIN_READ_MODEL=off RXCHAIN_LOG_LEVEL=warn RXCHAIN_RATE_LIMIT_PER_MINUTE=1000000 bash "$ROOT/scripts/gateway.sh" start
}

# A no-op on a running network; after npm stop or a reboot, the same network again.
resume_large_network() {
  bash "$ROOT/scripts/network.sh" up
  bash "$ROOT/scripts/deploy-chaincode.sh" --ensure
  large_gateway_start
}
