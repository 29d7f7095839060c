#!/usr/bin/env bash
# Measures the README's test command the way a new contributor meets it: a fresh clone of HEAD,
# `npm ci`, then `npx projen test`, and prints the figures (docs/benchmark.md, "The test command").
# A benchmark, not a test: it never fails on a duration.
#
#   bash scripts/bench-test-command.sh [--keep]     (--keep leaves the clone and its logs in place)
#
# Commit first: it measures HEAD, not the working tree. The machine should be otherwise idle: the
# test command keeps every core busy, so anything else running adds to its wall time.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keep=false
[[ "${1:-}" == "--keep" ]] && keep=true

WORK="$(mktemp -d)"
$keep || trap 'rm -rf "$WORK"' EXIT
git clone --quiet --no-hardlinks "$ROOT" "$WORK/repo"
cd "$WORK/repo"

seconds() { /usr/bin/time -f '%e %U %S' -o "$WORK/$1.time" "${@:2}" >"$WORK/$1.log" 2>&1; }

echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, Node.js $(node --version), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git log -1 --format='%h %s')"
seconds install npm ci --no-audit --no-fund
read -r wall user sys <"$WORK/install.time"
echo "npm ci: ${wall} s wall"
status=0
seconds test npx projen test || status=$?
read -r wall user sys <"$WORK/test.time"
cpu=$(python3 -c "print(round($user + $sys))")
echo "npx projen test: ${wall} s wall ($(python3 -c "print(round($wall / 60, 1))") min), ${cpu} s CPU, exit ${status}"
# the groups of scripts/parallel.sh, with their own wall times, and what each tool counted
sed -n '/^===== summary/,$p' "$WORK/test.log" | tail -n +2
# a failed run may lack some of these lines: print what there is (pipefail would end the script here)
grep -hE '^Tests: |^validators: [0-9]+ template|^Test Suites: ' "$WORK/test.log" | sort -u || true
echo "integration snapshots unchanged: $(grep -c 'UNCHANGED' "$WORK/test.log" || true)"
$keep && echo "clone and logs kept in $WORK"
exit 0
