#!/usr/bin/env bash
# Builds the Fabric and Fabric CA binaries from the Go module proxy into .fabric/bin (git-ignored).
# The versions are pinned by scripts/fabric-modules/*/go.mod and verified by their go.sum.
# Idempotent: a binary already stamped with the pinned version is not rebuilt.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

FABRIC_MODULE=github.com/hyperledger/fabric
FABRIC_CA_MODULE=github.com/hyperledger/fabric-ca
FABRIC_VERSION=2.5.9   # release-2.5 commit pinned in fabric-modules/fabric/go.mod
FABRIC_CA_VERSION=1.5.15

command -v go >/dev/null || die "Go is not installed (needed to build Fabric)"
command -v gcc >/dev/null || die "gcc is not installed (fabric-ca-server needs cgo)"

# The checksum database has no entry for Fabric's commit pseudo-version; our committed go.sum
# pins its hash instead. -mod=mod lets go fill the module cache from go.mod without vendoring.
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}$FABRIC_MODULE"
export GOFLAGS="-mod=mod -trimpath"
mkdir -p "$FABRIC_BIN"

# A binary counts as installed when it exists and the stamp written after its build names the
# pinned version (osnadmin has no version command to ask).
stamped() { # binary version
  [ -x "$FABRIC_BIN/$1" ] && [ "$(cat "$FABRIC_BIN/.$1.version" 2>/dev/null)" = "$2" ]
}

build() { # module-dir version cgo ldflags package...
  local dir="$ROOT/scripts/fabric-modules/$1" version=$2 cgo=$3 ldflags=$4; shift 4
  for pkg in "$@"; do
    local name="${pkg##*/}"
    log "building $name"
    (cd "$dir" && CGO_ENABLED=$cgo go build -ldflags "$ldflags" -o "$FABRIC_BIN/$name" "$pkg")
    echo "$version" >"$FABRIC_BIN/.$name.version"
  done
}

fabric_ldflags="-X $FABRIC_MODULE/common/metadata.Version=$FABRIC_VERSION -X $FABRIC_MODULE/common/metadata.CommitSHA=7c3876255bf0"
missing=()
for t in peer orderer osnadmin configtxgen configtxlator; do
  stamped "$t" "$FABRIC_VERSION" || missing+=("$FABRIC_MODULE/cmd/$t")
done
[ ${#missing[@]} -eq 0 ] || build fabric "$FABRIC_VERSION" 0 "$fabric_ldflags" "${missing[@]}"

ca_ldflags="-X $FABRIC_CA_MODULE/lib/metadata.Version=$FABRIC_CA_VERSION"
missing=()
for t in fabric-ca-server fabric-ca-client; do
  stamped "$t" "$FABRIC_CA_VERSION" || missing+=("$FABRIC_CA_MODULE/cmd/$t")
done
[ ${#missing[@]} -eq 0 ] || build fabric-ca "$FABRIC_CA_VERSION" 1 "$ca_ldflags" "${missing[@]}"

# Fabric's own sampleconfig (core.yaml, orderer.yaml, configtx.yaml) is the base configuration;
# the scripts override it with environment variables rather than keeping copies.
src="$(cd "$ROOT/scripts/fabric-modules/fabric" && go list -m -f '{{.Dir}}' "$FABRIC_MODULE")/sampleconfig"
[ -f "$src/core.yaml" ] || die "Fabric sampleconfig not found at $src"
ln -sfn "$src" "$FABRIC_HOME/sampleconfig"
log "Fabric $FABRIC_VERSION and Fabric CA $FABRIC_CA_VERSION ready in $FABRIC_BIN"
