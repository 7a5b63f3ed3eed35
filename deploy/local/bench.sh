#!/usr/bin/env bash
# The performance benchmark: one run measuring the service (with wrk) against raw PostgreSQL (with pgbench, or COPY)
# on this machine, each pair back to back. Release build, telemetry on (exported to a sink), clients on loopback.
# Writes tests/FundLedger.Benchmarks/results/bench.{md,json} and prints the table. About 20 minutes.
#   deploy/local/bench.sh            the full run (10,000 appropriations, up to 1,000,000 disbursements)
#   deploy/local/bench.sh --smoke    seconds-long, toy sizes: checks that every phase runs (CI runs it as a test)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source deploy/local/postgres.sh
need_wrk
export FUNDLEDGER_PGBIN="$(pg_bin)"
if [ -z "${ConnectionStrings__FundLedger:-}" ]; then
  pg_up
  export ConnectionStrings__FundLedger="$(pg_connection_string postgres)"
fi
dotnet build tests/FundLedger.Benchmarks -c Release --nologo -v quiet
out="$root/tests/FundLedger.Benchmarks/results"
[ "${1:-}" = --smoke ] && out="$(mktemp -d)"
dotnet tests/FundLedger.Benchmarks/bin/Release/net10.0/FundLedger.Benchmarks.dll "$@" --out "$out"
echo "results: $out/bench.md and $out/bench.json"
