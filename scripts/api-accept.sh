#!/usr/bin/env bash
# Records the current public API (.jsii, after compile) as the compatibility baseline in api/baseline/,
# a minimal package that jsii-diff can load (its dependencies resolve from the repository's node_modules).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p api/baseline
cp .jsii api/baseline/.jsii
node -e "const p=require('./package.json');require('fs').writeFileSync('api/baseline/package.json', JSON.stringify({name:p.name,version:p.version,jsii:{outdir:'dist',targets:{}},types:'lib/index.d.ts',peerDependencies:p.peerDependencies},null,2)+'\n')"
echo "api:accept: api/baseline/ now holds the current public API; commit it with the reason for the change"
