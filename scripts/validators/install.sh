#!/usr/bin/env bash
# Installs the PyPI validators (cfn-lint, checkov) into <repo>/.venv, pinned by requirements.txt.
# Idempotent: a stamp file holding the hash of requirements.txt (and the Python version) makes a
# second run a quick no-op. cfn-guard needs no install: it ships in node_modules/@cdklabs/cdk-validator-cfnguard.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REQ="$ROOT/scripts/validators/requirements.txt"
VENV="${VALIDATORS_VENV:-$ROOT/.venv}"
STAMP="$VENV/.validators-stamp"
PYTHON="${PYTHON:-python3}"

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "validators: $PYTHON not found (need Python >= 3.9 with venv)" >&2
  exit 1
fi

want="$( { cat "$REQ" "$ROOT/scripts/validators/uv-requirements.txt"; "$PYTHON" -c 'import sys; print(sys.version_info[:2])'; } | sha256sum | cut -d' ' -f1)"

# One install at a time: the test command installs early in one group while another group's
# `validate` asks again; the second waits for the first, then finds the venv up to date.
mkdir -p "$(dirname "$VENV")"
exec 9>"$VENV.lock"
flock 9

if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" \
      && -x "$VENV/bin/cfn-lint" && -x "$VENV/bin/checkov" ]]; then
  echo "validators: up to date ($VENV)"
  exit 0
fi

if [[ ! -x "$VENV/bin/python" ]]; then
  echo "validators: creating venv $VENV"
  if ! "$PYTHON" -m venv "$VENV" >/dev/null; then
    echo "validators: '$PYTHON -m venv' failed (on Debian/Ubuntu: apt-get install python3-venv)" >&2
    rm -rf "$VENV"
    exit 1
  fi
fi

echo "validators: installing $(grep -Ev '^\s*(#|$)' "$REQ" | paste -sd' ' -)"
log="$(mktemp)"
# uv (pinned in uv-requirements.txt) resolves and installs the two tools in about 8 s and 15 s of CPU,
# byte-compiled in parallel; pip took 40 s and 38 s of CPU on 2 cores (docs/benchmark.md).
if ! { "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q -r "$ROOT/scripts/validators/uv-requirements.txt" \
       && "$VENV/bin/uv" pip install --quiet --compile-bytecode --python "$VENV/bin/python" -r "$REQ"; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "validators: install failed" >&2
  exit 1
fi
rm -f "$log"

# Smoke check: both tools start.
"$VENV/bin/cfn-lint" --version >/dev/null
"$VENV/bin/checkov" --version >/dev/null
echo "$want" >"$STAMP"
echo "validators: ready (cfn-lint $("$VENV/bin/cfn-lint" --version | awk '{print $2}'), checkov $("$VENV/bin/checkov" --version))"
