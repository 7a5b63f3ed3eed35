#!/usr/bin/env bash
# Runs every test: unit tests of the domain, HTTP integration tests against a real PostgreSQL, the integration events through a
# real RabbitMQ, and the dashboard in Chromium.
# Uses ConnectionStrings__FundLedger when set (its server must let the role create databases and roles);
# otherwise starts this checkout's private PostgreSQL. Ends with "N passed, N failed".
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

source deploy/local/postgres.sh
need_wrk
need_chromium
need_browser_tools
FUNDLEDGER_PGBIN="$(pg_bin)"
export FUNDLEDGER_PGBIN
# The private RabbitMQ broker the integration-event tests publish to and consume from (FUNDLEDGER_AMQP when one is given).
source deploy/local/rabbitmq.sh
if [ -z "${FUNDLEDGER_AMQP:-}" ]; then
  rabbit_up
  FUNDLEDGER_AMQP="$(rabbit_uri)"
fi
export FUNDLEDGER_AMQP
if [ -z "${ConnectionStrings__FundLedger:-}" ]; then
  pg_up
  ConnectionStrings__FundLedger="$(pg_connection_string postgres)"
  export ConnectionStrings__FundLedger
fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT
set +e
dotnet test FundLedger.sln -c Release --nologo 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e

# dotnet test prints one "Passed!/Failed!  - Failed: n, Passed: n, Skipped: n, Total: n" line per test assembly.
read -r passed failed total < <(grep -E '(Passed|Failed)! +- Failed: +[0-9]+' "$out" |
  sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+), Total: +([0-9]+).*/\1 \2 \4/' |
  awk '{f+=$1; p+=$2; t+=$3} END {print p+0, f+0, t+0}')

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a build or host failure is a failure
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$total" -gt 0 ]
