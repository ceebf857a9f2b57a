# The network's shape, from its definition (network/network.yaml; see scripts/network/definition.ts):
# organisations, hosts, nodes and ports as bash arrays, plus where each org's material lives.
# Sourced after common.sh, never run.
# RXCHAIN_PORT_OFFSET shifts every port, so the test suite can run its own network beside a
# running demo network.
OFFSET="${RXCHAIN_PORT_OFFSET:-0}"
NETWORK_DEFINITION="${RXCHAIN_NETWORK:-$ROOT/network/network.yaml}"
definition_cli() { node -r ts-node/register/transpile-only "$ROOT/scripts/network/definition-cli.ts" "$@"; }

# The run's own definition once the network is up (it grows with org:add); before that, the
# definition file's. RXCHAIN_TOPOLOGY names another generated file (org:add's pending one).
if [ -n "${RXCHAIN_TOPOLOGY:-}" ]; then
  source "$RXCHAIN_TOPOLOGY"
elif [ -f "$RUN_DIR/network/topology.sh" ]; then
  source "$RUN_DIR/network/topology.sh"
else
  [ -d "$ROOT/node_modules/yaml" ] || die "node_modules missing; run npm ci"
  _topology=$(definition_cli topology "$NETWORK_DEFINITION") || die "the network definition $NETWORK_DEFINITION is not valid (above)"
  eval "$_topology"
  unset _topology
fi

GATEWAY_PORT_BASE=3000

port() { echo $(($1 + OFFSET)); }

# Each step of the network runs as one organisation (as_org ORG command...): it reads and writes
# that org's own folder, and only the public material the orgs exchange (exchange_dir). Asking for
# another org's folder inside a step is an error, so no step can reach another org's keys.
org_dir() {
  if [ -n "${ACTING_ORG:-}" ] && [ "$1" != "$ACTING_ORG" ]; then
    # A bug in a step, not a user error: stop the whole script, not only this $(...) subshell.
    printf 'error: a step acting as %s asked for %s'"'"'s own folder (only public material in %s is shared)\n' "$ACTING_ORG" "$1" "$(exchange_dir)" >&2
    kill -s TERM $$
    exit 1
  fi
  echo "$RUN_DIR/orgs/$1"
}
as_org() { ( ACTING_ORG=$1; shift; "$@" ); }
# `fn ORG` as each ORG, all at once (they do not depend on one another); fails naming those that failed.
as_each_org() { # fn org...
  local fn=$1 jobs=() org failed=""; shift
  for org in "$@"; do as_org "$org" "$fn" "$org" & jobs+=("$!:$org"); done
  for org in "${jobs[@]}"; do wait "${org%%:*}" || failed+=" ${org#*:}"; done
  [ -z "$failed" ] || die "$fn failed for:$failed (above)"
}
# What the orgs hand each other: MSP definitions (CA and TLS CA certificates, NodeOU config), the
# orderers' TLS certificates, the channel's genesis block, config updates to sign, the chaincode
# definition's parameters. Addresses come from the definition itself.
exchange_dir() { echo "$RUN_DIR/exchange"; }
public_msp() { echo "$(exchange_dir)/$1/msp"; }
tls_root() { echo "$(public_msp "$1")/tlscacerts/ca.pem"; }

host_of() { echo "${ORG_HOST[$1]}"; }
address_of() { echo "$(host_of "$1"):$(port "$2")"; } # org base-port
peer_name() { echo "peer0.$1.$DOMAIN"; }
peer_address() { address_of "$1" "${PEER_PORT[$1]}"; }
orderer_address() { address_of "$ORDERER_ORG" "${ORDERER_PORT[$1]}"; }
# An org's names as fabric-ca-client's --csr.names takes them.
csr_names() { echo "C=CN,ST=${ORG_REGION[$1]},L=${ORG_REGION[$1]},O=${ORG_NAME[$1]}"; }
