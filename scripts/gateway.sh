#!/usr/bin/env bash
# Starts or stops the REST gateway as a tracked background process. Usage: gateway.sh start|stop
# RXCHAIN_GATEWAY_NODE_FLAGS: extra flags for its node, e.g. "--cpu-prof --cpu-prof-dir=DIR" (which
# NODE_OPTIONS does not take; bench/profile/network.sh gateway --cpu-prof DIR sets it).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/topology.sh"
source "$ROOT/scripts/lib/process.sh"

gw_port=$(port "${RXCHAIN_PORT:-$GATEWAY_PORT_BASE}")
case "${1:-}" in
  start)
    [ -f "$ROOT/gateway-api/dist/main.js" ] || die "gateway is not built; run npm run build"
    [ -f "$RUN_DIR/gateway/network.json" ] || die "no enrolled users; run scripts/enroll-users.sh"
    if is_running gateway; then log "gateway already running on port $gw_port"; exit 0; fi
    require_ports_free gateway "$gw_port"
    read -ra node_flags <<<"${RXCHAIN_GATEWAY_NODE_FLAGS:-}"
    RXCHAIN_RUN_DIR="$RUN_DIR" RXCHAIN_PORT="$gw_port" start_process gateway "$ROOT" "$(command -v node)" "${node_flags[@]}" "$ROOT/gateway-api/dist/main.js"
    wait_for_port gateway 127.0.0.1 "$gw_port" 30
    log "gateway listening on http://127.0.0.1:$gw_port"
    ;;
  stop)
    stop_process gateway
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
