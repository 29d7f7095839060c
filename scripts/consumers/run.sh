#!/usr/bin/env bash
# Runs the consumer apps in examples/<language>/ against the freshly built packages in dist/
# (never a registry copy): each builds a network through the language's API (TypeScript: the README quick start;
# the others: the bundled example), synthesizes it without an AWS account and asserts on the template.
#
# Usage: scripts/consumers/run.sh [typescript] [python] [java] [go]      (default: all four)
# Needs dist/ built first: npx projen compile && npx projen package-all (CI does both)
#
# Environment (all optional):
#   CONSUMERS_VENV      Python venv             (default: .venv-consumers)
#   CONSUMERS_M2_REPO   Maven local repository  (default: ~/.m2/repository)
#   CONSUMERS_LOGS      where full logs go      (default: .consumers-logs)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIST="$ROOT/dist"
LOGS="${CONSUMERS_LOGS:-$ROOT/.consumers-logs}"
VENV="${CONSUMERS_VENV:-$ROOT/.venv-consumers}"
M2_REPO="${CONSUMERS_M2_REPO:-$HOME/.m2/repository}"
ALL=(typescript python java go)

langs=("$@")
[ ${#langs[@]} -eq 0 ] && langs=("${ALL[@]}")
for lang in "${langs[@]}"; do
  case "$lang" in
    typescript | python | java | go) ;;
    *) echo "consumers: unknown language '$lang' (choose from: ${ALL[*]})" >&2; exit 2 ;;
  esac
done
mkdir -p "$LOGS"
LOGS="$(cd "$LOGS" && pwd)"   # absolute: run_typescript changes directory

fail() { echo "$*" >&2; return 1; }

# Each run_<lang> writes to stdout/stderr (sent to the log) and prints its test count to fd 3.

run_typescript() {
  local tarball
  tarball="$(ls -t "$DIST"/js/*.tgz 2>/dev/null | head -n 1)" || true
  [ -n "$tarball" ] || fail "no tarball in dist/js: run npx projen package:js first"
  # Installed in a scratch copy outside the repository: an ecs-advanced-network under examples/ would
  # be picked up by jsii-docgen instead of the project's own assembly (a stale API.md).
  # Not local, and EXIT rather than RETURN: each run_<lang> runs in its own subshell, which `set -e`
  # may leave without returning, and the trap runs after the function's locals are gone.
  TS_WORK="$(mktemp -d)"
  trap 'rm -rf "$TS_WORK"' EXIT
  cp -r "$ROOT/examples/typescript/package.json" "$ROOT/examples/typescript/tsconfig.json" "$ROOT/examples/typescript/src" "$TS_WORK/"
  cd "$TS_WORK"
  # The pinned dependencies, then the package under test from dist/js (never from the registry).
  npm install --no-audit --no-fund --no-package-lock
  npm install --no-audit --no-fund --no-package-lock --no-save "$tarball"
  npm test
  grep -Eo '^# pass [0-9]+' "$LOGS/typescript.log" | tail -n 1 | grep -Eo '[0-9]+' >&3 || true
}

run_python() {
  local wheel
  wheel="$(ls -t "$DIST"/python/*.whl 2>/dev/null | head -n 1)" || true
  [ -n "$wheel" ] || fail "no wheel in dist/python: run jsii-pacmak --target python first"
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/pip" install --disable-pip-version-check -q -r "$ROOT/examples/python/requirements.txt"
  # Same version number on every local build: force the reinstall, or pip keeps the old wheel.
  "$VENV/bin/pip" install --disable-pip-version-check -q --force-reinstall --no-deps "$wheel"
  # The wheel's requirements (aws-cdk-lib>=2.257.0,<3.0.0 ...) must accept the app's pinned versions.
  "$VENV/bin/pip" check
  (cd "$ROOT/examples/python" && "$VENV/bin/python" -m pytest -q)
  grep -Eo '[0-9]+ passed' "$LOGS/python.log" | tail -n 1 | grep -Eo '[0-9]+' >&3 || true
}

run_java() {
  local meta version
  meta="$DIST/java/io/github/ecsadvancednetwork/ecs-advanced-network/maven-metadata.xml"
  [ -f "$meta" ] || fail "no package in dist/java: run jsii-pacmak --target java first"
  version="$(sed -n 's:.*<release>\(.*\)</release>.*:\1:p' "$meta")"
  # Maven never re-reads a release version it has cached: drop the copy of an earlier build.
  rm -rf "$M2_REPO/io/github/ecsadvancednetwork/ecs-advanced-network"
  (cd "$ROOT/examples/java" && mvn -B --no-transfer-progress test \
    -Dmaven.repo.local="$M2_REPO" -Decs-advanced-network.version="$version")
  # The POM's ranges must accept the app's own aws-cdk-lib 2.257.0 and constructs ("omitted for
  # duplicate"); "omitted for conflict" under the package means Maven overrode what the package asked for.
  (cd "$ROOT/examples/java" && mvn -B --no-transfer-progress -q \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:tree -Dverbose -DoutputFile="$LOGS/java-tree.txt" \
    -Dmaven.repo.local="$M2_REPO" -Decs-advanced-network.version="$version")
  awk '/^[+\\]- / { pkg = /^[+\\]- io\.github\.ecsadvancednetwork:ecs-advanced-network:/ } pkg' "$LOGS/java-tree.txt" | tee "$LOGS/java-tree-package.txt"
  [ -s "$LOGS/java-tree-package.txt" ] || fail "ecs-advanced-network is not in the dependency tree ($LOGS/java-tree.txt)"
  ! grep 'omitted for conflict' "$LOGS/java-tree-package.txt" || fail "the package's dependency ranges conflict with the app's versions (above)"
  cat "$ROOT"/examples/java/target/surefire-reports/TEST-*.xml 2>/dev/null \
    | sed -n 's:.*<testsuite [^>]* tests="\([0-9]*\)".*:\1:p' | awk '{n+=$1} END {print n+0}' >&3
}

run_go() {
  [ -f "$DIST/go/ecsadvancednetwork/go.mod" ] || fail "no module in dist/go: run jsii-pacmak --target go first"
  # The checksum database behind the module proxy reachable here answers 404 for aws-cdk-go and the
  # cdklabs modules; examples/go/go.sum holds their checksums, so nothing is fetched unverified.
  export GONOSUMDB="${GONOSUMDB:-github.com/aws/aws-cdk-go,github.com/cdklabs}"
  # Minimal version selection: the app's aws-cdk-go version must be the one that builds, not a newer
  # one that the package's go.mod asks for.
  local pinned selected
  pinned="$(sed -n 's:^[[:space:]]*github.com/aws/aws-cdk-go/awscdk/v2 \(v[^ ]*\)$:\1:p' "$ROOT/examples/go/go.mod")"
  selected="$(cd "$ROOT/examples/go" && go list -m -f '{{.Version}}' github.com/aws/aws-cdk-go/awscdk/v2)"
  echo "aws-cdk-go: the app pins $pinned, the build selects $selected"
  [ "$pinned" = "$selected" ] || fail "the package's go.mod raised aws-cdk-go from $pinned to $selected"
  (cd "$ROOT/examples/go" && go test -count=1 -v ./...)
  grep -c -E '^ +--- PASS' "$LOGS/go.log" >&3 || true
}

passed=0
failed=0
for lang in "${langs[@]}"; do
  log="$LOGS/$lang.log"
  count_file="$LOGS/$lang.count"
  : >"$count_file"
  start=$EPOCHREALTIME
  # Not inside `if`: bash ignores `set -e` in a condition, even in a subshell.
  set +e
  ( set -euo pipefail; "run_$lang" ) >"$log" 2>&1 3>"$count_file"
  rc=$?
  set -e
  if [ "$rc" -eq 0 ]; then status=PASS; else status=FAIL; fi
  secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}')
  tests="$(cat "$count_file")"
  rm -f "$count_file"
  printf 'consumer %-10s %s  %6s s  %s tests  (log: %s)\n' "$lang" "$status" "$secs" "${tests:-?}" "${log#"$ROOT"/}"
  if [ "$status" = PASS ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    tail -n 40 "$log" | sed 's/^/  | /'
  fi
done
echo "consumers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
