"""NumPy and PyTorch baselines for `pnpm bench`: ns per element of float32 fills, one thread.

Prints one JSON object: {"numpy": {...} | null, "torch": {...} | null, "versions": {...}}. A library
that is not installed gives null, and the benchmark table says "not measured". Each figure is the
median of `repeats` timed fills into a preallocated array (NumPy's `out=`, PyTorch's in-place `_`
methods), after one warm-up fill. Time is the process's CPU time (time.process_time), as fill.bench.ts
measures ours, so that other work on a shared machine does not count.

Usage: python3 baselines.py [n] [repeats]
"""

import json
import sys
import time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2**24
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 7


def median_ns_per_element(fill):
    fill()
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fill()
        times.append(time.process_time() - start)
    times.sort()
    return times[len(times) // 2] * 1e9 / n


def numpy_baselines():
    try:
        import numpy as np
    except ImportError:
        return None, None
    generator = np.random.Generator(np.random.PCG64(42))
    out = np.empty(n, dtype=np.float32)

    def truncated():
        # NumPy has no truncated normal: draw, then redraw the elements outside (−2, 2) until none are.
        generator.standard_normal(out=out, dtype=np.float32)
        outside = np.flatnonzero(np.abs(out) >= 2)
        while outside.size:
            out[outside] = generator.standard_normal(outside.size, dtype=np.float32)
            outside = outside[np.abs(out[outside]) >= 2]

    results = {
        "uniform": median_ns_per_element(lambda: generator.random(out=out, dtype=np.float32)),
        "normal": median_ns_per_element(lambda: generator.standard_normal(out=out, dtype=np.float32)),
        "truncated": median_ns_per_element(truncated),
    }
    return results, np.__version__


def torch_baselines():
    try:
        import torch
    except ImportError:
        return None, None
    torch.set_num_threads(1)
    torch.manual_seed(42)
    out = torch.empty(n, dtype=torch.float32)
    results = {
        "uniform": median_ns_per_element(lambda: out.uniform_()),
        "normal": median_ns_per_element(lambda: out.normal_()),
        "truncated": median_ns_per_element(lambda: torch.nn.init.trunc_normal_(out, a=-2.0, b=2.0)),
    }
    return results, torch.__version__


numpy_results, numpy_version = numpy_baselines()
torch_results, torch_version = torch_baselines()
print(
    json.dumps(
        {
            "numpy": numpy_results,
            "torch": torch_results,
            "versions": {"numpy": numpy_version, "torch": torch_version, "python": sys.version.split()[0]},
        }
    )
)
