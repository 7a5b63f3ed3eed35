#!/usr/bin/env bash
# Runs FundLedger: on ConnectionStrings__FundLedger when set, otherwise on this checkout's own PostgreSQL
# (installed from Debian's packages when missing), loads the demo data and prints the URL. Ctrl+C stops it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
url="${FUNDLEDGER_URL:-http://127.0.0.1:5080}"

if [ -z "${ConnectionStrings__FundLedger:-}" ]; then
  source deploy/local/postgres.sh
  pg_up
  pg_database fundledger
  ConnectionStrings__FundLedger="$(pg_connection_string fundledger)"
  export ConnectionStrings__FundLedger
fi

# The integration events go to this checkout's own RabbitMQ (installed from Debian's packages when missing), unless a
# broker is configured or FUNDLEDGER_BROKER=0 (the service runs the same without one; nothing is published).
if [ -z "${FundLedger__Integration__RabbitMq:-}" ] && [ "${FUNDLEDGER_BROKER:-1}" != 0 ]; then
  source deploy/local/rabbitmq.sh
  rabbit_up
  FundLedger__Integration__RabbitMq="$(rabbit_uri)"
  export FundLedger__Integration__RabbitMq
  echo "integration events: exchange fundledger.events on $FundLedger__Integration__RabbitMq" >&2
fi

# A signing key for local tokens, made once per machine and kept outside the repository.
if [ -z "${Auth__SigningKey:-}" ] && [ -z "${Auth__Authority:-}" ]; then
  keyfile="${FUNDLEDGER_KEYFILE:-$HOME/.fundledger/local-signing-key}"
  mkdir -p "$(dirname "$keyfile")"
  [ -s "$keyfile" ] || (umask 077; head -c 48 /dev/urandom | base64 -w0 > "$keyfile")
  Auth__SigningKey="$(cat "$keyfile")"
  export Auth__SigningKey
fi

dotnet build services/FundLedger.Api -c Release --nologo -v quiet
api=services/FundLedger.Api/bin/Release/net10.0/FundLedger.Api.dll
# The host's start-up lines (listening, "Hosting environment: Production", content root) say nothing a local user needs:
# this script prints the address itself once the service is ready.
env "Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning" dotnet "$api" --urls "$url" &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null' EXIT INT TERM

for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null && break
  kill -0 $service 2>/dev/null || { echo "FundLedger did not start" >&2; exit 1; }
  sleep 0.5
done
export TOKEN="${TOKEN:-$(dotnet "$api" token --sub local-clerk --client local-system --districts 110106 --scopes all --minutes 480)}"
if [ "${FUNDLEDGER_DEMO:-1}" != 0 ]; then
  # 3: the demo district holds an earlier version of the samples; the service serves it as recorded.
  FUNDLEDGER_PGHOME="${FUNDLEDGER_PGHOME:-}" bash deploy/local/load-samples.sh "$url" || { loaded=$?; [ "$loaded" = 3 ] || exit "$loaded"; }
fi
echo "FundLedger is serving on $url"
echo "  dashboard: $url/dashboard/   API reference: $url/docs   OpenAPI: $url/openapi/v1.json"
echo
echo "export TOKEN=$TOKEN"
echo
echo "The line above is a token for district 110106 (丰台区) with every scope, valid 8 hours: paste it (all of it, or just"
echo "the token) into the dashboard's sign-in box, or into a shell before the README's examples. Ctrl+C stops the service."
wait $service
