#!/usr/bin/env bash
# Packages the .NET target where a dotnet SDK exists; elsewhere says so in one line and succeeds,
# so that the rest of package-all runs (the .NET target stays configured for a release machine).
set -euo pipefail
if command -v dotnet >/dev/null 2>&1; then
  jsii-pacmak -v --target dotnet
  exec python3 scripts/check-packages.py dotnet
fi
echo "package:dotnet: skipped, no dotnet SDK on this machine (the .NET target stays configured for release)"
