#!/usr/bin/env bash
# Builds the DocC documentation of every module that has a catalog (Sources/<Module>/*.docc),
# with the toolchain alone: the compiler emits symbol graphs, `docc convert` renders them with the
# catalog's articles. Any DocC warning (a broken ``symbol`` or <doc:article> link, a missing
# article, a malformed Topics group) fails the script.
#
# Usage: scripts/build-docs.sh            # from anywhere inside the package
# Output: .build-docs/docs/<Module>.doccarchive, one per module.
# Environment: SWIFT (default `swift`) and DOCC (default `docc`, else the one beside `swift`).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

swift="${SWIFT:-swift}"
if [[ -n "${DOCC:-}" ]]; then
  docc="$DOCC"
elif command -v docc >/dev/null 2>&1; then
  docc="docc"
else
  docc="$(dirname "$(command -v "$swift")")/docc"
fi

scratch=".build-docs"
graphs="$scratch/symbol-graphs"
output="$scratch/docs"

# The modules to document: those whose source directory holds a .docc catalog.
modules=()
catalogs=()
for directory in Sources/*/; do
  module="$(basename "$directory")"
  shopt -s nullglob
  found=("$directory"*.docc)
  shopt -u nullglob
  if (( ${#found[@]} == 0 )); then continue; fi
  if (( ${#found[@]} > 1 )); then
    echo "error: $directory holds ${#found[@]} .docc catalogs; keep one per module." >&2
    exit 1
  fi
  modules+=("$module")
  catalogs+=("${found[0]%/}")
done

if (( ${#modules[@]} == 0 )); then
  echo "error: no .docc catalog under Sources/*/; nothing to document." >&2
  exit 1
fi

# Symbol graphs for every documented module (and, as a side effect, its dependencies). The
# compiler writes them when it compiles a module; an up-to-date build compiles nothing, so the
# graphs of the previous build are kept, and only the per-module copies and the output are redone.
rm -rf "$output"
for module in "${modules[@]}"; do rm -rf "${graphs:?}/$module"; done
mkdir -p "$graphs/all" "$output"
for module in "${modules[@]}"; do
  echo "==> Building symbol graphs for $module"
  "$swift" build --scratch-path "$scratch" --target "$module" \
    -Xswiftc -emit-symbol-graph \
    -Xswiftc -emit-symbol-graph-dir -Xswiftc "$root/$graphs/all"
done

status=0
for index in "${!modules[@]}"; do
  module="${modules[$index]}"
  catalog="${catalogs[$index]}"

  # docc documents one module per catalog: give it that module's graphs only
  # (<Module>.symbols.json and its extension graphs <Module>@<Other>.symbols.json).
  moduleGraphs="$graphs/$module"
  mkdir -p "$moduleGraphs"
  shopt -s nullglob
  files=("$graphs/all/$module.symbols.json" "$graphs/all/$module@"*.symbols.json)
  shopt -u nullglob
  if [[ ! -f "$graphs/all/$module.symbols.json" ]]; then
    echo "error: the compiler emitted no symbol graph for $module." >&2
    exit 1
  fi
  cp "${files[@]}" "$moduleGraphs/"

  echo "==> Converting $catalog"
  log="$scratch/docc-$module.log"
  if ! "$docc" convert "$catalog" \
    --fallback-display-name "$module" \
    --fallback-bundle-identifier "org.descent.$module" \
    --additional-symbol-graph-dir "$moduleGraphs" \
    --output-path "$output/$module.doccarchive" \
    --warnings-as-errors 2>&1 | tee "$log"; then
    status=1
  fi
  # Belt and braces: fail on any diagnostic even if docc's exit status did not.
  if grep -qE '(^|[[:space:]])(warning|error):' "$log"; then
    status=1
  fi
  if (( status != 0 )); then
    echo "error: DocC reported problems in $catalog (see above)." >&2
    exit "$status"
  fi
  echo "==> $module: $output/$module.doccarchive"
done
