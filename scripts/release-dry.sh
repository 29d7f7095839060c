#!/usr/bin/env bash
# A release without tests and without publishing: what `npx projen release` does in the release
# workflow before its publish jobs, on a scratch clone of HEAD, so the working tree is never touched.
#   1. bump: the version from the conventional commits since the last release tag, and the changelog
#      (dist/version.txt, dist/changelog.md, dist/releasetag.txt; package.json gets the version)
#   2. compile and package every language at that version (each package:<language> checks its package)
#   3. check all the packages together (scripts/check-packages.py), then unbump, and fail if the
#      release changed a committed file (the release task's last step)
# The tests are left out (CI runs them before this; with them it is `npx projen release`, ~8 minutes).
#
# With no release tag yet, the first release is v0.0.0 with an empty changelog, which would leave the
# bump untested; the scratch clone then tags its root commit v0.0.0, so that the bump, the changelog
# and the packages are those of the release after the first one.
#
# Usage: scripts/release-dry.sh   (commit first: it releases HEAD, not the working tree)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MAJOR="${MAJOR:-0}"   # the release branch's major version (majorVersion in .projenrc.ts)

fail() { echo "release:dry: $*" >&2; exit 1; }
say() { printf 'release:dry: %s\n' "$*"; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
git clone --quiet --no-hardlinks "$ROOT" "$WORK/repo"
cd "$WORK/repo"
# The project's dependencies, as installed; nothing is installed into or from the clone.
ln -s "$ROOT/node_modules" node_modules

last_tag="$(git describe --tags --abbrev=0 --match "v${MAJOR}.*" 2>/dev/null || true)"
if [ -z "$last_tag" ]; then
  root_commit="$(git rev-list --max-parents=0 HEAD | tail -n 1)"
  git tag v0.0.0 "$root_commit"
  say "no release tag yet, so the first release will be v0.0.0; simulating v0.0.0 on the root commit ${root_commit:0:7} (in the scratch clone only)"
else
  say "last release: $last_tag"
fi

export RELEASE=true MAJOR
npx projen bump
for f in dist/version.txt dist/changelog.md dist/releasetag.txt; do
  [ -s "$f" ] || fail "bump did not write $f"
done
version="$(cat dist/version.txt)"
[ "$(node -p 'require("./package.json").version')" = "$version" ] || fail "package.json does not carry the bumped version $version"
[ "$version" != "0.0.0" ] || fail "bump computed no new version from the commits since the last tag"
grep -q "^##* \[\?${version//./\\.}\]\?" dist/changelog.md || fail "dist/changelog.md has no entry for $version"
say "version $version, tag $(cat dist/releasetag.txt); changelog:"
head -n 40 dist/changelog.md | sed 's/^/  | /'   # head reads the file: no SIGPIPE under pipefail

npx projen compile
npx projen package-all
python3 scripts/check-packages.py

npx projen unbump
[ "$(node -p 'require("./package.json").version')" = "0.0.0" ] || fail "unbump did not restore version 0.0.0"
git diff --ignore-space-at-eol --exit-code || fail "the release changed committed files (above)"
say "ok: v$version would be released (bump, changelog and every package built and checked; nothing published)"
