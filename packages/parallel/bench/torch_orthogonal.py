"""PyTorch's orthogonal_ for `pnpm --filter @init/parallel bench`: ms per float32 n × n matrix.

Prints one JSON object: {"torch": {"<n>": {"1": ms, "2": ms}} | null, "version": str | null}. Without
PyTorch it prints nulls, and the benchmark table says "not measured". Each figure is the median
wall-clock time of `repeats` calls of torch.nn.init.orthogonal_ (a normal draw, torch.linalg.qr
through LAPACK, the sign correction) on a preallocated tensor, after one warm-up call, with
torch.set_num_threads(1) and then 2 — the same wall-clock measure as our apply / applyParallel rows.

Usage: python3 torch_orthogonal.py [sizes, comma-separated] [repeats]
"""

import json
import statistics
import sys
import time

sizes = [int(size) for size in (sys.argv[1] if len(sys.argv) > 1 else "1024,2048").split(",")]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def main():
    try:
        import torch
    except ImportError:
        print(json.dumps({"torch": None, "version": None}))
        return
    torch.manual_seed(3)
    results = {}
    for n in sizes:
        weight = torch.empty(n, n, dtype=torch.float32)
        results[str(n)] = {}
        for threads in (1, 2):
            torch.set_num_threads(threads)
            torch.nn.init.orthogonal_(weight)
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                torch.nn.init.orthogonal_(weight)
                times.append((time.perf_counter() - start) * 1e3)
            if not torch.isfinite(weight).all() or weight.abs().sum() == 0:
                raise SystemExit("orthogonal_ gave a non-finite or zero matrix")
            results[str(n)][str(threads)] = statistics.median(times)
    print(json.dumps({"torch": results, "version": torch.__version__}))


main()
