#!/usr/bin/env bash
# Records the current public API (.jsii, after compile) as the compatibility baseline: api/baseline.tgz
# holds the assembly and a minimal package.json that jsii-diff can load. Commit it with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp .jsii "$tmp/.jsii"
node -e "const p=require('./package.json');require('fs').writeFileSync(process.argv[1], JSON.stringify({name:p.name,version:p.version,jsii:{outdir:'dist',targets:{}},types:'lib/index.d.ts',peerDependencies:p.peerDependencies},null,2)+'\n')" "$tmp/package.json"
mkdir -p api
tar -czf api/baseline.tgz -C "$tmp" .jsii package.json
echo "api:accept: api/baseline.tgz now holds the current public API; commit it with the reason for the change"
