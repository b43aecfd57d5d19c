#!/usr/bin/env bash
# The type-checking budget: importing Descent must not slow down ordinary Swift, and a cost
# formula must type-check fast.
#
# Type-checks the corpus in scripts/typecheck/ with `-debug-time-function-bodies`, RUNS times
# (default 3; single runs vary by ±20 % on a loaded machine), and keeps each function's minimum:
#
#   plain*.swift   everyday Float/Double code, compiled with `-D WITH_DESCENT` (which imports
#                  Descent) and without. Gate: the summed time with the import is at most
#                  PLAIN_RATIO_BUDGET (default 1.25) times the time without, and the file compiles
#                  both ways.
#   costs*.swift   cost formulas written against Descent. Gate: no function over COST_BUDGET_MS
#                  (default 100), and every file compiles.
#   hard*.swift    formulas known to be slow: long single expressions full of literals, which the
#                  standard library's own generic numerics type-check slowly or not at all (Beale's
#                  function as one expression over BinaryFloatingPoint: "unable to type-check").
#                  Gate: every file compiles and no function is over HARD_BUDGET_MS (default 4000),
#                  which catches a regression; their times are reported.
#
# A file that does not compile and took over 20 s is type-checked once, not RUNS times. An
# expression the solver has not finished after SOLVER_TIME_LIMIT_S seconds (default 5) is
# abandoned with "unable to type-check this expression in reasonable time": it is far over any
# budget by then, and the limit keeps the run short.
#
# Usage: scripts/typecheck-budget.sh [--skip-build] [--runs N] [--verbose]
#   --skip-build  use the modules already in .build (built by `swift build --target Descent`)
#   --runs N      type-check each file N times (default 3)
#   --verbose     print every function's time
# Prints one summary line per gate, prefixed "typecheck", and exits 1 when a gate fails.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
build=1
verbose=0
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) build=0 ;;
    --runs)
      runs="${2:?--runs needs a number}"
      shift
      ;;
    --runs=*) runs="${1#--runs=}" ;;
    --verbose | -v) verbose=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "typecheck-budget: unknown argument '$1' (see --help)" >&2
      exit 2
      ;;
  esac
  shift
done
case "$runs" in
  '' | *[!0-9]* | 0)
    echo "typecheck-budget: --runs must be a positive integer, got '$runs'" >&2
    exit 2
    ;;
esac

plain_ratio_budget="${PLAIN_RATIO_BUDGET:-1.25}"
cost_budget_ms="${COST_BUDGET_MS:-100}"
hard_budget_ms="${HARD_BUDGET_MS:-4000}"
solver_limit_s="${SOLVER_TIME_LIMIT_S:-5}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=lib/descent-modules.sh
source scripts/lib/descent-modules.sh
descent_swiftc_flags typecheck "$build" "$solver_limit_s"
swiftc_flags+=(-Xfrontend -debug-time-function-bodies)

tab=$'\t'

# typecheck_once LABEL FILE [FLAG...]: type-checks FILE once, appending
# "LABEL<TAB>ms<TAB>location<TAB>description" to $work/times and, when it does not compile,
# "LABEL<TAB>location<TAB>message" for each error of its first failing run to $work/errors.
# Fails when FILE does not compile; sets `slow` when the run took over 20 s.
typecheck_once() {
  local label=$1 file=$2 status=0 started=$SECONDS
  shift 2
  swiftc "${swiftc_flags[@]}" "$@" "$file" >"$work/out" 2>&1 || status=$?
  slow=$((SECONDS - started > 20))
  grep -E "^[0-9.]+ms$tab" "$work/out" | sed "s|^|$label$tab|; s|ms$tab|$tab|" >>"$work/times" || true
  [ "$status" = 0 ] && return 0
  grep -q "^$label$tab" "$work/errors" && return 1
  grep -E '^[^ ]+:[0-9]+(:[0-9]+)?: error: ' "$work/out" \
    | sed -E "s|^([^ ]+:[0-9]+(:[0-9]+)?): error: |$label$tab\\1$tab|" >>"$work/errors" || true
  if ! grep -q "^$label$tab" "$work/errors"; then
    printf '%s\t%s\t%s\n' "$label" "$file" "swiftc exited with status $status" >>"$work/errors"
  fi
  echo "   $file ($label): does not compile"
  return 1
}

: >"$work/times"
: >"$work/errors"
shopt -s nullglob
plain_files=(scripts/typecheck/plain*.swift)
cost_files=(scripts/typecheck/costs*.swift)
hard_files=(scripts/typecheck/hard*.swift)
if [ ${#plain_files[@]} = 0 ] || [ ${#cost_files[@]} = 0 ]; then
  echo "typecheck: no corpus in scripts/typecheck (plain*.swift, costs*.swift)" >&2
  exit 1
fi

echo "== type-checking the corpus, $runs runs per file (solver limit ${solver_limit_s} s)"
# A file that does not compile and took over 20 s is not type-checked again: its times are those
# of the compiler's error path, and one run says enough.
for file in "${plain_files[@]}"; do
  # Without and with the import in turn, so that a change in the machine's load falls on both.
  repeat_without=1
  repeat_with=1
  for ((run = 1; run <= runs; run++)); do
    if [ "$repeat_without" = 1 ]; then
      typecheck_once "without:$file" "$file" || repeat_without=$((1 - slow))
    fi
    if [ "$repeat_with" = 1 ]; then
      typecheck_once "with:$file" "$file" -D WITH_DESCENT || repeat_with=$((1 - slow))
    fi
  done
done
for file in "${cost_files[@]}"; do
  for ((run = 1; run <= runs; run++)); do
    typecheck_once "cost:$file" "$file" || [ "$slow" = 0 ] || break
  done
done
for file in "${hard_files[@]}"; do
  for ((run = 1; run <= runs; run++)); do
    typecheck_once "hard:$file" "$file" || [ "$slow" = 0 ] || break
  done
done

# Everything below reads $work/times and $work/errors; awk does the arithmetic.
awk -F '\t' \
  -v verbose="$verbose" -v ratio_budget="$plain_ratio_budget" -v cost_budget="$cost_budget_ms" \
  -v hard_budget="$hard_budget_ms" \
  -v errors_file="$work/errors" '
  function short(description,    s) {
    s = description
    sub(/@[^@]*$/, "", s)               # the location repeated after the name
    sub(/^.*\(file\)\./, "", s)         # kind, module and file
    return s
  }
  function file_of(location) { sub(/:[0-9]+(:[0-9]+)?$/, "", location); return location }
  function line_of(location,    parts, n) {
    n = split(location, parts, ":")
    return parts[n - 1] + 0
  }
  function basename(path) { sub(/^.*\//, "", path); return path }
  function ms(x) { return sprintf("%.1f", x) }
  function runsText(fewest, most) {
    if (most == 1) return "1 run"
    if (fewest == most) return "min of " most " runs"
    return "min of " most " runs, 1 for a slow file that does not compile"
  }
  function formulaGates(kind, gate, budget, title,    i, k, slowest, formulas, over, overList, t, where, verdict, broken, label, fails, fewest, most) {
    fails = 0; fewest = ""; most = 0
    if (verbose) printf "\n%-73s %10s\n", title, "ms"
    slowest = ""; formulas = 0; over = 0; overList = ""
    for (i = 1; i <= n; i++) {
      split(order[i], k, SUBSEP)
      if (k[1] !~ ("^" kind ":")) continue
      formulas++
      if (fewest == "" || runsOf[order[i]] < fewest) fewest = runsOf[order[i]]
      if (runsOf[order[i]] > most) most = runsOf[order[i]]
      t = best[order[i]]
      where = basename(file_of(k[2])) ":" line_of(k[2])
      if (slowest == "" || t > best[slowest]) slowest = order[i]
      if (t > budget + 0) {
        over++
        overList = overList sprintf("   %-46s %-26s %10s ms%s\n", substr(name[order[i]], 1, 46), where, ms(t),
          (order[i] in failed) ? "  (does not compile)" : "")
      }
      if (verbose)
        printf "%-46s %-26s %10s%s\n", substr(name[order[i]] , 1, 46), where, ms(t),
          (order[i] in failed) ? "  (does not compile)" : ""
    }
    if (formulas == 0) return 0
    if (over > 0) printf "\n%ss over %s ms:\n%s", title, budget, overList
    split(slowest, k, SUBSEP)
    verdict = (over == 0) ? "ok" : "FAIL"
    if (verdict == "FAIL") fails++
    printf "\ntypecheck %s: %s: slowest %s (%s:%d) %s ms; %d of %d formulas over %s ms (%s)\n",
      gate, verdict, name[slowest], basename(file_of(k[2])), line_of(k[2]), ms(best[slowest]), over, formulas,
      budget, runsText(fewest, most)
    broken = ""
    for (label in count) if (label ~ ("^" kind ":")) {
      broken = broken sprintf("%s%s: %d error(s), first %s", (broken == "" ? "" : "; "),
        basename(substr(label, length(kind) + 2)), count[label], firstError[label])
    }
    if (broken == "") printf "typecheck %s compile: ok\n", gate
    else { fails++; printf "typecheck %s compile: FAIL: %s\n", gate, broken }
    return fails
  }
  # The function a diagnostic falls in: the one starting last at or before its line.
  function owner(label, location,    file, line, key, best, bestLine, l) {
    file = file_of(location); line = line_of(location); best = ""; bestLine = -1
    for (key in name) {
      split(key, kparts, SUBSEP)
      if (kparts[1] != label || file_of(kparts[2]) != file) continue
      l = line_of(kparts[2])
      if (l <= line && l > bestLine) { bestLine = l; best = kparts[2] }
    }
    return best
  }
  BEGIN {
    while ((getline row < errors_file) > 0) {
      split(row, e, "\t")
      count[e[1]]++
      if (!(e[1] in firstError)) firstError[e[1]] = e[2] ": error: " e[3]
      errorRows[++errorCount] = row
    }
  }
  $4 ~ /^(getter|setter|modify|_read|_modify|initializer) / && $2 < 0.1 { next }
  {
    key = $1 SUBSEP $3
    if (!(key in best) || $2 + 0 < best[key]) best[key] = $2 + 0
    name[key] = short($4)
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    runsOf[key]++
  }
  END {
    for (i = 1; i <= errorCount; i++) {
      split(errorRows[i], e, "\t")
      o = owner(e[1], e[2])
      if (o != "") failed[e[1] SUBSEP o] = 1
    }
    failures = 0

    # MARK: plain code, with and without the import
    withTotal = 0; withoutTotal = 0; functions = 0; cleanWith = 0; cleanWithout = 0
    if (verbose) printf "\n%-44s %10s %10s %7s\n", "plain function", "without", "with", "ratio"
    for (i = 1; i <= n; i++) {
      split(order[i], k, SUBSEP)
      if (k[1] !~ /^with:/) continue
      other = "without:" substr(k[1], 6) SUBSEP k[2]
      if (!(other in best)) continue
      functions++
      r = runsOf[order[i]] < runsOf[other] ? runsOf[order[i]] : runsOf[other]
      if (plainRuns == "" || r < plainRuns) plainRuns = r
      if (r > plainRunsMost) plainRunsMost = r
      withTotal += best[order[i]]; withoutTotal += best[other]
      broken = (order[i] in failed) || (other in failed)
      if (!broken) { cleanWith += best[order[i]]; cleanWithout += best[other] }
      if (verbose)
        printf "%-44s %10s %10s %7s%s\n", substr(name[order[i]], 1, 44), ms(best[other]),
          ms(best[order[i]]), (best[other] > 0 ? sprintf("%.2f", best[order[i]] / best[other]) : "-"),
          broken ? "  (does not compile)" : ""
    }
    ratio = withoutTotal > 0 ? withTotal / withoutTotal : 0
    verdict = (functions > 0 && ratio <= ratio_budget + 0) ? "ok" : "FAIL"
    if (verdict == "FAIL") failures++
    note = ""
    if (cleanWith != withTotal || cleanWithout != withoutTotal)
      note = sprintf("; %.2fx over the functions that compile both ways (%s / %s ms)",
        (cleanWithout > 0 ? cleanWith / cleanWithout : 0), ms(cleanWith), ms(cleanWithout))
    printf "\ntypecheck plain: %s: %.2fx (%s ms with import Descent, %s ms without; %d functions, %s; budget %sx)%s\n",
      verdict, ratio, ms(withTotal), ms(withoutTotal), functions, runsText(plainRuns, plainRunsMost), ratio_budget, note

    broken = ""
    for (label in count) if (label ~ /^with(out)?:/) {
      broken = broken sprintf("%s%s %s: %d error(s), first %s", (broken == "" ? "" : "; "),
        basename(substr(label, index(label, ":") + 1)),
        (label ~ /^with:/ ? "with import Descent" : "without the import"),
        count[label], firstError[label])
    }
    if (broken == "") printf "typecheck plain compiles: ok (with and without import Descent)\n"
    else { failures++; printf "typecheck plain compiles: FAIL: %s\n", broken }

    # MARK: cost formulas, everyday (cost:) and known slow (hard:)
    failures += formulaGates("cost", "costs", cost_budget, "cost formula")
    failures += formulaGates("hard", "hard", hard_budget, "known-slow formula")

    exit failures > 0 ? 1 : 0
  }
' "$work/times"
