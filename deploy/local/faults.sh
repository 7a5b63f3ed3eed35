#!/usr/bin/env bash
# The fault tests at a larger size (32 clients, longer load around each fault) against this checkout's private
# PostgreSQL and a PostgreSQL of the tests' own: kill -9 of the service, pg_ctl restart -m immediate/fast, writer
# backends terminated mid-transaction, PostgreSQL down at start, the migration not run yet, a 1,000-item batch killed
# mid-way, races across two replicas, and the integration events under a killed replica, a broker restart and the broker
# stopped for 30 s under load. Prints the fault tables (markdown) and keeps each replica's log.
#   deploy/local/faults.sh [small|large]     (default large; the README's test command runs them small)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

source deploy/local/postgres.sh
FUNDLEDGER_PGBIN="$(pg_bin)"
export FUNDLEDGER_PGBIN
if [ -z "${ConnectionStrings__FundLedger:-}" ]; then
  pg_up
  ConnectionStrings__FundLedger="$(pg_connection_string postgres)"
  export ConnectionStrings__FundLedger
fi

# The integration events' fault tests publish to this checkout's private RabbitMQ.
source deploy/local/rabbitmq.sh
if [ -z "${FUNDLEDGER_AMQP:-}" ]; then
  rabbit_up
  FUNDLEDGER_AMQP="$(rabbit_uri)"
fi
export FUNDLEDGER_AMQP

out="${FUNDLEDGER_FAULT_OUT:-$root/tests/FundLedger.Tests/Operations/Faults/results}"
rm -rf "$out"
mkdir -p "$out"
export FUNDLEDGER_FAULT_SCALE="${1:-large}"
export FUNDLEDGER_FAULT_REPORT="$out/faults.jsonl"
export FUNDLEDGER_FAULT_LOGS="$out/logs"

dotnet build FundLedger.sln -c Release --nologo -v quiet
set +e
dotnet test tests/FundLedger.Tests -c Release --no-build --nologo --filter "Category=Faults" --logger "console;verbosity=normal" | tee "$out/test.log"
status=${PIPESTATUS[0]}
set -e

python3 - "$FUNDLEDGER_FAULT_REPORT" <<'PY' | tee "$out/table.md"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])] if __import__("os").path.exists(sys.argv[1]) else []
print("| fault | replicas | requests | writes | acknowledged | lost | duplicated | unknown outcome (recorded before retry → recorded after retry) | refused | not recorded (503 / connection refused) | 503 | 500 | fault took (s) | writes acknowledged again after (s) |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['Fault']} | {r['Replicas']} | {r['Requests']} | {r['Writes']} | {r['Acked']} | {r['Lost']} | {r['Duplicated']} | "
          f"{r['Unknown']} ({r['UnknownRecordedBeforeRetry']} → {r['UnknownResolvedRecorded']}) | {r['Refused']} | {r['NotRecorded']} | "
          f"{r['Answered503']} | {r['Answered500']} | {r['FaultSeconds']} | {r['RecoverySeconds']} |")
PY
if [ -f "$out/integration.md" ]; then
  {
    echo
    echo "| integration fault | replicas | events committed (published types) | delivered | lost | duplicates before dedupe | after dedupe | caught up after the load (s) |"
    echo "|---|---|---|---|---|---|---|---|"
    cat "$out/integration.md"
  } | tee -a "$out/table.md"
fi
exit "$status"
