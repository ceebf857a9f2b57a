#!/usr/bin/env bash
# Deploys (or upgrades) the rxchain chaincode as a service: each org packages a ccaas package
# pointing at its own chaincode server, installs it on its peer, restarts its server with the new
# package id and approves; one org commits sequence+1. The network keeps running throughout. The
# first deployment then founds the channel's membership (scripts/lib/membership.sh); later ones
# find it founded and leave it as it is.
# Usage: deploy-chaincode.sh                   deploy the built chaincode as the next sequence
#        deploy-chaincode.sh --resume          restart the chaincode servers of the committed sequence
#        deploy-chaincode.sh --ensure          whichever a network needs to serve: the first deployment,
#                                              --resume after npm stop, or nothing when it is serving
#        deploy-chaincode.sh --definition-only the next sequence with the same packages and servers, when
#                                              the collections generated from the definition have changed
#                                              (org:add: a new member of patientIdentity); else nothing
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/topology.sh"
source "$ROOT/scripts/lib/process.sh"
source "$ROOT/scripts/lib/ca.sh"
source "$ROOT/scripts/lib/nodes.sh"
source "$ROOT/scripts/lib/chaincode.sh"
source "$ROOT/scripts/lib/membership.sh"

is_running "peer-${PEER_ORGS[0]}" || die "the network is not running; start it with npm start (or npm run network:up)"
[ -f "$ROOT/chaincode/dist/index.js" ] || die "chaincode is not built; run npm run build"

if [ "${1:-}" = "--ensure" ]; then
  if [ ! -f "$(cc_current)" ]; then
    set --
  elif is_running "cc-${PEER_ORGS[0]}"; then
    log "chaincode already deployed and serving; npm run deploy upgrades it"
    exit 0
  else
    set -- --resume
  fi
fi

declare -A PACKAGE_ID
if [ "${1:-}" = "--resume" ]; then
  [ -f "$(cc_current)" ] || die "no chaincode deployed yet; run without --resume"
  source "$(cc_current)"
  for org in "${PEER_ORGS[@]}"; do
    v="PKG_$org"
    [ -n "${!v:-}" ] || die "no package of $org recorded in $(cc_current)"
    as_org "$org" start_cc_server "$org" "${!v}"
  done
  for org in "${PEER_ORGS[@]}"; do as_org "$org" wait_cc_server "$org"; done
  log "chaincode servers of sequence $CC_SEQUENCE restarted"
  exit 0
fi

proposer=${PEER_ORGS[0]}
current=$(as_org "$proposer" committed_sequence "$proposer")
seq=$((${current:-0} + 1))
# The proposer publishes the definition's collections; every org approves exactly that.
write_collections "$seq"

if [ "${1:-}" = "--definition-only" ]; then
  [ "$current" -gt 0 ] && [ -f "$(cc_current)" ] || die "no chaincode deployed yet; run without --definition-only"
  if cmp -s "$(cc_definition_dir "$current")/collections.json" "$(cc_definition_dir "$seq")/collections.json"; then
    rm -rf "$(cc_definition_dir "$seq")"
    log "the collections of sequence $current are those of the definition; no new sequence"
    exit 0
  fi
  log "$CC_NAME sequence $seq: the collections of the definition, same packages"
  source "$(cc_current)"
  for org in "${PEER_ORGS[@]}"; do v="PKG_$org"; PACKAGE_ID[$org]=${!v:?no package of $org recorded}; done
else
  log "deploying $CC_NAME sequence $seq"
  for org in "${PEER_ORGS[@]}"; do PACKAGE_ID[$org]=$(as_org "$org" package_and_install "$org" "$seq"); done
  # One chaincode server per org, each serving its own peer over mutual TLS.
  for org in "${PEER_ORGS[@]}"; do as_org "$org" start_cc_server "$org" "${PACKAGE_ID[$org]}"; done
  for org in "${PEER_ORGS[@]}"; do as_org "$org" wait_cc_server "$org"; done
fi
# Each org approves on its own; the approvals do not touch one another, so they run at once.
approve() { approve_definition "$1" "$seq" "${PACKAGE_ID[$1]}"; }
as_each_org approve "${PEER_ORGS[@]}"

commit() { # as the proposer, with every org's peer (addresses and TLS roots from the exchange)
  local peers=() org
  for org in "${PEER_ORGS[@]}"; do peers+=(--peerAddresses "$(peer_address "$org")" --tlsRootCertFiles "$(tls_root "$org")"); done
  peer_admin_env "$proposer"
  # shellcheck disable=SC2046
  peer lifecycle chaincode commit $(orderer_args) $(cc_definition_args "$seq") "${peers[@]}" \
    >>"$RUN_DIR/logs/peer-cli.log" 2>&1 || die "commit of sequence $seq failed; see $RUN_DIR/logs/peer-cli.log"
}
as_org "$proposer" commit
for org in "${PEER_ORGS[@]}"; do record_package_id "$org" "${PACKAGE_ID[$org]}"; done
sed -i '/^CC_SEQUENCE=/d' "$(cc_current)" && echo "CC_SEQUENCE=$seq" >>"$(cc_current)"
log "$CC_NAME sequence $seq committed on $CHANNEL; servers: $(for o in "${PEER_ORGS[@]}"; do printf 'cc-%s ' "$o"; done)"

found_membership
