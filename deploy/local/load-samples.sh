#!/usr/bin/env bash
# Sends the sample requests (contracts/samples/fengtai/*.requests, in year order) to a running FundLedger through
# its public HTTP API, as a district finance system would. One request per line: METHOD PATH [JSON].
# Safe to run again: every write carries its business key, so a reload is answered with replays.
# Files go in byte order (2020.requests, then 2020_performance.requests, then 2021.requests).
# Needs TOKEN: a bearer token granting the district budget:write, disbursement:write and performance:write (run.sh mints one).
# A 409 means the district already holds an earlier version of the samples (a business key with another body): nothing of
# that request was recorded; the script says so and exits 3, and run.sh serves the data as it is.
set -euo pipefail
export LC_COLLATE=C
url="${1:-http://127.0.0.1:5080}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
district="${FUNDLEDGER_DEMO_DISTRICT:-110106}"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
sent=0
for file in "$root"/contracts/samples/fengtai/*.requests; do
  while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    method="${line%% *}"; rest="${line#* }"; path="${rest%% *}"
    body=""; [ "$rest" != "$path" ] && body="${rest#* }"
    status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$url/api/v1/districts/$district$path" \
      -H "Authorization: Bearer ${TOKEN:?set TOKEN to a bearer token for district $district}" \
      ${body:+-H 'Content-Type: application/json' --data-binary "$body"})
    case "$status" in
      2??) sent=$((sent + 1)) ;;
      409)
        echo "samples: district $district already holds an earlier version of the samples ($method $path answered 409)." >&2
        echo "samples: kept as recorded. To load these samples instead, stop the service and remove its private PostgreSQL" >&2
        echo "samples: directory (${FUNDLEDGER_PGHOME:-see deploy/local/postgres.sh}); run.sh makes a fresh one." >&2
        exit 3 ;;
      *) echo "samples: $method $path answered $status: $(cat "$out")" >&2; exit 1 ;;
    esac
  done < "$file"
done
echo "samples: $sent requests loaded into district $district"
