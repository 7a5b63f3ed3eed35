#!/usr/bin/env bash
# Sends the demo requests to a running FundLedger through its public HTTP API, as a district system would.
# Safe to run again: every request carries its business key, so a reload is answered with replays.
set -euo pipefail
url="${1:-http://127.0.0.1:5080}"
file="${2:-$(cd "$(dirname "$0")/../.." && pwd)/contracts/samples/demo-2020.requests}"
district="${FUNDLEDGER_DEMO_DISTRICT:-110106}"
sent=0
while IFS= read -r line; do
  case "$line" in ''|'#'*) continue ;; esac
  method="${line%% *}"; rest="${line#* }"; path="${rest%% *}"; body="${rest#* }"
  status=$(curl -sS -o /tmp/fundledger-demo.out -w '%{http_code}' -X "$method" \
    "$url/api/v1/districts/$district$path" -H 'Content-Type: application/json' --data-binary "$body")
  case "$status" in
    2??) sent=$((sent + 1)) ;;
    *) echo "demo: $method $path answered $status: $(cat /tmp/fundledger-demo.out)" >&2; exit 1 ;;
  esac
done < "$file"
echo "demo: $sent requests loaded into district $district"
