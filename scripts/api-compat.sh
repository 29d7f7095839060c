#!/usr/bin/env bash
# Fails when the public API (.jsii, after compile) breaks compatibility with the accepted baseline in
# api/baseline.tgz. The baseline is unpacked only for the comparison: a second `.jsii` of the same
# package lying in the tree would be picked up by jsii-docgen. It is unpacked inside the repository
# so that its dependencies (constructs, aws-cdk-lib) resolve from node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=".api-baseline"
rm -rf "$tmp" && mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
tar -xzf api/baseline.tgz -C "$tmp"
jsii-diff "$tmp" . --error-on all --keys
