#!/usr/bin/env bash
# Smoke test of the README's first command on the real build: `npm start` with no configuration serves
# on port 3000 with PGlite under ./data, prints a generated admin key once, and keeps data across a restart.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -e data ] && { echo "smoke-start: ./data exists; refusing to touch it" >&2; exit 1; }
log=$(mktemp)
pid=
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; pid=; }
trap 'stop; rm -rf data "$log"' EXIT

start() {
  : >"$log"
  node dist/apps/api/src/main.js >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do curl -sf localhost:3000/health >/dev/null && return 0; sleep 0.5; done
  echo "smoke-start: the service did not become healthy" >&2; cat "$log" >&2; exit 1
}
check() { if ! eval "$2"; then echo "smoke-start: FAILED: $1" >&2; cat "$log" >&2; exit 1; fi; echo "smoke-start: ok: $1"; }

npm run build --silent
start
key=$(grep -o 'Bearer settle_[A-Za-z0-9_-]*' "$log" | head -1 | cut -d' ' -f2)
check "an admin key is printed on first start" '[ -n "$key" ]'
check "PGlite lives under ./data" '[ -d data/pglite ]'
curl -sf -X POST localhost:3000/v1/clients -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"clientId":"smoke","name":"Smoke Ltd","currency":"EUR","agreement":{"contact":{"name":"Sam","email":"sam@smoke.example","preferredChannel":"email"}}}' >/dev/null
curl -sf -X POST localhost:3000/v1/clients/smoke/invoices -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"invoiceId":"S-1","amount":"12.34","currency":"EUR"}' >/dev/null
stop

start
check "the key is not printed again" '! grep -q "Bearer settle_" "$log"'
balance=$(curl -sf localhost:3000/v1/clients/smoke -H "Authorization: Bearer $key" | node -pe 'JSON.parse(require("fs").readFileSync(0)).balance')
check "data written before the restart is there after it" '[ "$balance" = "12.34" ]'
stop
echo "smoke-start: 4 passed, 0 failed"
