#!/usr/bin/env bash
# The performance benchmark: one run measuring the service (with wrk) against raw PostgreSQL (with pgbench, or COPY)
# on this machine, each pair back to back. Release build, telemetry on (exported to a sink), clients on loopback.
# Writes tests/FundLedger.Benchmarks/results/bench.{md,json} and prints the table. About 20 minutes.
#   deploy/local/bench.sh            the full run (10,000 appropriations, up to 1,000,000 disbursements)
#   deploy/local/bench.sh --smoke    seconds-long, toy sizes: checks that every phase runs (CI runs it as a test)
#   deploy/local/bench.sh --verify-fresh   only: 1,000,000 events written in bulk into a fresh district, verified at once
#                                          (results/bench-verify-fresh.md)
#   deploy/local/bench.sh --live           only: 500 live streams at the replica's bound, the latency of other requests
#                                          meanwhile and the delivery latency (results/bench-live.md, about 2 minutes)
#   deploy/local/bench.sh --integration    only: the POST rate with the integration events' relay off and on, the relay's
#                                          catch-up, the 201-to-consumer latency (results/bench-integration.md; ~7 minutes with --seconds 20)
#   deploy/local/bench.sh --final-accounts only: the nine tables of a unit-year of 10,000 lines and 1,000,000 disbursements,
#                                          JSON, markdown, XLSX and checks, against the same sums in SQL
#                                          (results/bench-final-accounts.md, about 6 minutes)
#   deploy/local/bench.sh --gate REF       only: a change to the write path held to git REF's build: both builds, the same
#                                          phases each (POST 16/64, hot line, batch, rebuild), two rounds interleaved,
#                                          side by side (results/bench-gate.md, about 14 minutes)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source deploy/local/postgres.sh
need_wrk
FUNDLEDGER_PGBIN="$(pg_bin)"
export FUNDLEDGER_PGBIN
if [ -z "${ConnectionStrings__FundLedger:-}" ]; then
  pg_up
  ConnectionStrings__FundLedger="$(pg_connection_string postgres)"
  export ConnectionStrings__FundLedger
fi
if [ "${1:-}" = --integration ] && [ -z "${FUNDLEDGER_AMQP:-}" ]; then
  source deploy/local/rabbitmq.sh
  rabbit_up
  FUNDLEDGER_AMQP="$(rabbit_uri)"
  export FUNDLEDGER_AMQP
fi
dotnet build tests/FundLedger.Benchmarks -c Release --nologo -v quiet
out="$root/tests/FundLedger.Benchmarks/results"
if [ "${1:-}" = --smoke ]; then
  out="$(mktemp -d)"
else
  # The service as the container image runs it: Wolverine's code generated at build time (codegen write, then publish)
  # and loaded Static, so no compiler is loaded at run time. Built from a copy of the working tree.
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # publish SOURCE-DIR OUT-DIR: code generated, then published, as the image builds it.
  publish() {
    ( cd "$1"
      ConnectionStrings__FundLedger='Host=codegen-unused;Database=unused' Auth__SigningKey=codegen-only-key-codegen-only-key-0123456789 \
        dotnet run --project services/FundLedger.Api -c Release -- codegen write >/dev/null
      dotnet publish services/FundLedger.Api -c Release -o "$2" --nologo -v quiet >/dev/null )
  }
  mkdir "$work/src"
  tar --exclude=bin --exclude=obj -cf - services contracts Directory.Build.props Directory.Packages.props | tar -xf - -C "$work/src"
  publish "$work/src" "$work/service"
  export FUNDLEDGER_BENCH_SERVICE="$work/service"
  if [ "${1:-}" = --gate ]; then
    ref="${2:?usage: deploy/local/bench.sh --gate REF (the commit to compare with)}"
    mkdir "$work/baseline-src"
    git archive "$ref" services contracts Directory.Build.props Directory.Packages.props | tar -xf - -C "$work/baseline-src"
    publish "$work/baseline-src" "$work/baseline"
    export FUNDLEDGER_BENCH_BASELINE="$work/baseline"
    FUNDLEDGER_BENCH_BASELINE_NAME="$(git rev-parse --short "$ref")"
    FUNDLEDGER_BENCH_CURRENT_NAME="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- services contracts || echo +changes)"
    export FUNDLEDGER_BENCH_BASELINE_NAME FUNDLEDGER_BENCH_CURRENT_NAME
    shift 2
    set -- --gate "$@"
  fi
fi
dotnet tests/FundLedger.Benchmarks/bin/Release/net10.0/FundLedger.Benchmarks.dll "$@" --out "$out"
echo "results in $out"
