# Certificate authorities and identities: one fabric-ca-server per org, on the org's host, issues
# both enrolment and TLS certificates. Every function here acts as one org (its own folder).
# Sourced, never run.

ca_dir() { echo "$(org_dir "$1")/ca"; }
ca_url() { echo "https://$(address_of "$1" "${CA_PORT[$1]}")"; }
ca_tls_root() { echo "$(ca_dir "$1")/ca-cert.pem"; }

start_ca() { # org
  local org=$1 dir; dir=$(ca_dir "$org")
  local p host; p=$(port "${CA_PORT[$org]}"); host=$(host_of "$org")
  mkdir -p "$dir"
  if [ ! -f "$dir/admin.pw" ]; then
    (umask 077; openssl rand -hex 16 >"$dir/admin.pw")
  fi
  is_running "ca-$org" || require_ports_free "ca-$org" "$p" "$((p + 1))"
  chmod 700 "$dir"
  # The CA's configuration, written before its first start (when it generates its key and
  # certificate): the org's names in place of Fabric's sample ones, and the bootstrap admin's
  # password, which so never appears on a command line where any local user could read it.
  if [ ! -f "$dir/fabric-ca-server-config.yaml" ]; then
    (umask 077
      CA_ADMIN_PW=$(cat "$dir/admin.pw") CSR_C=CN CSR_ST="${ORG_REGION[$org]}" CSR_L="${ORG_REGION[$org]}" \
        CSR_O="${ORG_NAME[$org]}" CSR_OU="${ORG_KIND_LABEL[$org]}" \
        envsubst '$CA_ADMIN_PW $CSR_C $CSR_ST $CSR_L $CSR_O $CSR_OU' \
        <"$ROOT/network/fabric-ca-server-config.yaml.tmpl" >"$dir/fabric-ca-server-config.yaml")
  fi
  start_process "ca-$org" "$dir" "$FABRIC_BIN/fabric-ca-server" start \
    --home "$dir" --address "$host" --port "$p" \
    --ca.name "ca-$org" --csr.cn "ca.$org.$DOMAIN" --csr.hosts "ca.$org.$DOMAIN,$host" \
    --tls.enabled --operations.listenaddress "$host:$((p + 1))"
}

wait_ca() { wait_for_port "ca-$1" "$(host_of "$1")" "$(port "${CA_PORT[$1]}")" 60; }

fca() { # org fabric-ca-client args... (as the CA's bootstrap admin)
  local org=$1; shift
  fabric-ca-client "$@" -H "$(org_dir "$org")/ca-admin" --tls.certfiles "$(ca_tls_root "$org")" >/dev/null 2>>"$RUN_DIR/logs/ca-client.log"
}

enroll_ca_admin() { # org
  local org=$1
  [ -f "$(org_dir "$org")/ca-admin/msp/signcerts/cert.pem" ] && return 0
  local pw; pw=$(cat "$(ca_dir "$org")/admin.pw")
  fca "$org" enroll -u "https://admin:$pw@$(address_of "$org" "${CA_PORT[$org]}")" --csr.names "$(csr_names "$org")" \
    || die "could not enrol the CA admin of $org; see $RUN_DIR/logs/ca-client.log"
}

# The MSP folder layout Fabric expects, with our NodeOU config and a fixed CA file name.
normalise_msp() { # msp-dir
  local msp=$1
  local ca; ca=$(ls "$msp"/cacerts/*.pem | head -1)
  [ "$(basename "$ca")" = ca.pem ] || mv "$ca" "$msp/cacerts/ca.pem"
  mkdir -p "$msp/tlscacerts"
  cp "$msp/cacerts/ca.pem" "$msp/tlscacerts/ca.pem"
  cp "$ROOT/network/msp-config.yaml" "$msp/config.yaml"
  local key; key=$(ls "$msp"/keystore/* | head -1)
  [ "$(basename "$key")" = key.pem ] || mv "$key" "$msp/keystore/key.pem"
  chmod 600 "$msp/keystore/key.pem"
}

# Registers (once) and enrols an identity. attrs: comma-separated name=value pairs, written
# into the enrolment certificate (":ecert") so the chaincode can read them. tls-hosts: the
# names and addresses its TLS server certificate is valid for (none: no TLS certificate).
enroll_identity() { # org name type dest-dir attrs [tls-hosts]
  local org=$1 name=$2 type=$3 dest=$4 attrs=$5 hosts=${6:-}
  [ -f "$dest/msp/signcerts/cert.pem" ] && return 0
  local secret_file="$(org_dir "$org")/secrets/$name"
  mkdir -p "$(dirname "$secret_file")" "$dest"
  if [ ! -f "$secret_file" ]; then
    (umask 077; openssl rand -hex 12 >"$secret_file")
    local ecert_attrs=""
    if [ -n "$attrs" ]; then ecert_attrs=$(echo "$attrs" | sed 's/\(,\|$\)/:ecert\1/g'); fi
    fca "$org" register -u "$(ca_url "$org")" --id.name "$name" --id.secret "$(cat "$secret_file")" \
      --id.type "$type" ${ecert_attrs:+--id.attrs "$ecert_attrs"} \
      || die "could not register $name at the $org CA; see $RUN_DIR/logs/ca-client.log"
  fi
  local url="https://$name:$(cat "$secret_file")@$(address_of "$org" "${CA_PORT[$org]}")"
  fabric-ca-client enroll -u "$url" -M "$dest/msp" --csr.names "$(csr_names "$org")" --tls.certfiles "$(ca_tls_root "$org")" \
    >/dev/null 2>>"$RUN_DIR/logs/ca-client.log" || die "could not enrol $name at the $org CA"
  normalise_msp "$dest/msp"
  if [ -n "$hosts" ]; then
    fabric-ca-client enroll -u "$url" -M "$dest/tls-msp" --enrollment.profile tls --csr.hosts "$hosts" --csr.names "$(csr_names "$org")" \
      --tls.certfiles "$(ca_tls_root "$org")" >/dev/null 2>>"$RUN_DIR/logs/ca-client.log" \
      || die "could not enrol a TLS certificate for $name at the $org CA"
    mkdir -p "$dest/tls"
    cp "$dest"/tls-msp/signcerts/cert.pem "$dest/tls/server.crt"
    cp "$dest"/tls-msp/keystore/* "$dest/tls/server.key"
    cp "$dest"/tls-msp/tlscacerts/*.pem "$dest/tls/ca.crt"
    chmod 600 "$dest/tls/server.key"
    rm -rf "$dest/tls-msp"
  fi
}

# The org's public MSP, as the channel configuration knows it: its CA certificate (which is
# also its TLS CA) and NodeOU configuration, in its own folder and published to the exchange.
publish_msp() { # org
  local org=$1 dir
  for dir in "$(org_dir "$org")/msp" "$(public_msp "$org")"; do
    mkdir -p "$dir/cacerts" "$dir/tlscacerts"
    cp "$(ca_dir "$org")/ca-cert.pem" "$dir/cacerts/ca.pem"
    cp "$dir/cacerts/ca.pem" "$dir/tlscacerts/ca.pem"
    cp "$ROOT/network/msp-config.yaml" "$dir/config.yaml"
  done
}

# Once the org's CA answers: its registrar enrolled and its public MSP published.
ca_ready() { wait_ca "$1"; enroll_ca_admin "$1"; publish_msp "$1"; }
