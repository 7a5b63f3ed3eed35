#!/usr/bin/env bash
# Start-up time of a published FundLedger with and without Wolverine's pre-generated code, measured the way the
# container image is built (codegen write, then publish): time from process start until /health/ready answers 200
# and until the first disbursement POST is answered (the first request of an endpoint compiles it when Dynamic).
# Usage: deploy/container/measure-startup.sh [runs]   (uses the checkout's private PostgreSQL)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-3}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
source deploy/local/postgres.sh
pg_up
key=$(head -c 48 /dev/urandom | base64 -w0)

git clone -q "$root" "$work/src"
( cd "$work/src"
  dotnet publish services/FundLedger.Api -c Release -o "$work/dynamic" --nologo -v q >/dev/null
  ConnectionStrings__FundLedger='Host=codegen-unused;Database=unused' Auth__SigningKey="$key" \
    dotnet run --project services/FundLedger.Api -c Release -- codegen write >/dev/null
  dotnet publish services/FundLedger.Api -c Release -o "$work/static" --nologo -v q >/dev/null )

now_ms() { date +%s%3N; }
measure() {  # $1 build dir, $2 code generation mode, $3 run number
  local db="fundledger_startup_${2,,}_$3" port=$((5190 + RANDOM % 500)) start ready first pid token district=110106
  pg_database "$db"
  start=$(now_ms)
  ConnectionStrings__FundLedger="$(pg_connection_string "$db")" Auth__SigningKey="$key" FundLedger__CodeGeneration="$2" \
    dotnet "$1/FundLedger.Api.dll" --urls "http://127.0.0.1:$port" >"$work/log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do kill -0 $pid || { cat "$work/log"; exit 1; }; sleep 0.05; done
  ready=$(now_ms)
  token=$(Auth__SigningKey="$key" dotnet "$1/FundLedger.Api.dll" token --sub bench --client bench --districts $district --scopes all --minutes 5)
  local b="http://127.0.0.1:$port/api/v1/districts/$district/years/2020"
  curl -fs -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -X POST "$b/appropriations" \
    -d '{"code":"P1","name":"n","department":{"code":"D1","name":"d"},"kind":"project","functionClass":"2070899","fundSource":"general-budget","originalAmount":"100.00","enactedOn":"2020-01-01"}'
  local before; before=$(now_ms)
  curl -fs -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -X POST "$b/appropriations/P1/disbursements" \
    -d '{"voucherNo":"V1","amount":"1.00","paidOn":"2020-03-31","costItem":"x"}'
  first=$(now_ms)
  kill $pid; wait $pid 2>/dev/null || true
  as_pg "$(pg_bin)/psql" -h "$FUNDLEDGER_PGHOME" -p "$FUNDLEDGER_PGPORT" -U postgres -d postgres -qc "drop database $db" >/dev/null
  echo "| $2 | $3 | $((ready - start)) | $((first - before)) |"
}

echo "| code | run | start → ready (ms) | first disbursement POST (ms) |"
echo "|---|---|---|---|"
for i in $(seq 1 "$runs"); do measure "$work/dynamic" Dynamic "$i"; measure "$work/static" Static "$i"; done
