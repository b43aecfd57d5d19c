#!/usr/bin/env bash
# Compiles every ```swift block of README.md, so that the README's code compiles as written.
#
# The blocks are written, in order, into the main.swift of one scratch package that depends on
# this repository by path (product `Descent`), and built once (debug). They go into one file
# because the README reads as one tour: a later block uses what an earlier one defined
# (`rosenbrock`). Each block is preceded by `#sourceLocation(file: "README.md", line: N)`, so the
# compiler's errors point at the README's own lines. A block preceded by the line
# `<!-- no-compile -->` is skipped.
#
# Usage: scripts/check-readme.sh
# Environment: README_SCRATCH, a directory to build the scratch package in and keep between runs
#   (default: a temporary directory, removed at exit; its first build compiles Descent, about a
#   minute on 2 cores).
# Prints one line per block and the compiler's errors for a block that fails; exits 1 when a
# block does not compile.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readme="$root/README.md"

if [ -n "${README_SCRATCH:-}" ]; then
  scratch="$README_SCRATCH"
  mkdir -p "$scratch"
else
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
fi

# The block table: "start end skipped" per block, start and end the lines of the code itself.
blocks=$(awk '
  /^```swift[[:space:]]*$/ && !inside { inside = 1; start = NR + 1; skip = (previous ~ /^<!-- *no-compile *-->[[:space:]]*$/); next }
  /^```[[:space:]]*$/ && inside { inside = 0; print start, NR - 1, skip }
  { previous = $0 }
  END { if (inside) { print "unterminated", start; exit 1 } }
' "$readme") || {
  echo "check-readme: README.md has an unterminated \`\`\`swift block" >&2
  exit 1
}
if [ -z "$blocks" ]; then
  echo "check-readme: no \`\`\`swift blocks in README.md" >&2
  exit 1
fi

# The scratch package. A path dependency's identity is the last component of its path.
identity=$(basename "$root")
mkdir -p "$scratch/Sources/ReadmeSnippets"
cat >"$scratch/Package.swift" <<EOF
// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "ReadmeSnippets",
  dependencies: [.package(path: "$root")],
  targets: [
    .executableTarget(
      name: "ReadmeSnippets",
      dependencies: [.product(name: "Descent", package: "$identity")])
  ],
  swiftLanguageModes: [.v6]
)
EOF

main="$scratch/Sources/ReadmeSnippets/main.swift"
: >"$main"
while read -r start end skip; do
  [ "$skip" = 1 ] && continue
  printf '#sourceLocation(file: "README.md", line: %d)\n' "$start" >>"$main"
  sed -n "${start},${end}p" "$readme" >>"$main"
  printf '#sourceLocation()\n' >>"$main"
done <<<"$blocks"

log="$scratch/build.log"
status=0
swift build --package-path "$scratch" >"$log" 2>&1 || status=$?

# Errors as "line message", each counted once (the compiler repeats an error in its excerpt).
errors=$(grep -E '(^|/)README\.md:[0-9]+:[0-9]+: error: ' "$log" \
  | sed -E 's|^(.*/)?README\.md:([0-9]+):[0-9]+: error: |\2 |' | sort -n -u || true)

failed=0
number=0
while read -r start end skip; do
  number=$((number + 1))
  if [ "$skip" = 1 ]; then
    echo "SKIP block $number, README.md:$start-$end (<!-- no-compile -->)"
    continue
  fi
  mine=$(awk -v s="$start" -v e="$end" '$1 >= s && $1 <= e' <<<"$errors")
  if [ -n "$mine" ]; then
    failed=$((failed + 1))
    echo "FAIL block $number, README.md:$start-$end"
    sed 's|^|    README.md:|' <<<"$mine"
  else
    echo "PASS block $number, README.md:$start-$end"
  fi
done <<<"$blocks"

if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
  # The build failed outside the blocks (the package itself, or an error the compiler did not
  # place on a README line).
  cat "$log"
  echo "check-readme: the build failed outside README.md's blocks (see above)" >&2
  exit 1
fi
if [ "$failed" != 0 ]; then
  echo "check-readme: $failed block(s) of README.md do not compile" >&2
  exit 1
fi
echo "check-readme: every block of README.md compiles"
