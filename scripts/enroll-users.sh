#!/usr/bin/env bash
# Enrols the demo users of network/users.json through their orgs' CAs, with role, region and
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

is_running peer-hospital || die "the network is not running; start it with npm start (or npm run network:up)"
gw="$RUN_DIR/gateway"
mkdir -p "$gw"
chmod 700 "$gw"

count=$(jq '.users | length' "$ROOT/network/users.json")
for i in $(seq 0 $((count - 1))); do
  u=$(jq -c ".users[$i]" "$ROOT/network/users.json")
  name=$(jq -r .name <<<"$u"); org=$(jq -r .org <<<"$u")
  attrs=$(jq -r '.attrs | to_entries | map("\(.key)=\(.value)") | join(",")' <<<"$u")
  type=client; [ "$(jq -r .attrs.role <<<"$u")" = admin ] && type=admin
  enroll_identity "$org" "$name" "$type" "$(org_dir "$org")/users/$name" "$attrs"
done

# Peer endpoints for the gateway: one entry per org.
jq -n --arg run "$RUN_DIR" --arg channel "$CHANNEL" --arg cc "$CC_NAME" \
  --argjson offset "$OFFSET" '
  {channel: $channel, chaincode: $cc, orgs: {}}' >"$gw/network.json.tmp"
for org in "${PEER_ORGS[@]}"; do
  jq --arg org "$org" --arg msp "${MSP_ID[$org]}" --arg ep "127.0.0.1:$(port "${PEER_PORT[$org]}")" \
    --arg tls "$(org_dir "$org")/msp/tlscacerts/ca.pem" --arg host "$(peer_name "$org")" \
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
  u=$(jq -c ".users[$i]" "$ROOT/network/users.json")
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

# Sign-in passwords for the console: scrypt hashes in the store, the passwords in a 0600 file.
passwords="$gw/demo-passwords.json"
mapfile -t names < <(jq -r '.users[].name' "$ROOT/network/users.json")
(cd "$ROOT" && node -r ts-node/register/transpile-only scripts/demo/passwords-cli.ts "$gw" "${names[@]}") >/dev/null
chmod 600 "$store" "$passwords"
log "enrolled $count users; gateway identities in $store, demo tokens in $demo, demo passwords in $passwords"
