#!/usr/bin/env bash
# Times Descent, NumPy, JAX and PyTorch on the same workloads and data in one session and prints
# one table (see ../../../shared/benchmarks/PEERS.md for the workloads, README.md for the result).
#
#   Benchmarks/Peers/run.sh [--rounds N] [--venv DIR]
#
# Makes a Python virtual environment on first use (NumPy, JAX, and PyTorch for the CPU: about
# 1.5 GB and a minute), builds the Swift benchmark in release, then runs each side pinned to one
# core and at its default threads, Swift and Python alternately, N rounds (default 2); the table
# holds the median over the rounds of each line's median. A development tool only: the package
# depends on none of this, and `swift run -c release benchmarks` runs without it.
set -euo pipefail
cd "$(dirname "$0")/../.."

rounds=2
venv="${PEERS_VENV:-.build-peers/venv}"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --venv) venv="$2"; shift 2 ;;
    *) echo "usage: $0 [--rounds N] [--venv DIR]" >&2; exit 2 ;;
  esac
done

if [ ! -x "$venv/bin/python" ]; then
  echo "== making the Python environment in $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q numpy jax
  # PyTorch for the CPU: a local wheel where pip's configuration names a folder of them (the
  # development machines), else PyTorch's CPU index; the default index brings the CUDA build.
  wheels=$(pip config get global.find-links 2>/dev/null || true)
  wheel=$(ls "$wheels"/torch-*cpu*.whl 2>/dev/null | head -1 || true)
  if [ -n "$wheel" ]; then
    "$venv/bin/pip" install -q --no-deps "$wheel"
    "$venv/bin/pip" install -q filelock typing-extensions sympy networkx jinja2 fsspec setuptools
  else
    "$venv/bin/pip" install -q torch --index-url https://download.pytorch.org/whl/cpu
  fi
fi

echo "== building the Swift benchmark (release)" >&2
swift build -c release --product benchmarks >&2
benchmarks=.build/release/benchmarks

out=$(mktemp)
one_core=$(($(nproc) - 1))
for round in $(seq "$rounds"); do
  echo "== round $round of $rounds" >&2
  # One core: Descent with one thread, the peers pinned and told to use one.
  DESCENT_THREADS=1 taskset -c "$one_core" "$benchmarks" peers >> "$out"
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
    XLA_FLAGS="--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1" \
    taskset -c "$one_core" "$venv/bin/python" Benchmarks/Peers/peers.py --threads 1 \
    2> /dev/null >> "$out"
  # Default threads: every core.
  "$benchmarks" peers >> "$out"
  "$venv/bin/python" Benchmarks/Peers/peers.py --threads default 2> /dev/null >> "$out"
done

python3 - "$out" <<'PYTHON'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    line = line.strip()
    if not line.startswith("{"):
        continue
    r = json.loads(line)
    if "workload" not in r:
        continue
    threads = "1" if r["threads"] == "1" else "all"
    key = (r["workload"], "_float" in r["variant"], r["framework"], threads)
    rows.setdefault(key, []).append(r["median_s"])
    rows.setdefault(("checksum",) + key, r["checksum"])
workloads = ["linreg_grad", "rosenbrock_grad", "mlp_grad", "mlp_wide"]
frameworks = ["descent", "jax", "torch", "numpy"]
names = {"descent": "Descent", "jax": "JAX jit", "torch": "PyTorch", "numpy": "NumPy by hand"}
header = ["workload"] + [f"{names[f]} ({t})" for t in ("1", "all") for f in frameworks]
print("| " + " | ".join(header) + " |")
print("|" + "---|" * len(header))
def fmt(seconds):
    return f"{seconds * 1e3:.3g} ms" if seconds >= 1e-3 else f"{seconds * 1e6:.3g} µs"
for workload in workloads:
    for single in (False, True):
        if single and workload != "mlp_wide":
            continue
        cells = [workload + (" float32" if single else "")]
        for t in ("1", "all"):
            for f in frameworks:
                times = rows.get((workload, single, f, t))
                cells.append(fmt(statistics.median(times)) if times else "–")
        print("| " + " | ".join(cells) + " |")
print()
print("Checksums (value and gradient, compare with PEERS.md):")
for workload in workloads:
    for f in frameworks:
        c = rows.get(("checksum", workload, False, f, "1"))
        if c:
            print(f"  {workload:16} {f:8} {c}")
PYTHON
rm -f "$out"
