# Shared paths and helpers for the network scripts. Sourced, never run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FABRIC_HOME="${FABRIC_HOME:-$ROOT/.fabric}"
FABRIC_BIN="$FABRIC_HOME/bin"
RUN_DIR="${RXCHAIN_RUN_DIR:-$ROOT/.run}"
export PATH="$FABRIC_BIN:/usr/local/go/bin:$PATH"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
