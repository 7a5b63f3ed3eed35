#!/usr/bin/env bash
# Builds the service as an earlier commit had it, for the in-place upgrade test (tests/FundLedger.Tests/Operations/
# UpgradeInPlaceTests): deploy/local/previous-release.sh REF DIR leaves REF's FundLedger.Api.dll in DIR, built from
# `git archive REF` (nothing of the working tree), with REF's own Fengtai samples in DIR/samples (what that release's
# clients sent), and does nothing when DIR already holds that commit's build.
set -euo pipefail
ref="${1:?usage: deploy/local/previous-release.sh REF DIR}"
out="${2:?usage: deploy/local/previous-release.sh REF DIR}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
commit="$(git rev-parse --verify --quiet "$ref^{commit}")" || {
  echo "previous-release: $ref is not a commit of this clone (a shallow clone lacks the history the upgrade test needs)" >&2
  exit 1
}
if [ -f "$out/FundLedger.Api.dll" ] && [ -d "$out/samples" ] && [ "$(cat "$out/.commit" 2>/dev/null)" = "$commit" ]; then exit 0; fi
src="$(mktemp -d)"
trap 'rm -rf "$src"' EXIT
git archive "$commit" services contracts Directory.Build.props Directory.Packages.props | tar -xf - -C "$src"
rm -rf "$out"
dotnet build "$src/services/FundLedger.Api" -c Release -o "$out" --nologo -v quiet >/dev/null
cp -r "$src/contracts/samples/fengtai" "$out/samples"
echo "$commit" > "$out/.commit"
