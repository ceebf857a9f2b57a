#!/usr/bin/env bash
# npm run org:add -- <org definition> [--signers org,org,...]
# Adds an organisation to the running channel, Fabric's way (a channel configuration update signed
# by a majority of the member orgs' admins), with no chaincode change and no restart:
#   1. the new org (its own org.sh): CA and identities; publishes its MSP and channel group
#   2. one member org fetches the channel configuration and computes the update with configtxlator
#   3. a majority of the member orgs' admins sign it, each in its own context with its own key
#      (peer channel signconfigtx); the last one submits it (peer channel update)
#   4. the new org starts its peer, fetches the genesis block from the orderers, joins and waits for it to
#      catch up; installs its chaincode package, starts its chaincode server and approves the
#      committed chaincode definition (same sequence)
#   5. the private data collections are regenerated from the now larger definition (a new insurer,
#      hospital or pharmacy is a member of patientIdentity): sequence + 1, same packages, every org
#      approves, one commits (deploy-chaincode.sh --definition-only)
#   6. the new org's membership on the ledger (Membership:* proposal, approved by a majority); then
#      wait until its peer has reconciled its collections' earlier private data
#   7. the new org's demo users are enrolled at its CA; a running gateway is told (SIGHUP) to
#      learn the new peer and users
# Every step is idempotent: a run that stopped half-way is resumed by running it again, and a run
# for an org that is already a member says so and changes nothing.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/topology.sh"
source "$ROOT/scripts/lib/process.sh"

usage() { echo "usage: npm run org:add -- <org definition .yaml> [--signers org,org,...]" >&2; exit 2; }
file=${1:-}
[ -n "$file" ] || usage
shift
signers_arg=""
while [ $# -gt 0 ]; do
  case "$1" in
    --signers) signers_arg=${2:-}; shift 2 || usage ;;
    *) usage ;;
  esac
done
[ -f "$file" ] || die "no such file: $file"
is_running "peer-${PEER_ORGS[0]}" || die "the network is not running; start it with npm start (or npm run network:up)"
started=$SECONDS

state=$(definition_cli pending "$RUN_DIR" "$file") || die "$file is not a valid organisation definition (above)"
if [ "${state%% *}" = exists ]; then
  log "${state#exists } is already a member of $CHANNEL; nothing changed"
  exit 0
fi
new=${state#pending }
members=("${PEER_ORGS[@]}")
# From here on the arrays include the new org.
export RXCHAIN_TOPOLOGY="$RUN_DIR/network/pending-$new.sh"
source "$RXCHAIN_TOPOLOGY"
source "$ROOT/scripts/lib/ca.sh"
source "$ROOT/scripts/lib/nodes.sh"
source "$ROOT/scripts/lib/chaincode.sh"
msp=${MSP_ID[$new]}
log "adding $new ($msp, ${ORG_KIND[$new]}, region ${ORG_REGION_CODE[$new]}) on $(host_of "$new") to $CHANNEL (${#members[@]} members)"

# 1. The new org, alone (its own org.sh): its CA and identities; its MSP and its channel group
#    (MSP, policies, anchor peer) go to the exchange.
org_step() { bash "$ROOT/scripts/org.sh" "$@"; }
org_step "$new" identities
org_step "$new" channel-group
updates="$(exchange_dir)/updates/add-$new"
mkdir -p "$updates"

# 2. A member org fetches the channel configuration and computes the update.
proposer=${members[0]}
in_channel() { jq -e --arg m "$msp" '.channel_group.groups.Application.groups[$m] != null' "$updates/config.json" >/dev/null; }
fetch_config() { # org
  peer_admin_env "$1"
  # shellcheck disable=SC2046
  peer channel fetch config "$updates/config.pb" -c "$CHANNEL" $(orderer_args) >>"$RUN_DIR/logs/peer-cli.log" 2>&1 \
    || die "$1 could not fetch the configuration of $CHANNEL; see $RUN_DIR/logs/peer-cli.log"
  configtxlator proto_decode --input "$updates/config.pb" --type common.Block | jq '.data.data[0].payload.data.config' >"$updates/config.json"
}
compute_update() {
  jq --arg m "$msp" --slurpfile org "$(exchange_dir)/$new/channel-group.json" \
    '.channel_group.groups.Application.groups[$m] = $org[0]' "$updates/config.json" >"$updates/modified.json"
  configtxlator proto_encode --input "$updates/config.json" --type common.Config --output "$updates/config.bin"
  configtxlator proto_encode --input "$updates/modified.json" --type common.Config --output "$updates/modified.bin"
  configtxlator compute_update --channel_id "$CHANNEL" --original "$updates/config.bin" --updated "$updates/modified.bin" --output "$updates/update.bin"
  configtxlator proto_decode --input "$updates/update.bin" --type common.ConfigUpdate |
    jq --arg ch "$CHANNEL" '{payload: {header: {channel_header: {channel_id: $ch, type: 2}}, data: {config_update: .}}}' >"$updates/envelope.json"
  configtxlator proto_encode --input "$updates/envelope.json" --type common.Envelope --output "$updates/update.pb"
}
as_org "$proposer" fetch_config "$proposer"
if in_channel; then
  log "$msp is in the channel configuration already (an earlier run got that far)"
else
  as_org "$proposer" compute_update
  log "$proposer proposed the update: $updates/update.pb"

  # 3. Signatures of a majority of the member orgs' admins (the channel's Admins policy,
  #    MAJORITY Admins), each with its own key; the last signer submits.
  needed=$((${#members[@]} / 2 + 1))
  if [ -n "$signers_arg" ]; then IFS=, read -r -a signers <<<"$signers_arg"; else signers=("${members[@]:0:$needed}"); fi
  for s in "${signers[@]}"; do
    [[ " ${members[*]} " == *" $s "* ]] || die "signer $s is not a member org (${members[*]})"
  done
  submit() { # org
    peer_admin_env "$1"
    # shellcheck disable=SC2046
    peer channel update -f "$updates/update.pb" -c "$CHANNEL" $(orderer_args) >>"$RUN_DIR/logs/peer-cli.log" 2>&1 \
      || die "the orderers refused the update submitted by $1 with the signatures of ${signers[*]} (${#signers[@]} of ${#members[@]} member orgs; the channel needs $needed); see $RUN_DIR/logs/peer-cli.log"
  }
  last=$((${#signers[@]} - 1))
  for i in "${!signers[@]}"; do
    if [ "$i" -lt "$last" ]; then org_step "${signers[$i]}" sign "$updates/update.pb"; fi
  done
  as_org "${signers[$last]}" submit "${signers[$last]}"
  log "${signers[$last]} signed and submitted: $msp is a member of $CHANNEL (signed by ${signers[*]}, ${#signers[@]} of ${#members[@]})"
fi

# 4. The new org joins its peer (genesis block fetched from the orderers as itself), waits for it
#    to catch up, and takes part in the committed chaincode definition.
height() { (peer_admin_env "$1"; peer channel getinfo -c "$CHANNEL" 2>/dev/null) | sed -n 's/^Blockchain info: //p' | jq -r '.height // 0' || echo 0; }
org_step "$new" peer
target=$(as_org "$proposer" height "$proposer")
deadline=$((SECONDS + 300))
until h=$(as_org "$new" height "$new"); [ "${h:-0}" -ge "$target" ]; do
  [ $SECONDS -lt $deadline ] || die "the $new peer did not reach block height $target within 300 s; see $RUN_DIR/logs/peer-$new.log"
  sleep 0.5
done
log "peer-$new joined $CHANNEL and caught up to height $target"
seq=$(as_org "$proposer" committed_sequence "$proposer")
[ "$seq" -gt 0 ] || die "no chaincode committed on $CHANNEL yet; run npm run deploy first"
org_step "$new" chaincode "$seq"
source "$(cc_current)"
v="PKG_$new"
[ -n "${!v:-}" ] || die "org.sh $new chaincode recorded no package"

# The run's definition now has the new org: every script sees six orgs from here on.
definition_cli promote "$RUN_DIR" "$new"
unset RXCHAIN_TOPOLOGY

# 5. Collections that take in orgs of the new org's kind get a new policy: sequence + 1.
bash "$ROOT/scripts/deploy-chaincode.sh" --definition-only

# 6. Membership on the ledger: the new org's kind, roles and (an insurer) region, proposed by a
#    member org's admin and approved by the admins of a majority of the members, each as itself.
source "$ROOT/scripts/lib/membership.sh"
source "$RUN_DIR/network/topology.sh"
add_member "$new"
# A new member of patientIdentity has the collection's earlier data (the salt of patient pseudonyms)
# only once its peer has reconciled it from the other members; until then its users could not name
# a patient. Wait for that: the new org's admin asks its own peer for a pseudonym.
pseudonym() {
  peer_admin_env "$new"
  peer chaincode query -C "$CHANNEL" -n "$CC_NAME" -c '{"Args":["Prescription:PatientRef","{}"]}' \
    --transient "{\"patient\":\"$(printf '{"idType":"PASSPORT","idNumber":"ORGADD0000","name":"org-add probe"}' | base64 -w0)\"}" 2>&1 || true
}
if jq -e --arg k "${ORG_KIND[$new]}" 'any(.[]; .memberKinds | index($k))' "$ROOT/network/collections.json" >/dev/null; then
  deadline=$((SECONDS + 180))
  while as_org "$new" pseudonym | grep -q 'private data matching public hash version is not available'; do
    [ $SECONDS -lt $deadline ] || die "peer-$new has not reconciled the private data of its collections within 180 s; see $RUN_DIR/logs/peer-$new.log"
    sleep 1
  done
  log "peer-$new holds the private data of its collections"
fi

# 7. Demo users, and the gateway.
bash "$ROOT/scripts/enroll-users.sh"
if is_running gateway; then
  kill -HUP "$(head -1 "$(pid_file gateway)")"
  log "told the running gateway (SIGHUP) to learn $new's peer and users"
fi
log "$new ($msp) added to $CHANNEL in $((SECONDS - started)) s"
