#!/usr/bin/env bash
# One organisation's part of the network, for an operator running it on the org's own machine:
# every step acts as ORG only, with ORG's folder (<run>/orgs/ORG) and the public material the orgs
# exchange (<run>/exchange/; see "Running an organisation on its own machine" in the README).
# network.sh up and org-add.sh run the same steps for every org on this one machine.
#
#   org.sh ORG identities         start ORG's CA, enrol its nodes and admin, publish its MSP (and, for
#                                 the orderer org, the orderers' TLS certificates) to the exchange
#   org.sh ORDERER genesis        the orderer org: the channel's genesis block from the exchanged MSPs
#   org.sh ORDERER orderers       the orderer org: start its orderers and join them to the channel
#   org.sh ORG channel-group      ORG's group of the channel configuration (MSP, policies, anchor
#                                 peer) to the exchange, for the member org that proposes adding ORG
#   org.sh ORG peer               start ORG's peer and join it to the channel (the genesis block
#                                 fetched from the orderers as ORG's admin)
#   org.sh ORG sign FILE          sign a channel configuration update with ORG's admin key
#   org.sh ORG chaincode SEQ      package, install, serve and approve sequence SEQ of the chaincode
#   org.sh ORG stop               stop ORG's processes
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/topology.sh"
source "$ROOT/scripts/lib/process.sh"
source "$ROOT/scripts/lib/ca.sh"
source "$ROOT/scripts/lib/nodes.sh"
source "$ROOT/scripts/lib/chaincode.sh"

usage() { sed -n 's/^#   //p' "$0" >&2; exit 2; }
org=${1:-}; step=${2:-}
[ -n "$org" ] && [ -n "$step" ] || usage
[ -n "${MSP_ID[$org]:-}" ] || die "no organisation $org in this network (${ORDERER_ORG} ${PEER_ORGS[*]})"
is_orderer_org() { [ "$org" = "$ORDERER_ORG" ]; }

identities() {
  start_ca "$org"
  ca_ready "$org"
  if is_orderer_org; then create_orderer_identities; else create_peer_org_identities "$org"; fi
}
orderers() {
  local o
  for o in "${ORDERERS[@]}"; do start_orderer "$o"; done
  for o in "${ORDERERS[@]}"; do wait_orderer "$o"; join_orderer "$o"; done
}
peer_up() {
  start_peer "$org"
  wait_peer "$org"
  # The genesis block, from the orderers, as the org's own admin (a member of the channel's readers).
  local block; block="$(org_dir "$org")/channel/$CHANNEL.block"
  mkdir -p "$(dirname "$block")"
  # Right after the orderers joined, the channel answers SERVICE_UNAVAILABLE until Raft has a leader.
  local deadline=$((SECONDS + 60))
  # shellcheck disable=SC2046
  until [ -f "$block" ] || (peer_admin_env "$org"; peer channel fetch 0 "$block" -c "$CHANNEL" $(orderer_args) >>"$RUN_DIR/logs/peer-cli.log" 2>&1); do
    [ $SECONDS -lt $deadline ] || die "$org could not fetch the genesis block of $CHANNEL from the orderers within 60 s; see $RUN_DIR/logs/peer-cli.log"
    sleep 0.5
  done
  join_peer "$org" "$block"
}
sign() { # file
  [ -f "$1" ] || die "no such update: $1"
  (peer_admin_env "$org"; peer channel signconfigtx -f "$1" >>"$RUN_DIR/logs/peer-cli.log" 2>&1) \
    || die "$org could not sign $1; see $RUN_DIR/logs/peer-cli.log"
  log "$org signed $1"
}
chaincode() { # sequence
  local id; id=$(package_and_install "$org" "$1")
  start_cc_server "$org" "$id"
  wait_cc_server "$org"
  approve_definition "$org" "$1" "$id"
  record_package_id "$org" "$id"
  log "$org serves and approved $CC_NAME sequence $1 (package $id)"
}
channel_group() {
  local dir; dir="$(org_dir "$org")/channel"
  mkdir -p "$dir"
  { echo "Organizations:"; org_configtx "$org"; } >"$dir/configtx.yaml"
  configtxgen -configPath "$dir" -printOrg "${MSP_ID[$org]}" >"$dir/group.json" 2>>"$RUN_DIR/logs/configtxgen.log" \
    || die "configtxgen -printOrg ${MSP_ID[$org]} failed; see $RUN_DIR/logs/configtxgen.log"
  # -printOrg leaves the anchor peer out; the other orgs' peers find the new one through it.
  jq --arg host "$(host_of "$org")" --argjson port "$(port "${PEER_PORT[$org]}")" \
    '.values.AnchorPeers = {mod_policy: "Admins", version: "0", value: {anchor_peers: [{host: $host, port: $port}]}}' \
    "$dir/group.json" >"$(exchange_dir)/$org/channel-group.json"
}
stop() {
  local names=() n
  for n in $(running_processes); do
    case "$n" in "ca-$org" | "peer-$org" | "cc-$org") names+=("$n") ;; orderer*) is_orderer_org && names+=("$n") ;; esac
  done
  stop_processes "${names[@]}"
}

case "$step" in
  identities) as_org "$org" identities ;;
  genesis) is_orderer_org || die "the genesis block is the orderer org's ($ORDERER_ORG)"; as_org "$org" create_channel_block ;;
  orderers) is_orderer_org || die "the orderers are the orderer org's ($ORDERER_ORG)"; as_org "$org" orderers ;;
  peer) is_orderer_org && die "$org runs orderers, not a peer"; as_org "$org" peer_up ;;
  channel-group) is_orderer_org && die "the orderer org is in the channel from its genesis"; as_org "$org" channel_group ;;
  sign) as_org "$org" sign "${3:?usage: org.sh ORG sign FILE}" ;;
  chaincode) as_org "$org" chaincode "${3:?usage: org.sh ORG chaincode SEQUENCE}" ;;
  stop) stop ;;
  *) usage ;;
esac
