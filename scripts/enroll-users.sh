#!/usr/bin/env bash
# Enrols the demo users of network/users.json (and of the orgs org:add added) through their orgs' CAs, with role, region and
# licence/institution attributes in their certificates, and writes the gateway's view of the
# network: peer endpoints, user identities and one bearer token per user (stored as a hash;
# the plain tokens go to a 0600 file for the demo and the tests). Re-running adds only what
# is missing.
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
enroll_user() { # org name type attrs (as the org, at its own CA)
  enroll_identity "$1" "$2" "$3" "$(org_dir "$1")/users/$2" "$4"
}
for i in $(seq 0 $((count - 1))); do
  u=$(jq -c ".users[$i]" <<<"$users")
  name=$(jq -r .name <<<"$u"); org=$(jq -r .org <<<"$u")
  [ -n "${MSP_ID[$org]:-}" ] || die "demo user $name belongs to $org, which is not in this network"
  attrs=$(jq -r '.attrs | to_entries | map("\(.key)=\(.value)") | join(",")' <<<"$u")
  type=client; [ "$(jq -r .attrs.role <<<"$u")" = admin ] && type=admin
  as_org "$org" enroll_user "$org" "$name" "$type" "$attrs"
done

# From here on this is the gateway's view, not an org's: the gateway acts for the users of every
# org on this machine, so it holds their certificates and keys (and each org's CA registrar, for
# POST /admin/users).

# Peer endpoints for the gateway: one entry per org.
jq -n --arg run "$RUN_DIR" --arg channel "$CHANNEL" --arg cc "$CC_NAME" \
  --argjson offset "$OFFSET" '
  {channel: $channel, chaincode: $cc, orgs: {}}' >"$gw/network.json.tmp"
for org in "${PEER_ORGS[@]}"; do
  jq --arg org "$org" --arg msp "${MSP_ID[$org]}" --arg ep "$(peer_address "$org")" \
    --arg tls "$(tls_root "$org")" --arg host "$(peer_name "$org")" \
    --arg ca "$(ca_url "$org")" --arg catls "$(ca_tls_root "$org")" --arg registrar "$(org_dir "$org")/ca-admin/msp" \
    --arg users "$(org_dir "$org")/users" \
    '.orgs[$org] = {mspId: $msp, peerEndpoint: $ep, peerHostAlias: $host, tlsRootCert: $tls,
       caUrl: $ca, caTlsRootCert: $catls, registrarMsp: $registrar, usersDir: $users}' \
    "$gw/network.json.tmp" >"$gw/network.json.tmp2" && mv "$gw/network.json.tmp2" "$gw/network.json.tmp"
done
mv "$gw/network.json.tmp" "$gw/network.json"

# Users and tokens. Existing tokens are kept, so a re-run does not log anyone out.
store="$gw/identities.json"
[ -f "$store" ] || echo '{"users": {}, "tokens": {}}' >"$store"
demo="$gw/demo-tokens.json"
[ -f "$demo" ] || echo '{}' >"$demo"
chmod 600 "$store" "$demo"
for i in $(seq 0 $((count - 1))); do
  u=$(jq -c ".users[$i]" <<<"$users")
  name=$(jq -r .name <<<"$u"); org=$(jq -r .org <<<"$u")
  dir="$(org_dir "$org")/users/$name/msp"
  jq --arg n "$name" --arg org "$org" --arg msp "${MSP_ID[$org]}" --arg cert "$dir/signcerts/cert.pem" \
    --arg key "$dir/keystore/key.pem" --argjson attrs "$(jq .attrs <<<"$u")" \
    '.users[$n] = {org: $org, mspId: $msp, certPath: $cert, keyPath: $key, attrs: $attrs}' \
    "$store" >"$store.tmp" && mv "$store.tmp" "$store"
  if [ "$(jq -r --arg n "$name" '.[$n] // ""' "$demo")" = "" ]; then
    token="rx_$(openssl rand -hex 24)"
    hash=$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)
    jq --arg h "$hash" --arg n "$name" --arg at "$(date -u +%FT%TZ)" \
      '.tokens[$h] = {user: $n, createdAt: $at}' "$store" >"$store.tmp" && mv "$store.tmp" "$store"
    jq --arg n "$name" --arg t "$token" '.[$n] = $t' "$demo" >"$demo.tmp" && mv "$demo.tmp" "$demo"
  fi
done
chmod 600 "$store" "$demo"
log "enrolled $count users; gateway identities in $store, demo tokens in $demo"
