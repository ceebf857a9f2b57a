# Orderers, peers and the channel. Every function acts as one org: its own folder, plus the public
# material in the exchange. Sourced, never run.

node_dir() { echo "$(org_dir "$1")/nodes/$2"; }
# The orderers' TLS CA, as every org has it from the exchange.
orderer_ca() { tls_root "$ORDERER_ORG"; }
admin_msp() { echo "$(org_dir "$1")/users/admin/msp"; }
channel_block() { echo "$(exchange_dir)/channel/$CHANNEL.block"; }
consenter_cert() { echo "$(exchange_dir)/$ORDERER_ORG/nodes/$1/server.crt"; }

# The orderer org's node and admin identities; the orderers' TLS certificates (the channel's
# consenters) are public and go to the exchange.
create_orderer_identities() {
  local o host; host=$(host_of "$ORDERER_ORG")
  for o in "${ORDERERS[@]}"; do
    enroll_identity "$ORDERER_ORG" "$o" orderer "$(node_dir "$ORDERER_ORG" "$o")" "" "$o.$DOMAIN,$host"
    mkdir -p "$(dirname "$(consenter_cert "$o")")"
    cp "$(node_dir "$ORDERER_ORG" "$o")/tls/server.crt" "$(consenter_cert "$o")"
  done
  enroll_identity "$ORDERER_ORG" orgadmin admin "$(org_dir "$ORDERER_ORG")/users/admin" "role=admin"
}

create_peer_org_identities() { # org
  local org=$1 host; host=$(host_of "$1")
  enroll_identity "$org" peer0 peer "$(node_dir "$org" peer0)" "" "$(peer_name "$org"),$host"
  enroll_identity "$org" orgadmin admin "$(org_dir "$org")/users/admin" "role=admin"
  # The org's chaincode server gets its own TLS identity; the peer dials it with mutual TLS.
  enroll_identity "$org" ccserver client "$(node_dir "$org" ccserver)" "" "$host"
}

# One organisation as configtxgen's Organizations section takes it: its public MSP from the
# exchange, its policies by NodeOU role, its anchor peer (peer orgs) or orderer endpoints.
org_configtx() { # org
  local org=$1 m=${MSP_ID[$1]} o
  cat <<YAML
  - &${m}
    Name: ${m}
    ID: ${m}
    MSPDir: $(public_msp "$org")
    Policies:
YAML
  if [ "$org" = "$ORDERER_ORG" ]; then
    cat <<YAML
      Readers: { Type: Signature, Rule: "OR('${m}.member')" }
      Writers: { Type: Signature, Rule: "OR('${m}.member')" }
      Admins: { Type: Signature, Rule: "OR('${m}.admin')" }
    OrdererEndpoints:
YAML
    for o in "${ORDERERS[@]}"; do echo "      - $(orderer_address "$o")"; done
  else
    cat <<YAML
      Readers: { Type: Signature, Rule: "OR('${m}.admin', '${m}.peer', '${m}.client')" }
      Writers: { Type: Signature, Rule: "OR('${m}.admin', '${m}.client')" }
      Admins: { Type: Signature, Rule: "OR('${m}.admin')" }
      Endorsement: { Type: Signature, Rule: "OR('${m}.peer')" }
    AnchorPeers:
      - { Host: $(host_of "$org"), Port: $(port "${PEER_PORT[$org]}") }
YAML
  fi
}

# configtx.yaml for rxchannel: the organisations of the definition, the template's policies.
write_configtx() { # dir
  local dir=$1 org o refs=() consenters=""
  for org in "${PEER_ORGS[@]}"; do refs+=("*${MSP_ID[$org]}"); done
  for o in "${ORDERERS[@]}"; do
    consenters+="      - { Host: $(host_of "$ORDERER_ORG"), Port: $(port "${ORDERER_PORT[$o]}"), ClientTLSCert: $(consenter_cert "$o"), ServerTLSCert: $(consenter_cert "$o") }"$'\n'
  done
  mkdir -p "$dir"
  {
    echo "Organizations:"
    for org in "$ORDERER_ORG" "${PEER_ORGS[@]}"; do org_configtx "$org"; done
    ORDERER_ORG_REF="*${MSP_ID[$ORDERER_ORG]}" APPLICATION_ORG_REFS="$(IFS=,; echo "${refs[*]}" | sed 's/,/, /g')" \
      CONSENTERS="${consenters%$'\n'}" BATCH_TIMEOUT="${RXCHAIN_BATCH_TIMEOUT:-50ms}" \
      BATCH_MAX_MESSAGES="${RXCHAIN_BATCH_MAX_MESSAGES:-100}" \
      envsubst '$ORDERER_ORG_REF $APPLICATION_ORG_REFS $CONSENTERS $BATCH_TIMEOUT $BATCH_MAX_MESSAGES' \
      <"$ROOT/network/configtx.yaml.tmpl"
  } >"$dir/configtx.yaml"
}

# The channel's genesis block, made by the orderer org from the exchanged MSPs and published.
create_channel_block() {
  local block; block=$(channel_block)
  [ -f "$block" ] && return 0
  local dir; dir="$(org_dir "$ORDERER_ORG")/channel"
  write_configtx "$dir"
  mkdir -p "$(dirname "$block")"
  configtxgen -configPath "$dir" -profile RxChannel -channelID "$CHANNEL" \
    -outputBlock "$block" >>"$RUN_DIR/logs/configtxgen.log" 2>&1 \
    || die "configtxgen failed; see $RUN_DIR/logs/configtxgen.log"
}

start_orderer() { # name
  local o=$1 dir; dir=$(node_dir "$ORDERER_ORG" "$o")
  local host p a ops; host=$(host_of "$ORDERER_ORG")
  p=$(port "${ORDERER_PORT[$o]}"); a=$(port "${ORDERER_ADMIN_PORT[$o]}"); ops=$(port "${ORDERER_OPS_PORT[$o]}")
  is_running "$o" && return 0
  require_ports_free "$o" "$p" "$a" "$ops"
  mkdir -p "$dir/data"
  (
    export FABRIC_CFG_PATH="$FABRIC_HOME/sampleconfig"
    export FABRIC_LOGGING_SPEC="${RXCHAIN_ORDERER_LOGGING:-info}"
    export ORDERER_GENERAL_LISTENADDRESS="$host" ORDERER_GENERAL_LISTENPORT=$p
    export ORDERER_GENERAL_LOCALMSPID="${MSP_ID[$ORDERER_ORG]}" ORDERER_GENERAL_LOCALMSPDIR="$dir/msp"
    export ORDERER_GENERAL_TLS_ENABLED=true ORDERER_GENERAL_TLS_CERTIFICATE="$dir/tls/server.crt"
    export ORDERER_GENERAL_TLS_PRIVATEKEY="$dir/tls/server.key" ORDERER_GENERAL_TLS_ROOTCAS="[$dir/tls/ca.crt]"
    export ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$dir/tls/server.crt"
    export ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$dir/tls/server.key"
    export ORDERER_GENERAL_CLUSTER_ROOTCAS="[$dir/tls/ca.crt]"
    export ORDERER_GENERAL_BOOTSTRAPMETHOD=none ORDERER_CHANNELPARTICIPATION_ENABLED=true
    export ORDERER_ADMIN_LISTENADDRESS="$host:$a" ORDERER_ADMIN_TLS_ENABLED=true
    export ORDERER_ADMIN_TLS_CERTIFICATE="$dir/tls/server.crt" ORDERER_ADMIN_TLS_PRIVATEKEY="$dir/tls/server.key"
    export ORDERER_ADMIN_TLS_ROOTCAS="[$dir/tls/ca.crt]" ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
    export ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$dir/tls/ca.crt]"
    export ORDERER_FILELEDGER_LOCATION="$dir/data/ledger"
    export ORDERER_CONSENSUS_WALDIR="$dir/data/etcdraft/wal" ORDERER_CONSENSUS_SNAPDIR="$dir/data/etcdraft/snapshot"
    export ORDERER_OPERATIONS_LISTENADDRESS="$host:$ops" ORDERER_METRICS_PROVIDER=prometheus
    start_process "$o" "$dir" "$FABRIC_BIN/orderer"
  )
}

wait_orderer() { # name
  wait_for_port "$1" "$(host_of "$ORDERER_ORG")" "$(port "${ORDERER_PORT[$1]}")" 60
  wait_for_port "$1" "$(host_of "$ORDERER_ORG")" "$(port "${ORDERER_ADMIN_PORT[$1]}")" 60
}

join_orderer() { # name
  local o=$1 dir; dir=$(node_dir "$ORDERER_ORG" "$o")
  local osn=(-o "$(address_of "$ORDERER_ORG" "${ORDERER_ADMIN_PORT[$o]}")" --ca-file "$(orderer_ca)" --client-cert "$dir/tls/server.crt" --client-key "$dir/tls/server.key")
  if osnadmin channel list "${osn[@]}" --channelID "$CHANNEL" 2>/dev/null | grep -q '"status"'; then return 0; fi
  osnadmin channel join "${osn[@]}" --channelID "$CHANNEL" --config-block "$(channel_block)" \
    >>"$RUN_DIR/logs/osnadmin.log" 2>&1 || die "$o could not join $CHANNEL; see $RUN_DIR/logs/osnadmin.log"
}

# Peer CLI environment acting as an org's admin against its own peer.
peer_admin_env() { # org
  local org=$1
  export FABRIC_CFG_PATH="$FABRIC_HOME/sampleconfig"
  export CORE_PEER_TLS_ENABLED=true CORE_PEER_LOCALMSPID="${MSP_ID[$org]}"
  export CORE_PEER_MSPCONFIGPATH="$(admin_msp "$org")"
  export CORE_PEER_ADDRESS="$(peer_address "$org")"
  export CORE_PEER_TLS_ROOTCERT_FILE="$(org_dir "$org")/msp/tlscacerts/ca.pem"
  export FABRIC_LOGGING_SPEC=warning
}
# The orderer flags of the peer CLI (the first orderer of the definition; Raft forwards).
orderer_args() { echo "-o $(orderer_address "${ORDERERS[0]}") --tls --cafile $(orderer_ca)"; }

start_peer() { # org
  local org=$1 dir; dir=$(node_dir "$org" peer0)
  local host p cc ops; host=$(host_of "$org"); p=$(port "${PEER_PORT[$org]}"); cc=$((p + 1)); ops=$(port "${PEER_OPS_PORT[$org]}")
  is_running "peer-$org" && return 0
  require_ports_free "peer-$org" "$p" "$cc" "$ops"
  mkdir -p "$dir/config" "$dir/data"
  # Fabric's sampleconfig core.yaml with one change: the ccaas external builder's path.
  sed "s#/opt/hyperledger/ccaas_builder#$ROOT/network/ccaas-builder#" \
    "$FABRIC_HOME/sampleconfig/core.yaml" >"$dir/config/core.yaml"
  (
    export FABRIC_CFG_PATH="$dir/config"
    export FABRIC_LOGGING_SPEC="${RXCHAIN_PEER_LOGGING:-info}"
    export CORE_PEER_ID="$(peer_name "$org")" CORE_PEER_LOCALMSPID="${MSP_ID[$org]}" CORE_PEER_MSPCONFIGPATH="$dir/msp"
    export CORE_PEER_LISTENADDRESS="$host:$p" CORE_PEER_ADDRESS="$host:$p"
    export CORE_PEER_CHAINCODELISTENADDRESS="$host:$cc" CORE_PEER_CHAINCODEADDRESS="$host:$cc"
    export CORE_PEER_GOSSIP_BOOTSTRAP="$host:$p" CORE_PEER_GOSSIP_EXTERNALENDPOINT="$host:$p"
    export CORE_PEER_TLS_ENABLED=true CORE_PEER_TLS_CERT_FILE="$dir/tls/server.crt"
    export CORE_PEER_TLS_KEY_FILE="$dir/tls/server.key" CORE_PEER_TLS_ROOTCERT_FILE="$dir/tls/ca.crt"
    export CORE_PEER_FILESYSTEMPATH="$dir/data" CORE_LEDGER_STATE_STATEDATABASE=goleveldb
    # Ledger snapshots too (Fabric's default is /var/hyperledger/production/snapshots, shared by
    # every peer on the machine and not writable by an ordinary user).
    export CORE_LEDGER_SNAPSHOTS_ROOTDIR="$dir/data/snapshots"
    # A peer that becomes a member of a collection (org:add) fetches the private data written before
    # from the other members; every 5 s instead of Fabric's default minute.
    export CORE_PEER_GOSSIP_PVTDATA_RECONCILESLEEPINTERVAL=5s
    export CORE_OPERATIONS_LISTENADDRESS="$host:$ops" CORE_METRICS_PROVIDER=prometheus
    # No container runtime here: an empty endpoint keeps the peer from looking for Docker.
    export CORE_VM_ENDPOINT=""
    # Go's collector target for the peers (Go's default, 100, lets the heap reach twice the live data).
    [ -z "${RXCHAIN_PEER_GOGC:-}" ] || export GOGC="$RXCHAIN_PEER_GOGC"
    start_process "peer-$org" "$dir" "$FABRIC_BIN/peer" node start
  )
}

wait_peer() { wait_for_port "peer-$1" "$(host_of "$1")" "$(port "${PEER_PORT[$1]}")" 60; }

join_peer() { # org block
  local org=$1 block=$2
  (
    peer_admin_env "$org"
    if peer channel list 2>/dev/null | grep -qx "$CHANNEL"; then exit 0; fi
    peer channel join -b "$block" >>"$RUN_DIR/logs/peer-cli.log" 2>&1 \
      || die "peer of $org could not join $CHANNEL; see $RUN_DIR/logs/peer-cli.log"
  )
}
