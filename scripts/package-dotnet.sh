#!/usr/bin/env bash
# Packages the .NET target where a dotnet SDK exists; elsewhere says so in one line and succeeds,
# so that the rest of package-all runs (the .NET target stays configured for a release machine).
# On GitHub Actions the workflows set up dotnet (actions/setup-dotnet): missing there, it fails, so that
# a release never goes out without its NuGet package.
set -euo pipefail
if command -v dotnet >/dev/null 2>&1; then
  jsii-pacmak -v --target dotnet
  exec python3 scripts/check-packages.py dotnet
fi
if [ "${GITHUB_ACTIONS:-}" = true ]; then
  echo "package:dotnet: no dotnet SDK, but this workflow job should have set one up (actions/setup-dotnet)" >&2
  exit 1
fi
echo "package:dotnet: skipped, no dotnet SDK on this machine (the .NET target stays configured for release)"
