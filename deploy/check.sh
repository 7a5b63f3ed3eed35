#!/usr/bin/env bash
# Checks the repository's deployment and contract files with the field's tools, without a Docker engine or a
# Kubernetes cluster. Installs nothing: run .ci/setup first (CI does). One line per check, "ok" or "FAIL" with
# the tool's findings below it; exits 1 on any failure.
#   - shellcheck: every shell script
#   - yamllint: every YAML file (.yamllint.yaml)
#   - docker-compose: `config -q` on docker-compose.yml
#   - dockerfile-utils and dockerfilelint: deploy/container/Dockerfile (syntax; build practice)
#   - kubectl kustomize: renders each kustomization; Spectral lints the objects (deploy/checks/kubernetes.spectral.yaml)
#   - Spectral: contracts/openapi/v1.json against the OpenAPI rules (deploy/checks/openapi.spectral.yaml)
#   - pytest: deploy/checks/test_deployment.py: what only FundLedger knows (roles, Secrets, probes, policies)
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
tools="${FUNDLEDGER_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/fundledger-tools}"
PATH="$tools/node_modules/.bin:$PATH"
python=/usr/bin/python3
"$python" -c 'import pytest, yaml' 2>/dev/null || python=python3

failures=0
check() {   # check NAME COMMAND...: runs the command, prints ok/FAIL and, on failure, its output indented; fails with it
  local name=$1 out; shift
  if out=$("$@" 2>&1); then
    echo "ok   $name"
  else
    echo "FAIL $name"; echo "     ${out//$'\n'/$'\n'     }"
    failures=$((failures + 1))
    return 1
  fi
}
for tool in shellcheck yamllint docker-compose kubectl spectral dockerfile-utils dockerfilelint; do
  command -v "$tool" >/dev/null || { echo "FAIL $tool is not installed: run .ci/setup"; exit 1; }
done

mapfile -t scripts < <(git ls-files '*.sh' .ci/run .ci/setup)
mapfile -t yamls < <(git ls-files '*.yaml' '*.yml')
check "shellcheck: ${#scripts[@]} scripts" shellcheck -x "${scripts[@]}"
check "yamllint: ${#yamls[@]} files" yamllint -s "${yamls[@]}"
check "docker-compose $(docker-compose version --short 2>/dev/null): config -q accepts docker-compose.yml" \
  docker-compose -f docker-compose.yml config -q
check "dockerfile-utils: deploy/container/Dockerfile" dockerfile-utils lint deploy/container/Dockerfile
# dockerfilelint's own format check misreads HEALTHCHECK's --start-period; dockerfile-utils checks the syntax.
check "dockerfilelint: deploy/container/Dockerfile" dockerfilelint -c deploy/checks deploy/container/Dockerfile

rendered=$(mktemp -d)
trap 'rm -rf "$rendered"' EXIT
render() {   # render KUSTOMIZATION FILE: the objects as one kind: List document, since Spectral reads one per file
  kubectl kustomize "$1" >"$2.yaml" && "$python" -c 'import json, sys, yaml
print(json.dumps({"apiVersion": "v1", "kind": "List", "items": [o for o in yaml.safe_load_all(sys.stdin) if o]}))' \
    <"$2.yaml" >"$2"
}
for k in deploy/kubernetes/base deploy/kubernetes/overlays/*; do
  file="$rendered/$(basename "$k").json"
  if check "kubectl kustomize: $k renders" render "$k" "$file"; then
    check "spectral: $k meets deploy/checks/kubernetes.spectral.yaml" \
      spectral lint -q -f text -F warn -r deploy/checks/kubernetes.spectral.yaml "$file"
  fi
done
check "spectral: contracts/openapi/v1.json meets deploy/checks/openapi.spectral.yaml" \
  spectral lint -q -f text -F warn -r deploy/checks/openapi.spectral.yaml contracts/openapi/v1.json
check "pytest: deploy/checks (FundLedger's own deployment rules)" \
  "$python" -m pytest -q -p no:cacheprovider deploy/checks

if [ "$failures" -eq 0 ]; then
  echo "deploy/check.sh: all checks passed"
else
  echo "deploy/check.sh: $failures check(s) failed" >&2
  exit 1
fi
