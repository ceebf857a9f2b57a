#!/usr/bin/env bash
# Deploys (or upgrades) the rxchain chaincode as a service: packages a ccaas package per org
# pointing at that org's own chaincode server, installs it on the org's peer, restarts the
# server with the new package id, approves for every org and commits sequence+1. The network
# keeps running throughout. The first deployment then founds the channel's membership
# (scripts/lib/membership.sh); later ones find it founded and leave it as it is.
# Usage: deploy-chaincode.sh            deploy the built chaincode as the next sequence
#        deploy-chaincode.sh --resume   restart the chaincode servers of the committed sequence
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/topology.sh"
source "$ROOT/scripts/lib/process.sh"
source "$ROOT/scripts/lib/ca.sh"
source "$ROOT/scripts/lib/nodes.sh"
source "$ROOT/scripts/lib/membership.sh"

is_running peer-hospital || die "the network is not running; start it with npm start (or npm run network:up)"
[ -f "$ROOT/chaincode/dist/index.js" ] || die "chaincode is not built; run npm run build"

start_servers() { # uses PACKAGE_ID
  local org ccdir p
  for org in "${PEER_ORGS[@]}"; do
    stop_process "cc-$org"
    ccdir="$(node_dir "$org" ccserver)"
    p=$(port "${CC_PORT[$org]}")
    require_ports_free "cc-$org" "$p"
    start_process "cc-$org" "$ROOT/chaincode" "$(command -v node)" \
      "$ROOT/node_modules/fabric-shim/cli.js" server \
      --chaincode-address "127.0.0.1:$p" --chaincode-id "${PACKAGE_ID[$org]}" --module-path "$ROOT/chaincode" \
      --chaincode-tls-cert-file "$ccdir/tls/server.crt" --chaincode-tls-key-file "$ccdir/tls/server.key" \
      --chaincode-tls-client-cacert-file "$ccdir/tls/ca.crt"
  done
  for org in "${PEER_ORGS[@]}"; do wait_for_port "cc-$org" "$(port "${CC_PORT[$org]}")" 60; done
}

declare -A PACKAGE_ID
if [ "${1:-}" = "--resume" ]; then
  [ -f "$RUN_DIR/chaincode/current" ] || die "no chaincode deployed yet; run without --resume"
  source "$RUN_DIR/chaincode/current"
  for org in "${PEER_ORGS[@]}"; do v="PKG_$org"; PACKAGE_ID[$org]=${!v}; done
  start_servers
  log "chaincode servers of sequence $CC_SEQUENCE restarted"
  exit 0
fi

orderer_args=(-o "127.0.0.1:$(port 7050)" --tls --cafile "$(orderer_ca)")
current=$( (peer_admin_env hospital; peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" -O json 2>/dev/null) | jq -r '.sequence // 0' 2>/dev/null || echo 0)
seq=$((${current:-0} + 1))
label="${CC_NAME}_$seq"
work="$RUN_DIR/chaincode/$seq"
mkdir -p "$work"
log "deploying $CC_NAME sequence $seq"

json_pem() { jq -Rs . <"$1"; }

for org in "${PEER_ORGS[@]}"; do
  pkg="$work/$org"
  mkdir -p "$pkg/src"
  peer_tls="$(node_dir "$org" peer0)/tls"
  cat >"$pkg/src/connection.json" <<JSON
{
  "address": "127.0.0.1:$(port "${CC_PORT[$org]}")",
  "dial_timeout": "10s",
  "tls_required": true,
  "client_auth_required": true,
  "root_cert": $(json_pem "$(org_dir "$org")/msp/tlscacerts/ca.pem"),
  "client_cert": $(json_pem "$peer_tls/server.crt"),
  "client_key": $(json_pem "$peer_tls/server.key")
}
JSON
  chmod 600 "$pkg/src/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$label" >"$pkg/metadata.json"
  tar -C "$pkg/src" -czf "$pkg/code.tar.gz" connection.json
  tar -C "$pkg" -czf "$pkg/$label.tar.gz" metadata.json code.tar.gz
  PACKAGE_ID[$org]=$( (peer_admin_env "$org"; peer lifecycle chaincode calculatepackageid "$pkg/$label.tar.gz") )
  (
    peer_admin_env "$org"
    if ! peer lifecycle chaincode queryinstalled -O json | jq -e --arg id "${PACKAGE_ID[$org]}" '.installed_chaincodes[]? | select(.package_id == $id)' >/dev/null; then
      peer lifecycle chaincode install "$pkg/$label.tar.gz" >>"$RUN_DIR/logs/peer-cli.log" 2>&1 \
        || die "install on the $org peer failed; see $RUN_DIR/logs/peer-cli.log"
    fi
  )
done

# One chaincode server per org, each serving its own peer over mutual TLS.
start_servers

definition=(-C "$CHANNEL" -n "$CC_NAME" --version "$seq" --sequence "$seq"
  --channel-config-policy /Channel/Application/Endorsement
  --collections-config "$ROOT/network/collections.json")
for org in "${PEER_ORGS[@]}"; do
  (
    peer_admin_env "$org"
    peer lifecycle chaincode approveformyorg "${orderer_args[@]}" "${definition[@]}" \
      --package-id "${PACKAGE_ID[$org]}" >>"$RUN_DIR/logs/peer-cli.log" 2>&1 \
      || die "approval by $org failed; see $RUN_DIR/logs/peer-cli.log"
  )
done

peers=()
for org in "${PEER_ORGS[@]}"; do
  peers+=(--peerAddresses "127.0.0.1:$(port "${PEER_PORT[$org]}")" --tlsRootCertFiles "$(org_dir "$org")/msp/tlscacerts/ca.pem")
done
(
  peer_admin_env hospital
  peer lifecycle chaincode commit "${orderer_args[@]}" "${definition[@]}" "${peers[@]}" \
    >>"$RUN_DIR/logs/peer-cli.log" 2>&1 || die "commit of sequence $seq failed; see $RUN_DIR/logs/peer-cli.log"
)
{
  printf 'CC_SEQUENCE=%s\n' "$seq"
  for org in "${PEER_ORGS[@]}"; do printf 'PKG_%s=%s\n' "$org" "${PACKAGE_ID[$org]}"; done
} >"$RUN_DIR/chaincode/current"
log "$CC_NAME sequence $seq committed on $CHANNEL; servers: $(for o in "${PEER_ORGS[@]}"; do printf 'cc-%s ' "$o"; done)"

found_membership
