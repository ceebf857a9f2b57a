# The channel's membership as ledger data (chaincode Membership contract): founded right after the
# first deployment, extended by org:add. Every transaction is one org's admin's, signed with its own
# key in its own context (as_org); a change takes effect once the admins of a strict majority of
# the members approved it. Sourced after topology.sh, nodes.sh and chaincode.sh.

# The roles an org of each kind may issue, as the member entry lists them.
member_roles() { # kind
  case $1 in
    hospital) echo '["admin","doctor"]' ;;
    pharmacy) echo '["admin","pharmacist"]' ;;
    insurer) echo '["admin","insurer"]' ;;
    regulator) echo '["admin","investigator","observer"]' ;;
    *) die "an org of kind $1 cannot be a channel member" ;;
  esac
}

# An org's member entry, from the definition: MSP id, kind, roles and, for an insurer, its region.
member_json() { # org
  local org=$1 region=""
  [ "${ORG_KIND[$org]}" = insurer ] && region=${ORG_REGION_CODE[$org]}
  jq -nc --arg msp "${MSP_ID[$org]}" --arg kind "${ORG_KIND[$org]}" --arg region "$region" --argjson roles "$(member_roles "${ORG_KIND[$org]}")" \
    '{mspId: $msp, kind: $kind, roles: $roles} + (if $region == "" then {} else {region: $region} end)'
}

org_of_msp() { # msp
  local org
  for org in "${PEER_ORGS[@]}"; do [ "${MSP_ID[$org]}" = "$1" ] && { echo "$org"; return 0; }; done
  die "no org with MSP id $1 in the definition"
}

# One Membership transaction as the acting org's admin, endorsed by every peer (addresses and TLS
# CAs from the exchange); prints the chaincode's answer or error. Run it as_org.
membership_invoke() { # org fn json
  local org=$1 fn=$2 json=$3 o peers=()
  for o in "${PEER_ORGS[@]}"; do peers+=(--peerAddresses "$(peer_address "$o")" --tlsRootCertFiles "$(tls_root "$o")"); done
  peer_admin_env "$org"
  # shellcheck disable=SC2046
  peer chaincode invoke $(orderer_args) -C "$CHANNEL" -n "$CC_NAME" "${peers[@]}" --waitForEvent \
    -c "$(jq -nc --arg fn "Membership:$fn" --arg a "$json" '{Args: [$fn, $a]}')" 2>&1
}
membership_get() { # org: the membership record as the org's own peer reads it, or the error
  peer_admin_env "$1"
  peer chaincode query -C "$CHANNEL" -n "$CC_NAME" -c '{"Args":["Membership:Get","{}"]}' 2>&1
}

# Proposes a change as the first voter and approves it as the next ones until a strict majority of
# the voters has; a re-run finds its own earlier steps done.
propose_and_approve() { # proposal-id change-json voter-org...
  local id=$1 change=$2 out ok approvals=0 need org; shift 2
  need=$(($# / 2 + 1))
  for org in "$@"; do
    [ "$approvals" -ge "$need" ] && break
    if [ "$approvals" -eq 0 ]; then
      out=$(as_org "$org" membership_invoke "$org" Propose "$(jq -c --arg id "$id" '{proposalId: $id} + .' <<<"$change")") && ok=1 || ok=0
    else
      out=$(as_org "$org" membership_invoke "$org" Approve "$(jq -nc --arg id "$id" '{proposalId: $id}')") && ok=1 || ok=0
    fi
    if [ "$ok" = 1 ] || grep -q "already approved\|proposal $id already exists" <<<"$out"; then
      approvals=$((approvals + 1))
      log "${MSP_ID[$org]}'s admin $([ "$approvals" -eq 1 ] && echo proposed || echo approved) $id ($approvals of $need)"
    else
      die "membership proposal $id failed at ${MSP_ID[$org]}: $out"
    fi
  done
}

# Founds the membership unless it exists: the definition's peer orgs, voted on by a majority of them.
found_membership() {
  local out members="[]" org
  if out=$(as_org "${PEER_ORGS[0]}" membership_get "${PEER_ORGS[0]}"); then
    log "membership already founded (version $(jq -r .version <<<"$out" 2>/dev/null || echo '?'))"
    return 0
  fi
  grep -q 'not been founded' <<<"$out" || die "cannot read the membership: $out"
  for org in "${PEER_ORGS[@]}"; do members=$(jq -c --argjson m "$(member_json "$org")" '. + [$m]' <<<"$members"); done
  propose_and_approve FOUNDING "$(jq -nc --argjson m "$members" '{change: "found", members: $m}')" "${PEER_ORGS[@]}"
  log "membership founded by a majority of the ${#PEER_ORGS[@]} founders' admins"
}

# Adds an org that has joined the channel to the membership: proposed by a member org's admin,
# approved by the admins of a majority of the members (the new org does not vote on itself).
add_member() { # org
  local org=$1 msp=${MSP_ID[$1]} out voters=() m
  out=$(as_org "${PEER_ORGS[0]}" membership_get "${PEER_ORGS[0]}") || die "cannot read the membership: $out"
  if jq -e --arg m "$msp" '.members[] | select(.mspId == $m)' <<<"$out" >/dev/null; then
    log "$msp is a member on the ledger already"
    return 0
  fi
  for m in $(jq -r '.members[].mspId' <<<"$out"); do voters+=("$(org_of_msp "$m")"); done
  propose_and_approve "ADD-$msp" "$(jq -nc --argjson m "$(member_json "$org")" \
    '{change: "addMember", mspId: $m.mspId, memberKind: $m.kind, roles: $m.roles} + (if $m.region then {region: $m.region} else {} end)')" "${voters[@]}"
  log "$msp is a member on the ledger: ${ORG_KIND[$org]}$([ "${ORG_KIND[$org]}" = insurer ] && echo " of region ${ORG_REGION_CODE[$org]}")"
}
