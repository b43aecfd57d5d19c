#!/usr/bin/env bash
# The natural-but-wrong first attempts at a cost: each compiles, or the compiler's first error
# names the conversion to write.
#
# Type-checks every scripts/diagnostics/NN-name.swift against the built Descent modules. Each
# snippet's first line is `// expect: compiles` or `// expect: fix`. A snippet passes when it
# compiles, or, for `expect: fix`, when its first error mentions `S(`, `Variable(constant:`,
# `Variable(` or the word "constant". It fails, whatever it expects, when any error says "unable
# to type-check this expression in reasonable time" (the compiler's own limits; a time limit
# SOLVER_TIME_LIMIT_S may be set, default 600 s as in swiftc) or its first error mentions
# `Duration`, `SIMD` or `Stride`: types the cost never named.
#
# scripts/diagnostics/known-failing/ holds the snippets that still fail, for the record and for
# the next change to fix; they are not checked here. Check one by naming it.
#
# Usage: scripts/check-diagnostics.sh [--skip-build] [SNIPPET...]
#   --skip-build  use the modules already in .build (built by `swift build --target Descent`)
#   SNIPPET       check only these files (default: all of scripts/diagnostics/*.swift)
# Prints one line per snippet and "N passed, M failed"; exits 1 when a snippet fails.
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
snippets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) build=0 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*)
      echo "check-diagnostics: unknown argument '$1' (see --help)" >&2
      exit 2
      ;;
    *) snippets+=("$1") ;;
  esac
  shift
done
if [ ${#snippets[@]} = 0 ]; then
  shopt -s nullglob
  snippets=(scripts/diagnostics/*.swift)
fi
if [ ${#snippets[@]} = 0 ]; then
  echo "check-diagnostics: no snippets in scripts/diagnostics" >&2
  exit 1
fi

solver_limit_s="${SOLVER_TIME_LIMIT_S:-600}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=lib/descent-modules.sh
source scripts/lib/descent-modules.sh
descent_swiftc_flags diagnostics "$build" "$solver_limit_s"

passed=0
failed=0
for snippet in "${snippets[@]}"; do
  name=$(basename "$snippet" .swift)
  expect=$(head -n 1 "$snippet" | sed -n 's|^// *expect: *\([a-z]*\).*|\1|p')
  if [ "$expect" != compiles ] && [ "$expect" != fix ]; then
    echo "FAIL $name: the first line must be '// expect: compiles' or '// expect: fix'"
    failed=$((failed + 1))
    continue
  fi

  status=0
  swiftc "${swiftc_flags[@]}" "$snippet" >"$work/out" 2>&1 || status=$?
  first=$(grep -m 1 -E '(^|: )error: ' "$work/out" | sed -E 's|^.*error: ||' || true)
  if [ "$status" = 0 ]; then
    verdict=PASS
    detail="compiles"
  elif grep -q "unable to type-check this expression in reasonable time" "$work/out"; then
    verdict=FAIL
    detail="unable to type-check in reasonable time"
    [ -n "$first" ] && detail="$detail; first error: $first"
  elif [ -z "$first" ]; then
    verdict=FAIL
    detail="swiftc exited with status $status and no error line"
  elif grep -qE 'Duration|SIMD|Stride' <<<"$first"; then
    verdict=FAIL
    detail="names a type the cost never used: $first"
  elif [ "$expect" = compiles ]; then
    verdict=FAIL
    detail="expected to compile: $first"
  elif grep -qE 'S\(|Variable\(constant:|Variable\(' <<<"$first" \
    || sed "s/'let' constant//g" <<<"$first" | grep -qw constant; then
    verdict=PASS
    detail="names the fix: $first"
  else
    verdict=FAIL
    detail="does not name the fix: $first"
  fi
  if [ "$verdict" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  printf '%s %-40s (expect %s) %s\n' "$verdict" "$name" "$expect" "$detail"
done

echo "diagnostics: $passed passed, $failed failed"
[ "$failed" = 0 ]
