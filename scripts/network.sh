#!/usr/bin/env bash
# The local rxchain network as native processes: one CA and one peer per org, three Raft
# orderers, channel rxchannel.
# Usage: network.sh up | down [--clean] | status | node stop|kill|start NAME
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/topology.sh"
source "$ROOT/scripts/lib/process.sh"
source "$ROOT/scripts/lib/ca.sh"
source "$ROOT/scripts/lib/nodes.sh"

cmd=${1:-}
case "$cmd" in
  up)
    if [ -n "$(running_processes)" ] && is_running "peer-hospital"; then
      log "the network is already running (run dir $RUN_DIR); nothing started"
      exit 0
    fi
    for b in peer orderer osnadmin configtxgen fabric-ca-server fabric-ca-client; do
      [ -x "$FABRIC_BIN/$b" ] || die "missing Fabric binary $FABRIC_BIN/$b; run scripts/install-fabric.sh (npm start does)"
    done
    [ -e "$FABRIC_HOME/sampleconfig/core.yaml" ] || die "Fabric sampleconfig missing; run scripts/install-fabric.sh"
    mkdir -p "$RUN_DIR/logs"
    started=$SECONDS
    for org in orderer "${PEER_ORGS[@]}"; do start_ca "$org"; done
    for org in orderer "${PEER_ORGS[@]}"; do wait_ca "$org"; enroll_ca_admin "$org"; org_msp "$org"; done
    create_node_identities
    create_channel_block
    for o in "${ORDERERS[@]}"; do start_orderer "$o"; done
    for o in "${ORDERERS[@]}"; do
      wait_for_port "$o" "$(port "${ORDERER_PORT[$o]}")" 60
      wait_for_port "$o" "$(port "${ORDERER_ADMIN_PORT[$o]}")" 60
      join_orderer "$o"
    done
    for org in "${PEER_ORGS[@]}"; do start_peer "$org"; done
    for org in "${PEER_ORGS[@]}"; do wait_for_port "peer-$org" "$(port "${PEER_PORT[$org]}")" 60; join_peer "$org"; done
    log "network up in $((SECONDS - started)) s: channel $CHANNEL, ${#PEER_ORGS[@]} peers, ${#ORDERERS[@]} orderers (run dir $RUN_DIR)"
    ;;
  down)
    names=$(running_processes)
    # Stop clients of the network first, then peers, orderers and CAs.
    for group in '^gateway' '^cc-' '^peer-' '^orderer' '^ca-'; do
      # shellcheck disable=SC2046 # one name per word
      stop_processes $(echo "$names" | grep -E "$group" || true)
    done
    log "stopped: $(echo $names)"
    if [ "${2:-}" = "--clean" ]; then
      # Another network's run folder may sit inside this one (.run/test, .run/bench) and be
      # running: it is that network's to clean.
      for entry in "$RUN_DIR"/* "$RUN_DIR"/.[!.]*; do
        [ -e "$entry" ] || continue
        [ -d "$entry/pids" ] && continue
        rm -rf "$entry"
      done
      rmdir "$RUN_DIR" 2>/dev/null || true
      log "removed $RUN_DIR (ledgers, crypto material, logs)"
    fi
    ;;
  node)
    # Stop, kill (SIGKILL, as a crash would) or start one node of a running network (fault
    # tests): node stop|kill|start NAME, NAME being orderer1..3 or peer-<org>.
    action=${2:-}; name=${3:-}
    case "$name" in
      orderer*) [ -n "${ORDERER_PORT[$name]:-}" ] || die "no orderer $name in this network (${ORDERERS[*]})" ;;
      peer-*) [ -n "${PEER_PORT[${name#peer-}]:-}" ] || die "no peer $name in this network (orgs: ${PEER_ORGS[*]})" ;;
    esac
    case "$action:$name" in
      stop:orderer* | stop:peer-*) stop_process "$name" ;;
      kill:orderer* | kill:peer-*) kill_process "$name" ;;
      start:orderer*) start_orderer "$name"; wait_for_port "$name" "$(port "${ORDERER_PORT[$name]}")" 60 ;;
      start:peer-*) start_peer "${name#peer-}"; wait_for_port "$name" "$(port "${PEER_PORT[${name#peer-}]}")" 60 ;;
      *) die "usage: $0 node stop|kill|start orderer1|orderer2|orderer3|peer-<org>" ;;
    esac
    ;;
  status)
    for n in $(running_processes); do
      if is_running "$n"; then echo "running  $n (pid $(head -1 "$(pid_file "$n")"))"; else echo "stopped  $n"; fi
    done
    ;;
  *)
    echo "usage: $0 up | down [--clean] | status" >&2
    exit 2
    ;;
esac
