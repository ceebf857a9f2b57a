# Orderers, peers and the channel. Sourced, never run.

node_dir() { echo "$(org_dir "$1")/nodes/$2"; }
orderer_ca() { echo "$(org_dir orderer)/msp/tlscacerts/ca.pem"; }
admin_msp() { echo "$(org_dir "$1")/users/admin/msp"; }

create_node_identities() {
  local o org
  for o in "${ORDERERS[@]}"; do
    enroll_identity orderer "$o" orderer "$(node_dir orderer "$o")" "" "localhost,127.0.0.1,$o.rxchain.local"
  done
  enroll_identity orderer orgadmin admin "$(org_dir orderer)/users/admin" "role=admin"
  for org in "${PEER_ORGS[@]}"; do
    enroll_identity "$org" peer0 peer "$(node_dir "$org" peer0)" "" "localhost,127.0.0.1,$(peer_name "$org")"
    enroll_identity "$org" orgadmin admin "$(org_dir "$org")/users/admin" "role=admin"
    # The org's chaincode server gets its own TLS identity; the peer dials it with mutual TLS.
    enroll_identity "$org" ccserver client "$(node_dir "$org" ccserver)" "" "localhost,127.0.0.1"
  done
}

create_channel_block() {
  local block="$RUN_DIR/channel/$CHANNEL.block"
  [ -f "$block" ] && return 0
  mkdir -p "$RUN_DIR/channel"
  export RUN_DIR BATCH_TIMEOUT="${RXCHAIN_BATCH_TIMEOUT:-50ms}" BATCH_MAX_MESSAGES="${RXCHAIN_BATCH_MAX_MESSAGES:-100}"
  export ORDERER1_PORT=$(port 7050) ORDERER2_PORT=$(port 7150) ORDERER3_PORT=$(port 7250)
  export HOSPITAL_PEER_PORT=$(port 7051) PHARMACY_PEER_PORT=$(port 8051) INSURERSH_PEER_PORT=$(port 9051)
  export INSURERBJ_PEER_PORT=$(port 10051) REGULATOR_PEER_PORT=$(port 11051)
  envsubst <"$ROOT/network/configtx.yaml.tmpl" >"$RUN_DIR/channel/configtx.yaml"
  configtxgen -configPath "$RUN_DIR/channel" -profile RxChannel -channelID "$CHANNEL" \
    -outputBlock "$block" >>"$RUN_DIR/logs/configtxgen.log" 2>&1 \
    || die "configtxgen failed; see $RUN_DIR/logs/configtxgen.log"
}

start_orderer() { # name
  local o=$1 dir; dir=$(node_dir orderer "$o")
  local p a ops; p=$(port "${ORDERER_PORT[$o]}"); a=$(port "${ORDERER_ADMIN_PORT[$o]}"); ops=$(port "${ORDERER_OPS_PORT[$o]}")
  is_running "$o" && return 0
  require_ports_free "$o" "$p" "$a" "$ops"
  mkdir -p "$dir/data"
  (
    export FABRIC_CFG_PATH="$FABRIC_HOME/sampleconfig"
    export FABRIC_LOGGING_SPEC="${RXCHAIN_ORDERER_LOGGING:-info}"
    export ORDERER_GENERAL_LISTENADDRESS=127.0.0.1 ORDERER_GENERAL_LISTENPORT=$p
    export ORDERER_GENERAL_LOCALMSPID=OrdererMSP ORDERER_GENERAL_LOCALMSPDIR="$dir/msp"
    export ORDERER_GENERAL_TLS_ENABLED=true ORDERER_GENERAL_TLS_CERTIFICATE="$dir/tls/server.crt"
    export ORDERER_GENERAL_TLS_PRIVATEKEY="$dir/tls/server.key" ORDERER_GENERAL_TLS_ROOTCAS="[$dir/tls/ca.crt]"
    export ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$dir/tls/server.crt"
    export ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$dir/tls/server.key"
    export ORDERER_GENERAL_CLUSTER_ROOTCAS="[$dir/tls/ca.crt]"
    export ORDERER_GENERAL_BOOTSTRAPMETHOD=none ORDERER_CHANNELPARTICIPATION_ENABLED=true
    export ORDERER_ADMIN_LISTENADDRESS="127.0.0.1:$a" ORDERER_ADMIN_TLS_ENABLED=true
    export ORDERER_ADMIN_TLS_CERTIFICATE="$dir/tls/server.crt" ORDERER_ADMIN_TLS_PRIVATEKEY="$dir/tls/server.key"
    export ORDERER_ADMIN_TLS_ROOTCAS="[$dir/tls/ca.crt]" ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
    export ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$dir/tls/ca.crt]"
    export ORDERER_FILELEDGER_LOCATION="$dir/data/ledger"
    export ORDERER_CONSENSUS_WALDIR="$dir/data/etcdraft/wal" ORDERER_CONSENSUS_SNAPDIR="$dir/data/etcdraft/snapshot"
    export ORDERER_OPERATIONS_LISTENADDRESS="127.0.0.1:$ops" ORDERER_METRICS_PROVIDER=prometheus
    start_process "$o" "$dir" "$FABRIC_BIN/orderer"
  )
}

join_orderer() { # name
  local o=$1 dir; dir=$(node_dir orderer "$o")
  local a; a=$(port "${ORDERER_ADMIN_PORT[$o]}")
  local osn=(-o "127.0.0.1:$a" --ca-file "$(orderer_ca)" --client-cert "$dir/tls/server.crt" --client-key "$dir/tls/server.key")
  if osnadmin channel list "${osn[@]}" --channelID "$CHANNEL" 2>/dev/null | grep -q '"status"'; then return 0; fi
  osnadmin channel join "${osn[@]}" --channelID "$CHANNEL" --config-block "$RUN_DIR/channel/$CHANNEL.block" \
    >>"$RUN_DIR/logs/osnadmin.log" 2>&1 || die "$o could not join $CHANNEL; see $RUN_DIR/logs/osnadmin.log"
}

# Peer CLI environment acting as an org's admin against its own peer.
peer_admin_env() { # org
  local org=$1
  export FABRIC_CFG_PATH="$FABRIC_HOME/sampleconfig"
  export CORE_PEER_TLS_ENABLED=true CORE_PEER_LOCALMSPID="${MSP_ID[$org]}"
  export CORE_PEER_MSPCONFIGPATH="$(admin_msp "$org")"
  export CORE_PEER_ADDRESS="127.0.0.1:$(port "${PEER_PORT[$org]}")"
  export CORE_PEER_TLS_ROOTCERT_FILE="$(org_dir "$org")/msp/tlscacerts/ca.pem"
  export FABRIC_LOGGING_SPEC=warning
}

start_peer() { # org
  local org=$1 dir; dir=$(node_dir "$org" peer0)
  local p cc ops; p=$(port "${PEER_PORT[$org]}"); cc=$((p + 1)); ops=$(port "${PEER_OPS_PORT[$org]}")
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
    export CORE_PEER_LISTENADDRESS="127.0.0.1:$p" CORE_PEER_ADDRESS="127.0.0.1:$p"
    export CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$cc" CORE_PEER_CHAINCODEADDRESS="127.0.0.1:$cc"
    export CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:$p" CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:$p"
    export CORE_PEER_TLS_ENABLED=true CORE_PEER_TLS_CERT_FILE="$dir/tls/server.crt"
    export CORE_PEER_TLS_KEY_FILE="$dir/tls/server.key" CORE_PEER_TLS_ROOTCERT_FILE="$dir/tls/ca.crt"
    export CORE_PEER_FILESYSTEMPATH="$dir/data" CORE_LEDGER_STATE_STATEDATABASE=goleveldb
    # Ledger snapshots too (Fabric's default is /var/hyperledger/production/snapshots, shared by
    # every peer on the machine and not writable by an ordinary user).
    export CORE_LEDGER_SNAPSHOTS_ROOTDIR="$dir/data/snapshots"
    export CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$ops" CORE_METRICS_PROVIDER=prometheus
    # No container runtime here: an empty endpoint keeps the peer from looking for Docker.
    export CORE_VM_ENDPOINT=""
    start_process "peer-$org" "$dir" "$FABRIC_BIN/peer" node start
  )
}

join_peer() { # org
  local org=$1
  (
    peer_admin_env "$org"
    if peer channel list 2>/dev/null | grep -qx "$CHANNEL"; then exit 0; fi
    peer channel join -b "$RUN_DIR/channel/$CHANNEL.block" >>"$RUN_DIR/logs/peer-cli.log" 2>&1 \
      || die "peer of $org could not join $CHANNEL; see $RUN_DIR/logs/peer-cli.log"
  )
}
