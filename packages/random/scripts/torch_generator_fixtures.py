"""Known-answer vectors for @init/random's torch engine, from real PyTorch.

Run with each PyTorch to compare (the JSON names the version and the CPU kernel path it took):

    /usr/bin/python3 packages/random/scripts/torch_generator_fixtures.py \
        packages/random/src/__fixtures__/torch-generator-1.13.json            # Debian's python3-torch
    venv/bin/python packages/random/scripts/torch_generator_fixtures.py \
        packages/random/src/__fixtures__/torch-generator-2.13.json           # PyPI CPU wheel

(ATEN_CPU_CAPABILITY=avx2 or =default selects the kernels PyTorch 2.x runs; on the machine that
made the committed files, AVX-512 by default, all three gave the same values.)

Each case restarts the global generator with torch.manual_seed(seed) and then runs its calls in
order on that one stream, so later calls test that the stream (and the cached normal of the
scalar sampler) continue as PyTorch's do. Values are written with repr(float), which round-trips.
"""

import hashlib
import json
import math
import sys

import torch

SEEDS = [0, 1, 1234]
# Below 16 (scalar sampler), exactly 16, odd sizes above 16 (the vectorized path re-draws the
# last 16), and larger.
SIZES = [1, 2, 3, 7, 15, 16, 17, 31, 33, 100]


def values(tensor):
    """All values of a small tensor; the first 16 and the SHA-256 of the bytes of a larger one."""
    flat = tensor.reshape(-1)
    if flat.numel() <= 256:
        return [float(v) for v in flat.tolist()]
    return {"head": [float(v) for v in flat[:16].tolist()], "sha256": hashlib.sha256(flat.numpy().tobytes()).hexdigest()}


def dtype_of(name):
    return {"float32": torch.float32, "float64": torch.float64}[name]


def run(calls):
    """calls: list of dicts; returns the list of outputs, in order, from one stream."""
    outputs = []
    for call in calls:
        t = torch.empty(call["shape"], dtype=dtype_of(call["dtype"]))
        op = call["op"]
        if op == "uniform":
            t.uniform_(call["low"], call["high"])
        elif op == "normal":
            t.normal_(call["mean"], call["std"])
        elif op == "kaiming_uniform":
            torch.nn.init.kaiming_uniform_(t, a=call["a"], mode=call["mode"], nonlinearity=call["nonlinearity"])
        elif op == "kaiming_normal":
            torch.nn.init.kaiming_normal_(t, a=call["a"], mode=call["mode"], nonlinearity=call["nonlinearity"])
        elif op == "xavier_uniform":
            torch.nn.init.xavier_uniform_(t, gain=call["gain"])
        elif op == "xavier_normal":
            torch.nn.init.xavier_normal_(t, gain=call["gain"])
        elif op == "trunc_normal":
            torch.nn.init.trunc_normal_(t, mean=call["mean"], std=call["std"], a=call["a"], b=call["b"])
        else:
            raise ValueError(op)
        outputs.append(values(t))
    return outputs


def cases():
    out = []
    for dtype in ["float32", "float64"]:
        out.append({"name": f"uniform {dtype} sizes", "calls": [
            {"op": "uniform", "shape": [n], "dtype": dtype, "low": 0.0, "high": 1.0} for n in SIZES]})
        out.append({"name": f"uniform {dtype} bounds", "calls": [
            {"op": "uniform", "shape": [n], "dtype": dtype, "low": lo, "high": hi}
            for n, lo, hi in [(40, -1.0, 1.0), (9, -0.05773502691896258, 0.05773502691896258), (25, 3.0, 7.5), (17, -1e-3, 2.0)]]})
        out.append({"name": f"normal {dtype} sizes", "calls": [
            {"op": "normal", "shape": [n], "dtype": dtype, "mean": 0.0, "std": 1.0} for n in SIZES]})
        out.append({"name": f"normal {dtype} mean std", "calls": [
            {"op": "normal", "shape": [n], "dtype": dtype, "mean": m, "std": s}
            for n, m, s in [(3, 0.5, 2.0), (48, 0.5, 2.0), (21, -1.25, 0.02), (5, -1.25, 0.02), (1, 0.0, 0.1)]]})
        out.append({"name": f"normal {dtype} large", "calls": [
            {"op": "normal", "shape": [4096 + 7], "dtype": dtype, "mean": 0.0, "std": 1.0}]})
        out.append({"name": f"uniform {dtype} large", "calls": [
            {"op": "uniform", "shape": [4096 + 5], "dtype": dtype, "low": -2.0, "high": 0.5}]})
    out.append({"name": "kaiming and xavier", "calls": [
        {"op": "kaiming_uniform", "shape": [64, 3, 3, 3], "dtype": "float32", "a": math.sqrt(5), "mode": "fan_in", "nonlinearity": "leaky_relu"},
        {"op": "kaiming_uniform", "shape": [10, 20], "dtype": "float32", "a": 0.0, "mode": "fan_out", "nonlinearity": "relu"},
        {"op": "kaiming_normal", "shape": [12, 6, 3], "dtype": "float32", "a": 0.0, "mode": "fan_out", "nonlinearity": "relu"},
        {"op": "kaiming_normal", "shape": [3, 4], "dtype": "float32", "a": 0.1, "mode": "fan_in", "nonlinearity": "leaky_relu"},
        {"op": "xavier_uniform", "shape": [30, 40], "dtype": "float32", "gain": 1.0},
        {"op": "xavier_uniform", "shape": [8, 4, 2, 2], "dtype": "float64", "gain": 5.0 / 3},
        {"op": "xavier_normal", "shape": [50, 20], "dtype": "float32", "gain": 1.0},
        {"op": "xavier_normal", "shape": [2, 5], "dtype": "float32", "gain": math.sqrt(2.0)},
        {"op": "kaiming_uniform", "shape": [7, 9], "dtype": "float64", "a": math.sqrt(5), "mode": "fan_in", "nonlinearity": "leaky_relu"},
    ]})
    out.append({"name": "trunc_normal", "calls": [
        {"op": "trunc_normal", "shape": [n], "dtype": dtype, "mean": m, "std": s, "a": a, "b": b}
        for n, dtype, m, s, a, b in [
            (1000, "float32", 0.0, 0.02, -2.0, 2.0),
            (37, "float32", 0.0, 1.0, -2.0, 2.0),
            (5, "float32", 1.0, 0.5, 0.0, 2.0),
            (300, "float32", 0.0, 1.0, -0.5, 3.0),
            (64, "float64", 0.0, 0.02, -0.04, 0.04),
            # Intervals of probability below 0.3 (PyTorch >= 2.12 samples them by uniform rejection).
            (500, "float32", 0.0, 1.0, 1.5, 3.0),
            (40, "float32", 0.5, 2.0, -0.2, 0.3),
            (9, "float32", 0.0, 1.0, -4.0, -2.5),
            (100, "float64", 0.0, 1.0, 2.0, 2.5),
        ]]})
    return out


def main():
    path = sys.argv[1]
    result = {
        "generator": "packages/random/scripts/torch_generator_fixtures.py",
        "torch": torch.__version__,
        "cpuCapability": torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, "cpu") else None,
        "seeds": SEEDS,
        "cases": [],
    }
    for case in cases():
        outputs = {}
        for seed in SEEDS:
            torch.manual_seed(seed)
            outputs[str(seed)] = run(case["calls"])
        result["cases"].append({**case, "outputs": outputs})
    with open(path, "w") as handle:
        json.dump(result, handle, separators=(",", ":"))
        handle.write("\n")


if __name__ == "__main__":
    main()
