# Shared by scripts/typecheck-budget.sh and scripts/check-diagnostics.sh: builds the Descent
# modules unless told not to, and sets `swiftc_flags` to type-check a file against them as a
# client target of the package sees them. The C target's module map names its umbrella header by
# absolute path; the include directory is passed for any header it adds.
#
# descent_swiftc_flags NAME BUILD SOLVER_LIMIT_S: NAME prefixes the messages; BUILD is 1 to run
# `swift build --target Descent` first; SOLVER_LIMIT_S bounds the time per expression.
descent_swiftc_flags() {
  local name=$1 build=$2 solver_limit_s=$3 log
  if [ "$build" = 1 ]; then
    echo "== swift build --target Descent"
    log=$(mktemp)
    if ! swift build --target Descent >"$log" 2>&1; then
      cat "$log"
      rm -f "$log"
      echo "$name: the Descent modules do not build (see above)" >&2
      return 1
    fi
    rm -f "$log"
  fi
  local bin modules kernels_map
  bin=$(swift build --show-bin-path)
  modules="$bin/Modules"
  kernels_map="$bin/AutoDiffKernels.build/module.modulemap"
  if [ ! -f "$kernels_map" ]; then
    kernels_map=$(find "$bin" -path '*AutoDiffKernels.build/module.modulemap' 2>/dev/null | head -n 1)
  fi
  if [ ! -f "$modules/Descent.swiftmodule" ] || [ -z "$kernels_map" ]; then
    echo "$name: no built Descent module under $bin; run without --skip-build" >&2
    return 1
  fi
  swiftc_flags=(
    -typecheck -parse-as-library -swift-version 6
    -I "$modules"
    -Xcc -fmodule-map-file="$kernels_map"
    -Xcc -I -Xcc "$PWD/Sources/AutoDiffKernels/include"
    -Xfrontend -solver-expression-time-threshold="$solver_limit_s"
  )
}
