# The chaincode as a service, per org: each org packages a ccaas package that points at its own
# chaincode server (with its peer's TLS client identity, so the package stays in the org's
# folder), installs it on its peer, runs its server and approves the channel's definition.
# Sourced after nodes.sh, never run.

# The chaincode definition every org approves, as the exchange holds it: sequence, version and
# the private data collections (generated from the definition for the sequence that introduced
# them). Written once per sequence by the org that proposes it (deploy-chaincode.sh).
cc_definition_dir() { echo "$(exchange_dir)/chaincode/$1"; } # sequence
cc_definition_args() { # sequence
  echo "-C $CHANNEL -n $CC_NAME --version $1 --sequence $1 --channel-config-policy /Channel/Application/Endorsement --collections-config $(cc_definition_dir "$1")/collections.json"
}

# network/collections.json with each collection's memberKinds turned into a policy over the
# MSP ids of the definition's orgs of those kinds.
write_collections() { # sequence
  local dir; dir=$(cc_definition_dir "$1")
  [ -f "$dir/collections.json" ] && return 0
  local orgs=() org
  for org in "${PEER_ORGS[@]}"; do orgs+=("${ORG_KIND[$org]}=${MSP_ID[$org]}"); done
  mkdir -p "$dir"
  jq --args '
    ($ARGS.positional | map(split("=") | {kind: .[0], msp: .[1]})) as $orgs
    | map(.memberKinds as $kinds
        | ([$orgs[] | select(.kind as $k | $kinds | index($k)) | "'"'"'\(.msp).member'"'"'"] | join(", ")) as $members
        | del(.memberKinds) + {policy: "OR(\($members))"})' "${orgs[@]}" \
    <"$ROOT/network/collections.json" >"$dir/collections.json.tmp"
  mv "$dir/collections.json.tmp" "$dir/collections.json"
}

cc_package_dir() { echo "$(org_dir "$1")/chaincode/$2"; } # org sequence

# Packages and installs the org's ccaas package for a sequence; prints its package id.
package_and_install() { # org sequence
  local org=$1 seq=$2 label="${CC_NAME}_$2" pkg; pkg=$(cc_package_dir "$1" "$2")
  local peer_tls; peer_tls="$(node_dir "$org" peer0)/tls"
  mkdir -p "$pkg/src"
  chmod 700 "$pkg"
  cat >"$pkg/src/connection.json" <<JSON
{
  "address": "$(address_of "$org" "${CC_PORT[$org]}")",
  "dial_timeout": "10s",
  "tls_required": true,
  "client_auth_required": true,
  "root_cert": $(jq -Rs . <"$(org_dir "$org")/msp/tlscacerts/ca.pem"),
  "client_cert": $(jq -Rs . <"$peer_tls/server.crt"),
  "client_key": $(jq -Rs . <"$peer_tls/server.key")
}
JSON
  chmod 600 "$pkg/src/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$label" >"$pkg/metadata.json"
  tar -C "$pkg/src" -czf "$pkg/code.tar.gz" connection.json
  tar -C "$pkg" -czf "$pkg/$label.tar.gz" metadata.json code.tar.gz
  local id; id=$( (peer_admin_env "$org"; peer lifecycle chaincode calculatepackageid "$pkg/$label.tar.gz") )
  (
    peer_admin_env "$org"
    if ! peer lifecycle chaincode queryinstalled -O json | jq -e --arg id "$id" '.installed_chaincodes[]? | select(.package_id == $id)' >/dev/null; then
      peer lifecycle chaincode install "$pkg/$label.tar.gz" >>"$RUN_DIR/logs/peer-cli.log" 2>&1 \
        || die "install on the $org peer failed; see $RUN_DIR/logs/peer-cli.log"
    fi
  )
  echo "$id"
}

# (Re)starts the org's chaincode server for a package id; returns once it listens.
start_cc_server() { # org package-id
  local org=$1 id=$2 ccdir; ccdir="$(node_dir "$org" ccserver)"
  local p; p=$(port "${CC_PORT[$org]}")
  stop_process "cc-$org"
  require_ports_free "cc-$org" "$p"
  # quiet-logging: the shim's loggers skip, instead of formatting and then dropping, what their level hides.
  start_process "cc-$org" "$ROOT/chaincode" "$(command -v node)" \
    --require "$ROOT/chaincode/dist/server/quiet-logging.js" "$ROOT/node_modules/fabric-shim/cli.js" server \
    --chaincode-address "$(address_of "$org" "${CC_PORT[$org]}")" --chaincode-id "$id" --module-path "$ROOT/chaincode" \
    --chaincode-tls-cert-file "$ccdir/tls/server.crt" --chaincode-tls-key-file "$ccdir/tls/server.key" \
    --chaincode-tls-client-cacert-file "$ccdir/tls/ca.crt"
}
wait_cc_server() { wait_for_port "cc-$1" "$(host_of "$1")" "$(port "${CC_PORT[$1]}")" 60; }

approve_definition() { # org sequence package-id (once: an org that approved the sequence is left as it is)
  local org=$1 seq=$2 id=$3
  (
    peer_admin_env "$org"
    if peer lifecycle chaincode queryapproved -C "$CHANNEL" -n "$CC_NAME" --sequence "$seq" >/dev/null 2>&1; then exit 0; fi
    # shellcheck disable=SC2046 # the argument lists are one word per flag and value
    peer lifecycle chaincode approveformyorg $(orderer_args) $(cc_definition_args "$seq") \
      --package-id "$id" >>"$RUN_DIR/logs/peer-cli.log" 2>&1 \
      || die "approval by $org failed; see $RUN_DIR/logs/peer-cli.log"
  )
}

# The sequence committed on the channel (0: none), as the org's own peer knows it.
committed_sequence() { # org
  (peer_admin_env "$1"; peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CC_NAME" -O json 2>/dev/null) | jq -r '.sequence // 0' 2>/dev/null || echo 0
}

# Package ids per org of the committed sequence (the driver's record, for --resume).
cc_current() { echo "$RUN_DIR/chaincode/current"; }
record_package_id() { # org package-id
  mkdir -p "$(dirname "$(cc_current)")"
  touch "$(cc_current)"
  grep -v "^PKG_$1=" "$(cc_current)" >"$(cc_current).tmp" || true
  printf 'PKG_%s=%s\n' "$1" "$2" >>"$(cc_current).tmp"
  mv "$(cc_current).tmp" "$(cc_current)"
}
