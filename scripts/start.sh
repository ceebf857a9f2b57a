#!/usr/bin/env bash
# npm start: installs what is missing, builds, brings the network up, deploys the chaincode,
# enrols the demo users and starts the gateway on localhost.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
started=$SECONDS

[ -d "$ROOT/node_modules/fabric-contract-api" ] || (cd "$ROOT" && npm ci --no-audit --no-fund)
(cd "$ROOT" && npx tsc -b)
# The console the gateway serves: rebuilt when missing or older than its sources.
if [ ! -f "$ROOT/console/dist/index.html" ] || [ -n "$(find "$ROOT/console/src" "$ROOT/console/index.html" -newer "$ROOT/console/dist/index.html" -print -quit)" ]; then
  (cd "$ROOT" && npm run --silent build -w console)
fi
bash "$ROOT/scripts/install-fabric.sh"
bash "$ROOT/scripts/network.sh" up
bash "$ROOT/scripts/deploy-chaincode.sh" --ensure
source "$ROOT/scripts/lib/topology.sh"
bash "$ROOT/scripts/enroll-users.sh"
bash "$ROOT/scripts/gateway.sh" start
RXCHAIN_RUN_DIR="$RUN_DIR" node -r ts-node/register/transpile-only "$ROOT/scripts/demo/seed-cli.ts"
gw="http://127.0.0.1:$(port "${RXCHAIN_PORT:-$GATEWAY_PORT_BASE}")"
cat <<EOT

rxchain is up in $((SECONDS - started)) s.
  Console:       $gw/   (sign in with a demo user below)
  API docs:      $gw/docs
  Health:        $gw/health
  Demo tokens:   $RUN_DIR/gateway/demo-tokens.json   (e.g. jq -r .doctor1 $RUN_DIR/gateway/demo-tokens.json)
  Demo sign-in:  $RUN_DIR/gateway/demo-passwords.json (e.g. jq -r .doctor1 $RUN_DIR/gateway/demo-passwords.json)
$(jq -r 'to_entries[] | "\(.key) \(.value)"' "$RUN_DIR/gateway/demo-passwords.json" | awk '{ printf "                 %-16s %s\n", $1, $2 }')
  Logs:          $RUN_DIR/logs/
  Stop:          npm stop       (npm run network:clean also wipes ledgers and keys)
EOT
