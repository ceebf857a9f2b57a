#!/usr/bin/env bash
# The local rxchain network as native processes, from the network definition (network/network.yaml):
# one CA and one peer per org, each on its org's host, the Raft orderers, the channel. Every step
# runs as one org (as_org), with that org's folder and the exchanged public material only.
# Usage: network.sh up | down [--clean] | status | heights | node stop|kill|start NAME
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/topology.sh"
source "$ROOT/scripts/lib/process.sh"
source "$ROOT/scripts/lib/ca.sh"
source "$ROOT/scripts/lib/nodes.sh"

cmd=${1:-}
case "$cmd" in
  up)
    if [ -n "$(running_processes)" ] && is_running "peer-${PEER_ORGS[0]}"; then
      log "the network is already running (run dir $RUN_DIR); nothing started"
      exit 0
    fi
    for b in peer orderer osnadmin configtxgen fabric-ca-server fabric-ca-client; do
      [ -x "$FABRIC_BIN/$b" ] || die "missing Fabric binary $FABRIC_BIN/$b; run scripts/install-fabric.sh (npm start does)"
    done
    [ -e "$FABRIC_HOME/sampleconfig/core.yaml" ] || die "Fabric sampleconfig missing; run scripts/install-fabric.sh"
    mkdir -p "$RUN_DIR/logs"
    started=$SECONDS
    # The run's own copy of the definition: what this network is, also after org:add.
    definition_cli init "$RUN_DIR" "$NETWORK_DEFINITION" || die "the network definition $NETWORK_DEFINITION is not valid (above)"
    source "$RUN_DIR/network/topology.sh"
    # Each org's part is scripts/org.sh, what its operator would run on its own machine; here the
    # orgs run side by side. First each brings up its CA and identities and publishes its MSP ...
    identities() { bash "$ROOT/scripts/org.sh" "$1" identities; }
    peer_up() { bash "$ROOT/scripts/org.sh" "$1" peer; }
    as_each_org identities "$ORDERER_ORG" "${PEER_ORGS[@]}"
    # ... then the orderer org makes the genesis block from the exchanged MSPs and starts the
    # orderers, and every peer org starts its peer and joins it.
    bash "$ROOT/scripts/org.sh" "$ORDERER_ORG" genesis
    bash "$ROOT/scripts/org.sh" "$ORDERER_ORG" orderers
    as_each_org peer_up "${PEER_ORGS[@]}"
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
      start:orderer*) as_org "$ORDERER_ORG" start_orderer "$name"; as_org "$ORDERER_ORG" wait_orderer "$name" ;;
      start:peer-*) as_org "${name#peer-}" start_peer "${name#peer-}"; as_org "${name#peer-}" wait_peer "${name#peer-}" ;;
      *) die "usage: $0 node stop|kill|start orderer1|orderer2|orderer3|peer-<org>" ;;
    esac
    ;;
  heights)
    # Each peer's block height on the channel, as its own org's admin reads it.
    peer_height() { (peer_admin_env "$1"; peer channel getinfo -c "$CHANNEL" 2>/dev/null) | sed -n 's/^Blockchain info: //p' | jq -r '.height'; }
    for org in "${PEER_ORGS[@]}"; do echo "$org $(as_org "$org" peer_height "$org" || echo unknown)"; done
    ;;
  status)
    for n in $(running_processes); do
      if is_running "$n"; then echo "running  $n (pid $(head -1 "$(pid_file "$n")"))"; else echo "stopped  $n"; fi
    done
    ;;
  *)
    echo "usage: $0 up | down [--clean] | status | heights | node stop|kill|start NAME" >&2
    exit 2
    ;;
esac
