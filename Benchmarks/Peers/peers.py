"""Times NumPy, JAX and PyTorch on Descent's peer workloads (../shared/benchmarks/PEERS.md).

Development tool only: run through Benchmarks/Peers/run.sh, which makes the virtual environment
and runs the Swift side in the same session. Prints one JSON line per measurement, in the format
of the Swift benchmark executable.

    python peers.py [--threads 1|default] [--frameworks numpy,jax,torch] [--workloads ...]
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np

MASK = (1 << 64) - 1


def splitmix64(z):
    """PEERS.md's generator on arrays of uint64 (NumPy's uint64 arithmetic wraps)."""
    with np.errstate(over="ignore"):
        z = z + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def uniform(stream, indices):
    """U(s, i) in [0, 1): exact, the top 53 bits times 2^-53."""
    z = (np.uint64(stream) << np.uint64(32)) | np.asarray(indices, dtype=np.uint64)
    return (splitmix64(z) >> np.uint64(11)).astype(np.float64) * 2.0**-53


def normal12(stream, indices):
    """Irwin–Hall(12) − 6, summed strictly left to right."""
    indices = np.asarray(indices, dtype=np.uint64)
    acc = np.zeros(indices.shape)
    for k in range(12):
        acc = acc + uniform(stream, np.uint64(12) * indices + np.uint64(k))
    return acc - 6.0


def data_linreg():
    i = np.arange(1_000_000, dtype=np.float64)
    t = i * 0.6180339887498949
    x = 10.0 * (t - np.floor(t))
    e = normal12(1, np.arange(1_000_000))
    return x, (3.0 * x + 2.0) + e


def data_rosenbrock(n):
    return 0.5 + 0.001 * np.arange(n, dtype=np.float64)


def data_mlp():
    j = np.arange(1000)
    x = np.stack([4.0 * uniform(2, 2 * j) - 2.0, 4.0 * uniform(2, 2 * j + 1) - 2.0], axis=1)
    t = np.sin(x[:, 0]) * np.cos(x[:, 1])
    p = 0.5 * normal12(3, np.arange(337))
    return x, t, p


WIDE = (784, 256, 256, 10)
WIDE_BATCH = 256


def data_wide(dtype):
    """Benchmarks/Speed/WideNetwork.swift's data: the same formulas."""
    n0, n1, n2, n3 = WIDE
    x = (uniform(4, np.arange(WIDE_BATCH * n0)) - 0.5).reshape(WIDE_BATCH, n0)
    t = (uniform(5, np.arange(WIDE_BATCH * n3)) - 0.5).reshape(WIDE_BATCH, n3)
    count = n0 * n1 + n1 + n1 * n2 + n2 + n2 * n3 + n3
    p = (uniform(6, np.arange(count)) - 0.5) / 10
    shapes = [(n0, n1), (n1,), (n1, n2), (n2,), (n2, n3), (n3,)]
    params, offset = [], 0
    for shape in shapes:
        size = int(np.prod(shape))
        params.append(p[offset:offset + size].reshape(shape).astype(dtype))
        offset += size
    return x.astype(dtype), t.astype(dtype), params


WIDE_FLOPS = 2 * 3 * WIDE_BATCH * (784 * 256 + 256 * 256 + 256 * 10)


def timed(call):
    """One warm-up call (its time reported), then repetitions for about 2 s: at least 5, at most
    200. Median and minimum, in seconds."""
    start = time.perf_counter()
    result = call()
    first = time.perf_counter() - start
    times = []
    budget = time.perf_counter() + 2.0
    while len(times) < 5 or (len(times) < 200 and time.perf_counter() < budget):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    times.sort()
    return result, first, times[len(times) // 2], times[0]


def report(workload, framework, variant, threads, result, first, median, minimum, extra=None):
    line = {
        "workload": workload, "framework": framework, "variant": variant, "threads": threads,
        "median_s": median, "min_s": minimum, "first_call_s": first,
        "checksum": [float(v) for v in result],
    }
    if extra:
        line.update(extra)
    print(json.dumps(line), flush=True)


# MARK: - NumPy by hand

def numpy_workloads(threads, workloads):
    out = []
    if "linreg_grad" in workloads:
        x, y = data_linreg()
        m, b = 0.5, -1.0

        def linreg():
            r = m * x + b - y
            n = x.size
            return [r @ r / n, 2 * (r @ x) / n, 2 * r.sum() / n]
        out.append(("linreg_grad", "hand", *timed(linreg)))
    if "rosenbrock_grad" in workloads:
        x = data_rosenbrock(10_000)

        def rosen():
            t = x[1:] - x[:-1] ** 2
            f = np.sum(100 * t**2 + (1 - x[:-1]) ** 2)
            g = np.zeros_like(x)
            g[:-1] = -400 * x[:-1] * t - 2 * (1 - x[:-1])
            g[1:] += 200 * t
            return [f, g[0], g[1], g.sum()]
        out.append(("rosenbrock_grad", "hand", *timed(rosen)))
    if "mlp_grad" in workloads:
        X, tt, p = data_mlp()
        W1, b1 = p[0:32].reshape(2, 16), p[32:48]
        W2, b2 = p[48:304].reshape(16, 16), p[304:320]
        W3, b3 = p[320:336].reshape(16, 1), p[336:337]

        def mlp():
            h1 = np.tanh(X @ W1 + b1)
            h2 = np.tanh(h1 @ W2 + b2)
            o = (h2 @ W3 + b3)[:, 0]
            r = o - tt
            L = r @ r / 1000
            do = (2 * r / 1000)[:, None]
            gW3, gb3 = h2.T @ do, do.sum(0)
            d2 = (do @ W3.T) * (1 - h2**2)
            gW2, gb2 = h1.T @ d2, d2.sum(0)
            d1 = (d2 @ W2.T) * (1 - h1**2)
            gW1, gb1 = X.T @ d1, d1.sum(0)
            g = np.concatenate([gW1.ravel(), gb1, gW2.ravel(), gb2, gW3.ravel(), gb3])
            return [L, g[0], g[1], g.sum()]
        out.append(("mlp_grad", "hand", *timed(mlp)))
    if "mlp_wide" in workloads:
        for dtype, suffix in ((np.float64, ""), (np.float32, "_float")):
            X, T, (W1, b1, W2, b2, W3, b3) = data_wide(dtype)

            def wide():
                h1 = np.tanh(X @ W1 + b1)
                h2 = np.tanh(h1 @ W2 + b2)
                r = h2 @ W3 + b3 - T
                L = (r * r).sum() / r.size
                do = 2 * r / r.size
                gW3, gb3 = h2.T @ do, do.sum(0)
                d2 = (do @ W3.T) * (1 - h2 * h2)
                gW2, gb2 = h1.T @ d2, d2.sum(0)
                d1 = (d2 @ W2.T) * (1 - h1 * h1)
                gW1, gb1 = X.T @ d1, d1.sum(0)
                total = sum(float(g.sum()) for g in (gW1, gb1, gW2, gb2, gW3, gb3))
                return [L, total]
            out.append(("mlp_wide", "hand" + suffix, *timed(wide)))
    for workload, variant, result, first, median, minimum in out:
        extra = {"gflops": WIDE_FLOPS / median / 1e9} if workload == "mlp_wide" else None
        report(workload, "numpy", variant, threads, result, first, median, minimum, extra)


# MARK: - JAX

def jax_workloads(threads, workloads):
    import jax
    import jax.numpy as jnp
    jax.config.update("jax_enable_x64", True)

    def run(workload, variant, function, args, extra=None):
        compiled = jax.jit(jax.value_and_grad(function))

        def call():
            value, grad = compiled(*args)
            jax.block_until_ready(grad)
            return value, grad
        (value, grad), first, median, minimum = timed(call)
        leaves = jax.tree_util.tree_leaves(grad)
        flat = np.concatenate([np.ravel(np.asarray(g)) for g in leaves])
        checksum = [float(value), float(flat[0]), float(flat[1]), float(flat.sum())]
        if workload == "mlp_wide":
            checksum = [float(value), float(flat.sum())]
            extra = {"gflops": WIDE_FLOPS / median / 1e9}
        report(workload, "jax", variant, threads, checksum, first, median, minimum, extra)

    if "linreg_grad" in workloads:
        x, y = data_linreg()
        x, y = jnp.asarray(x), jnp.asarray(y)
        run("linreg_grad", "jit", lambda p, x, y: jnp.mean((p[0] * x + p[1] - y) ** 2),
            (jnp.asarray([0.5, -1.0]), x, y))
    if "rosenbrock_grad" in workloads:
        x = jnp.asarray(data_rosenbrock(10_000))
        run("rosenbrock_grad", "jit",
            lambda x: jnp.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2), (x,))
    if "mlp_grad" in workloads:
        X, tt, p = data_mlp()
        params = (jnp.asarray(p[0:32].reshape(2, 16)), jnp.asarray(p[32:48]),
                  jnp.asarray(p[48:304].reshape(16, 16)), jnp.asarray(p[304:320]),
                  jnp.asarray(p[320:336].reshape(16, 1)), jnp.asarray(p[336:337]))

        def mlp(params, X, t):
            W1, b1, W2, b2, W3, b3 = params
            h1 = jnp.tanh(X @ W1 + b1)
            h2 = jnp.tanh(h1 @ W2 + b2)
            return jnp.mean(((h2 @ W3 + b3)[:, 0] - t) ** 2)
        run("mlp_grad", "jit", mlp, (params, jnp.asarray(X), jnp.asarray(tt)))
    if "mlp_wide" in workloads:
        for dtype, suffix in ((np.float64, ""), (np.float32, "_float")):
            X, T, params = data_wide(dtype)

            def wide(params, X, T):
                W1, b1, W2, b2, W3, b3 = params
                h1 = jnp.tanh(X @ W1 + b1)
                h2 = jnp.tanh(h1 @ W2 + b2)
                return jnp.mean((h2 @ W3 + b3 - T) ** 2)
            run("mlp_wide", "jit" + suffix, wide,
                (tuple(jnp.asarray(q) for q in params), jnp.asarray(X), jnp.asarray(T)))


# MARK: - PyTorch

def torch_workloads(threads, workloads):
    import torch
    if threads == "1":
        torch.set_num_threads(1)

    def run(workload, variant, function, leaves, extra=None):
        def call():
            value = function(*leaves)
            grads = torch.autograd.grad(value, leaves)
            return value.item(), grads
        (value, grads), first, median, minimum = timed(call)
        flat = torch.cat([g.reshape(-1) for g in grads]).double()
        checksum = [value, flat[0].item(), flat[1].item(), flat.sum().item()]
        if workload == "mlp_wide":
            checksum = [value, flat.sum().item()]
            extra = {"gflops": WIDE_FLOPS / median / 1e9}
        report(workload, "torch", variant, threads, checksum, first, median, minimum, extra)

    if "linreg_grad" in workloads:
        x, y = data_linreg()
        x, y = torch.from_numpy(x), torch.from_numpy(y)
        m = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
        b = torch.tensor(-1.0, dtype=torch.float64, requires_grad=True)
        run("linreg_grad", "autograd", lambda m, b: torch.mean((m * x + b - y) ** 2), [m, b])
    if "rosenbrock_grad" in workloads:
        x = torch.from_numpy(data_rosenbrock(10_000)).requires_grad_(True)
        run("rosenbrock_grad", "vectorized",
            lambda x: torch.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2), [x])
    if "mlp_grad" in workloads:
        X, tt, p = data_mlp()
        X, tt = torch.from_numpy(X), torch.from_numpy(tt)
        shapes = [(0, 32, (2, 16)), (32, 48, (16,)), (48, 304, (16, 16)), (304, 320, (16,)),
                  (320, 336, (16, 1)), (336, 337, (1,))]
        leaves = [torch.from_numpy(p[a:b].reshape(s).copy()).requires_grad_(True)
                  for a, b, s in shapes]

        def mlp(W1, b1, W2, b2, W3, b3):
            h1 = torch.tanh(X @ W1 + b1)
            h2 = torch.tanh(h1 @ W2 + b2)
            return torch.mean(((h2 @ W3 + b3)[:, 0] - tt) ** 2)
        run("mlp_grad", "autograd", mlp, leaves)
    if "mlp_wide" in workloads:
        for dtype, suffix in ((np.float64, ""), (np.float32, "_float")):
            X, T, params = data_wide(dtype)
            X, T = torch.from_numpy(X), torch.from_numpy(T)
            leaves = [torch.from_numpy(q.copy()).requires_grad_(True) for q in params]

            def wide(W1, b1, W2, b2, W3, b3):
                h1 = torch.tanh(X @ W1 + b1)
                h2 = torch.tanh(h1 @ W2 + b2)
                return torch.mean((h2 @ W3 + b3 - T) ** 2)
            run("mlp_wide", "autograd" + suffix, wide, leaves)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", default="default", choices=["1", "default"])
    parser.add_argument("--frameworks", default="numpy,jax,torch")
    parser.add_argument("--workloads", default="linreg_grad,rosenbrock_grad,mlp_grad,mlp_wide")
    args = parser.parse_args()
    workloads = set(args.workloads.split(","))
    table = {"numpy": numpy_workloads, "jax": jax_workloads, "torch": torch_workloads}
    for name in args.frameworks.split(","):
        try:
            table[name](args.threads, workloads)
        except ImportError as error:
            print(json.dumps({"framework": name, "skipped": str(error)}), flush=True)


if __name__ == "__main__":
    main()
