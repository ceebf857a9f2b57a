# Founding the channel's membership (chaincode Membership contract) right after the first
# deployment: one founder's admin proposes the member set, the next ones approve until a strict
# majority of the founders has; each transaction is signed by that org's own admin. Sourced by
# deploy-chaincode.sh after topology.sh and nodes.sh.

# The founding member set as Membership:Propose takes it, from the topology arrays.
# TODO(network.yaml): the kinds and insurer regions come from the network definition once it exists.
declare -A MEMBER_REGION=([insurersh]=310000 [insurerbj]=110000)
founding_members_json() {
  local org kind roles members="[]"
  for org in "${PEER_ORGS[@]}"; do
    kind=$(tr '[:upper:]' '[:lower:]' <<<"${ORG_KIND[$org]}")
    case $kind in
      hospital) roles='["admin","doctor"]' ;;
      pharmacy) roles='["admin","pharmacist"]' ;;
      insurer) roles='["admin","insurer"]' ;;
      regulator) roles='["admin","investigator"]' ;;
      *) die "org $org has kind ${ORG_KIND[$org]}, which cannot be a channel member" ;;
    esac
    members=$(jq -c --arg msp "${MSP_ID[$org]}" --arg kind "$kind" --arg region "${MEMBER_REGION[$org]:-}" --argjson roles "$roles" \
      '. + [{mspId: $msp, kind: $kind, roles: $roles} + (if $region == "" then {} else {region: $region} end)]' <<<"$members")
  done
  echo "$members"
}

# Runs one Membership transaction as an org's admin, endorsed by every peer; prints the chaincode's answer or error.
membership_invoke() { # org fn json
  local org=$1 fn=$2 json=$3 o peers=()
  for o in "${PEER_ORGS[@]}"; do
    peers+=(--peerAddresses "127.0.0.1:$(port "${PEER_PORT[$o]}")" --tlsRootCertFiles "$(org_dir "$o")/msp/tlscacerts/ca.pem")
  done
  (
    peer_admin_env "$org"
    peer chaincode invoke -o "127.0.0.1:$(port 7050)" --tls --cafile "$(orderer_ca)" -C "$CHANNEL" -n "$CC_NAME" \
      "${peers[@]}" --waitForEvent -c "$(jq -nc --arg fn "Membership:$fn" --arg a "$json" '{Args: [$fn, $a]}')" 2>&1
  )
}

# Founds the membership unless it exists: idempotent, and resumes a founding left half-way.
found_membership() {
  local out ok founders approvals=0 need org
  out=$( (peer_admin_env "${PEER_ORGS[0]}"; peer chaincode query -C "$CHANNEL" -n "$CC_NAME" -c '{"Args":["Membership:Get","{}"]}' 2>&1) ) && {
    log "membership already founded (version $(jq -r .version <<<"$out" 2>/dev/null || echo '?'))"
    return 0
  }
  grep -q 'not been founded' <<<"$out" || die "cannot read the membership: $out"
  founders=$(founding_members_json)
  need=$(( ${#PEER_ORGS[@]} / 2 + 1 ))
  for org in "${PEER_ORGS[@]}"; do
    [ "$approvals" -ge "$need" ] && break
    if [ "$approvals" -eq 0 ]; then
      out=$(membership_invoke "$org" Propose "$(jq -nc --argjson m "$founders" '{proposalId: "FOUNDING", change: "found", members: $m}')") && ok=1 || ok=0
    else
      out=$(membership_invoke "$org" Approve '{"proposalId":"FOUNDING"}') && ok=1 || ok=0
    fi
    # A re-run after a half-way founding finds its own earlier steps done.
    if [ "$ok" = 1 ] || grep -q 'already approved\|proposal FOUNDING already exists' <<<"$out"; then
      approvals=$((approvals + 1))
    else
      die "founding the membership failed at ${MSP_ID[$org]}: $out"
    fi
  done
  log "membership founded by $need of ${#PEER_ORGS[@]} founders' admins"
}
