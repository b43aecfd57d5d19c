#!/usr/bin/env bash
# A/B benchmark: two builds of the benchmark executable, run alternately in one session, compared
# line by line. Single runs on a shared machine vary by far more than the differences worth
# finding; running the builds in turn (old, new, old, new, …) lets a change in the machine's load
# weigh on both alike, and the median over rounds of each line's new/old ratio discards the
# rounds a burst of load spoiled.
#
# Usage: scripts/ab-benchmark.sh [--rounds N] [--skip-build] OLD NEW [GROUP ...]
#   OLD, NEW      each a directory holding the package (a worktree) or a commit; a commit is
#                 checked out into a detached worktree under $AB_WORKTREES (default
#                 /tmp/descent-ab), kept for the next run.
#   GROUP ...     benchmark groups (default: array-rosenbrock array-linreg perceptron rosenbrock
#                 linreg training)
#   --rounds N    runs of each build (default 5)
#   --skip-build  use the executables already built
# Each side is built in release into <its directory>/.build-ab, one build at a time (never in
# parallel: the builds would slow each other and any benchmark running beside them).
#
# Prints, per measurement line (workload and variant), the median over rounds of
# new median_s / old median_s, with the smallest and largest ratio, and marks lines whose median
# ratio is above 1.05. The raw JSON lines are kept in $AB_OUTPUT (default a temporary directory),
# as old-<round>.jsonl and new-<round>.jsonl.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=5
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="${2:?--rounds needs a number}"; shift ;;
    --skip-build) build=0 ;;
    -h | --help) sed -n '2,25p' "$0"; exit 0 ;;
    *) break ;;
  esac
  shift
done
if [ $# -lt 2 ]; then
  echo "usage: scripts/ab-benchmark.sh [--rounds N] [--skip-build] OLD NEW [GROUP ...]" >&2
  exit 2
fi
old_spec="$1"
new_spec="$2"
shift 2
groups=("$@")
if [ ${#groups[@]} -eq 0 ]; then
  groups=(array-rosenbrock array-linreg perceptron rosenbrock linreg training)
fi

# A directory is used as it is; a commit gets a worktree of its own.
resolve() {
  local spec="$1"
  if [ -d "$spec" ]; then
    (cd "$spec" && pwd)
    return
  fi
  local commit
  commit="$(git -C "$root" rev-parse --verify "$spec^{commit}")" || {
    echo "ab-benchmark: $spec is neither a directory nor a commit" >&2
    exit 2
  }
  local directory="${AB_WORKTREES:-/tmp/descent-ab}/${commit:0:12}"
  if [ ! -d "$directory" ]; then
    git -C "$root" worktree add --detach "$directory" "$commit" >&2
  fi
  echo "$directory"
}
old_dir="$(resolve "$old_spec")"
new_dir="$(resolve "$new_spec")"

if [ "$build" = 1 ]; then
  for directory in "$old_dir" "$new_dir"; do
    echo "== building benchmarks in $directory (release)" >&2
    (cd "$directory" && swift build -c release --product benchmarks --build-path .build-ab) >&2
  done
fi
old_bin="$old_dir/.build-ab/release/benchmarks"
new_bin="$new_dir/.build-ab/release/benchmarks"
for binary in "$old_bin" "$new_bin"; do
  [ -x "$binary" ] || { echo "ab-benchmark: no executable at $binary" >&2; exit 1; }
done

output="${AB_OUTPUT:-$(mktemp -d)}"
mkdir -p "$output"
echo "== $rounds rounds of: ${groups[*]}; raw lines in $output" >&2
for round in $(seq 1 "$rounds"); do
  echo "-- round $round: old" >&2
  "$old_bin" "${groups[@]}" > "$output/old-$round.jsonl"
  echo "-- round $round: new" >&2
  "$new_bin" "${groups[@]}" > "$output/new-$round.jsonl"
done

# One record per line: side, round, workload/variant, median_s.
for side in old new; do
  for round in $(seq 1 "$rounds"); do
    sed -nE 's/.*"workload": "([^"]*)", "variant": "([^"]*)", "median_s": ([^,}]*).*/\1\t\2\t\3/p' \
      "$output/$side-$round.jsonl" | awk -v side="$side" -v round="$round" -F '\t' \
      '{ print side "\t" round "\t" $1 " / " $2 "\t" $3 }'
  done
done | awk -F '\t' -v rounds="$rounds" '
  function median(values, n,    i, j, t) {
    for (i = 2; i <= n; i++) {
      t = values[i]
      for (j = i - 1; j >= 1 && values[j] > t; j--) values[j + 1] = values[j]
      values[j + 1] = t
    }
    return n % 2 ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
  }
  {
    if (!($3 in seen)) { seen[$3] = 1; order[++lines] = $3 }
    time[$1, $2, $3] = $4
  }
  END {
    printf "%-58s %8s %8s %8s %12s\n", "line (workload / variant)", "median", "min", "max", "old median_s"
    slower = 0
    for (l = 1; l <= lines; l++) {
      key = order[l]; n = 0; lo = ""; hi = ""; m = 0
      for (r = 1; r <= rounds; r++) {
        if (((("old", r, key) in time)) && ((("new", r, key) in time)) && time["old", r, key] > 0) {
          ratio = time["new", r, key] / time["old", r, key]
          ratios[++n] = ratio
          olds[n] = time["old", r, key]
          if (lo == "" || ratio < lo) lo = ratio
          if (hi == "" || ratio > hi) hi = ratio
        }
      }
      if (n == 0) { printf "%-58s %8s\n", key, "missing"; continue }
      mid = median(ratios, n)
      oldMid = median(olds, n)
      flag = mid > 1.05 ? "  SLOWER" : ""
      if (mid > 1.05) slower++
      printf "%-58s %8.3f %8.3f %8.3f %12.4g%s\n", key, mid, lo, hi, oldMid, flag
    }
    if (slower > 0) { printf "%d line(s) slower by more than 5 %%\n", slower; exit 1 }
  }'
