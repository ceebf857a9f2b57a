#!/usr/bin/env bash
# Enrols the demo users of network/users.json (and of the orgs org:add added) through their orgs' CAs, with role, region and
# licence/institution attributes in their certificates, and writes the gateway's view of the
# network: peer endpoints, user identities, one bearer token per user (stored as a hash;
# the plain tokens go to a 0600 file for the demo and the tests) and one sign-in password per
# user (stored as a scrypt hash; the plain passwords likewise in demo-passwords.json).
# Re-running adds only what is missing.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$ROOT/scripts/lib/topology.sh"
source "$ROOT/scripts/lib/process.sh"
source "$ROOT/scripts/lib/ca.sh"
source "$ROOT/scripts/lib/nodes.sh"

is_running "peer-${PEER_ORGS[0]}" || die "the network is not running; start it with npm start (or npm run network:up)"
gw="$RUN_DIR/gateway"
mkdir -p "$gw"
chmod 700 "$gw"

# The founding orgs' users (network/users.json) and those of orgs added by org:add (their files).
users=$(definition_cli users "$RUN_DIR" "$ROOT/network/users.json") || die "could not read the demo users"
count=$(jq '.users | length' <<<"$users")
for org in $(jq -r '.users[].org' <<<"$users" | sort -u); do
  [ -n "${MSP_ID[$org]:-}" ] || die "a demo user belongs to $org, which is not in this network"
done
# Each org enrols its own users at its own CA; the orgs do so side by side.
enroll_org_users() { # org
  local name role attrs type
  while IFS=$'\t' read -r name role attrs; do
    type=client; [ "$role" = admin ] && type=admin
    enroll_identity "$1" "$name" "$type" "$(org_dir "$1")/users/$name" "$attrs" </dev/null
  done < <(jq -r --arg org "$1" '.users[] | select(.org == $org)
    | [.name, .attrs.role, (.attrs | to_entries | map("\(.key)=\(.value)") | join(","))] | @tsv' <<<"$users")
}
as_each_org enroll_org_users "${PEER_ORGS[@]}"

# From here on this is the gateway's view, not an org's: the gateway acts for the users of every
# org on this machine, so it holds their certificates and keys (and each org's CA registrar, for
# POST /admin/users).

# Peer endpoints for the gateway: one entry per org.
for org in "${PEER_ORGS[@]}"; do
  jq -nc --arg org "$org" --arg msp "${MSP_ID[$org]}" --arg ep "$(peer_address "$org")" \
    --arg tls "$(tls_root "$org")" --arg host "$(peer_name "$org")" \
    --arg ca "$(ca_url "$org")" --arg catls "$(ca_tls_root "$org")" --arg registrar "$(org_dir "$org")/ca-admin/msp" \
    --arg users "$(org_dir "$org")/users" \
    '{key: $org, value: {mspId: $msp, peerEndpoint: $ep, peerHostAlias: $host, tlsRootCert: $tls,
       caUrl: $ca, caTlsRootCert: $catls, registrarMsp: $registrar, usersDir: $users}}'
done | jq -s --arg channel "$CHANNEL" --arg cc "$CC_NAME" '{channel: $channel, chaincode: $cc, orgs: from_entries}' >"$gw/network.json.tmp"
mv "$gw/network.json.tmp" "$gw/network.json"

# Users and tokens. Existing tokens are kept, so a re-run does not log anyone out.
store="$gw/identities.json"
[ -f "$store" ] || echo '{"users": {}, "tokens": {}}' >"$store"
demo="$gw/demo-tokens.json"
[ -f "$demo" ] || echo '{}' >"$demo"
chmod 600 "$store" "$demo"
# A first token for each user who has none: the plain token to the demo file, its hash to the store.
new_tokens=$(jq -r --argjson u "$users" '. as $d | $u.users[].name | select($d[.] == null)' "$demo" | while read -r name; do
  token="rx_$(openssl rand -hex 24)"
  printf '%s\t%s\t%s\n' "$name" "$token" "$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
done | jq -Rsc 'split("\n") | map(select(. != "") | split("\t") | {name: .[0], token: .[1], hash: .[2]})')
jq --slurpfile net "$gw/network.json" --argjson u "$users" --argjson new "$new_tokens" --arg at "$(date -u +%FT%TZ)" '
  .users += ($u.users | map({key: .name, value: ($net[0].orgs[.org] as $o | {org, mspId: $o.mspId,
    certPath: "\($o.usersDir)/\(.name)/msp/signcerts/cert.pem", keyPath: "\($o.usersDir)/\(.name)/msp/keystore/key.pem", attrs})}) | from_entries)
  | .tokens += ($new | map({key: .hash, value: {user: .name, createdAt: $at}}) | from_entries)' "$store" >"$store.tmp"
jq --argjson new "$new_tokens" '. + ($new | map({key: .name, value: .token}) | from_entries)' "$demo" >"$demo.tmp"
(umask 077; mv "$store.tmp" "$store"; mv "$demo.tmp" "$demo")
chmod 600 "$store" "$demo"

# Sign-in passwords for the console: scrypt hashes in the store, the passwords in a 0600 file.
passwords="$gw/demo-passwords.json"
mapfile -t names < <(jq -r '.users[].name' "$ROOT/network/users.json")
(cd "$ROOT" && node -r ts-node/register/transpile-only scripts/demo/passwords-cli.ts "$gw" "${names[@]}") >/dev/null
chmod 600 "$store" "$passwords"
log "enrolled $count users; gateway identities in $store, demo tokens in $demo, demo passwords in $passwords"
