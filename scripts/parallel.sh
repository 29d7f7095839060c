#!/usr/bin/env bash
# Runs groups of projen tasks side by side and fails when any of them fails.
#
#   bash scripts/parallel.sh 'test:unit' 'eslint' 'integ:verify validate'
#
# Each argument is one group: its tasks run one after another (a failed task stops its group), and
# the groups run at the same time, so that the test command keeps both cores of a small machine busy
# (jest alone leaves one idle while its last suites finish; eslint uses one core). Each group's output
# is kept in a file and printed whole when the group ends, with its duration, so that the outputs do
# not interleave.
set -uo pipefail
cd "$(dirname "$0")/.."

if [[ $# -eq 0 ]]; then
  echo "usage: bash scripts/parallel.sh '<task> [<task>...]' ['<task> ...' ...]" >&2
  exit 2
fi

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT

run_group() {
  local index="$1" tasks="$2" start task
  start=$(date +%s)
  for task in $tasks; do
    echo "--- npx projen $task (at $(($(date +%s) - start)) s)" >>"$logs/$index.log"
    if ! npx projen "$task" >>"$logs/$index.log" 2>&1; then
      echo "FAILED after $(($(date +%s) - start)) s: $task" >"$logs/$index.status"
      return 1
    fi
  done
  echo "passed in $(($(date +%s) - start)) s" >"$logs/$index.status"
}

index=0
for group in "$@"; do
  run_group "$index" "$group" &
  index=$((index + 1))
done

# Print each group as it ends (in the order they end), then a summary.
args=("$@")
failed=0
printed=" "
while true; do
  wait -n 2>/dev/null
  running="$(jobs -rp)"
  for ((i = 0; i < $#; i++)); do
    [[ "$printed" == *" $i "* ]] && continue
    if [[ ! -f "$logs/$i.status" ]]; then
      # a group that ended without a status was killed
      [[ -n "$running" ]] && continue
      echo "FAILED: ended without finishing" >"$logs/$i.status"
    fi
    printf '\n===== %s: %s\n' "${args[$i]}" "$(cat "$logs/$i.status")"
    cat "$logs/$i.log" 2>/dev/null
    grep -q '^FAILED' "$logs/$i.status" && failed=1
    printed+="$i "
  done
  [[ -z "$running" ]] && break
done

printf '\n===== summary\n'
for ((i = 0; i < $#; i++)); do
  printf '  %-28s %s\n' "${args[$i]}" "$(cat "$logs/$i.status")"
done
exit "$failed"
