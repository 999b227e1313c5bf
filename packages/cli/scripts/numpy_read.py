#!/usr/bin/env python3
"""Reads init-weights' output with NumPy alone and writes src/__fixtures__/numpy-read.json.

The safetensors header is parsed here from the format's specification (8-byte little-endian size,
JSON header, data_offsets relative to the byte buffer), without the safetensors package. For two
specs (the tiny GPT-2 of src/__fixtures__/gpt2-tiny.spec.json and a spec of every float dtype) it
runs the built command (node bin/init-weights.js, so build first), reads the single file and the
sharded layout, and checks:

- the header: size a multiple of 8, '{' first, padding only spaces, offsets tiling the buffer;
- each tensor's dtype and shape against the spec, and the sharded files' tensors equal the single
  file's byte for byte;
- moments: ones and zeros exactly; normal(0, s) with |mean| <= 6 s / sqrt(n) and
  |std - s| <= 6 s / sqrt(2 n) (each a 6-sigma bound: false-alarm rate about 2e-9 per check).

It prints the per-tensor statistics NumPy computes (float64 mean, std with ddof 0, min, max) as
JSON; the JavaScript tests compare their own reader's statistics with this file, so CI needs no
Python. Usage: python3 scripts/numpy_read.py > src/__fixtures__/numpy-read.json
"""
import json
import math
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)
BIN = os.path.join(PACKAGE, "bin", "init-weights.js")
SEED = "20261129"

NUMPY_DTYPES = {"F32": "<f4", "F64": "<f8", "F16": "<f2", "I32": "<i4", "U8": "u1", "BOOL": "u1"}
SPEC_DTYPES = {"float32": "F32", "float64": "F64", "float16": "F16", "bfloat16": "BF16"}

DTYPE_SPEC = {
    "parameters": {
        "f64.weight": {"shape": [300, 200], "dtype": "float64"},
        "f16.weight": {"shape": [300, 200], "dtype": "float16"},
        "bf16.weight": {"shape": [300, 200], "dtype": "bfloat16"},
        "bf16.bias": {"shape": [200], "dtype": "bfloat16"},
    },
    "rules": {"*.bias": "ones", "*": {"className": "RandomNormal", "config": {"stddev": 0.5}}},
}


def read_file(path):
    """Returns ({name: (dtype, shape, bytes)}, metadata) for one safetensors file."""
    with open(path, "rb") as f:
        data = f.read()
    (size,) = struct.unpack("<Q", data[:8])
    header_bytes = data[8 : 8 + size]
    assert size % 8 == 0, f"{path}: header size {size} is not a multiple of 8"
    assert header_bytes[:1] == b"{", f"{path}: the header does not start with {{"
    text = header_bytes.decode("utf-8")
    assert text == text.rstrip(" ") or text.rstrip(" ").endswith("}"), f"{path}: padding other than spaces"
    header = json.loads(text)
    metadata = header.pop("__metadata__", {})
    buffer = data[8 + size :]
    position = 0
    tensors = {}
    for name, entry in sorted(header.items(), key=lambda item: item[1]["data_offsets"]):
        begin, end = entry["data_offsets"]
        assert begin == position, f"{path}: hole or overlap before {name}"
        position = end
        tensors[name] = (entry["dtype"], entry["shape"], buffer[begin:end])
    assert position == len(buffer), f"{path}: bytes after the last tensor"
    return tensors, metadata


def to_array(dtype, shape, raw):
    if dtype == "BF16":
        bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
        return bits.view(np.float32).reshape(shape)
    return np.frombuffer(raw, dtype=NUMPY_DTYPES[dtype]).reshape(shape)


def read_checkpoint(path):
    """A single file, or a directory with model.safetensors.index.json."""
    if os.path.isdir(path):
        with open(os.path.join(path, "model.safetensors.index.json")) as f:
            index = json.load(f)
        tensors = {}
        for file in sorted(set(index["weight_map"].values())):
            part, _ = read_file(os.path.join(path, file))
            for name in part:
                assert index["weight_map"][name] == file, f"{name} is not where the index says"
            tensors.update(part)
        assert sum(len(raw) for _, _, raw in tensors.values()) == index["metadata"]["total_size"]
        return tensors
    return read_file(path)[0]


def expected_moments(rules_hit):
    """(kind, stddev) of a rule's initializer: 'ones', 'zeros' or ('normal', s)."""
    if rules_hit in ("ones", "zeros"):
        return rules_hit, 0.0
    return "normal", rules_hit["config"]["stddev"]


def first_rule(name, spec):
    import fnmatch

    for glob, init in spec["rules"].items():
        if fnmatch.fnmatchcase(name, glob):
            return init
    raise AssertionError(f"no rule for {name}")


def check(spec_name, spec, directory):
    single = os.path.join(directory, f"{spec_name}.safetensors")
    sharded = os.path.join(directory, f"{spec_name}-sharded")
    spec_path = os.path.join(directory, f"{spec_name}.json")
    with open(spec_path, "w") as f:
        json.dump(spec, f)
    run = lambda *args: subprocess.run(["node", BIN, spec_path, "--seed", SEED, *args], check=True, capture_output=True)
    run("--out", single)
    run("--out", sharded, "--max-shard-size", "200KB")
    tensors = read_checkpoint(single)
    assert tensors.keys() == read_checkpoint(sharded).keys()
    for name, (dtype, shape, raw) in read_checkpoint(sharded).items():
        assert raw == tensors[name][2], f"{name}: the sharded file's bytes differ from the single file's"
    default_dtype = spec.get("dtype", "float32")
    stats = []
    for name, entry in spec["parameters"].items():
        shape = entry if isinstance(entry, list) else entry["shape"]
        dtype = SPEC_DTYPES[default_dtype if isinstance(entry, list) else entry.get("dtype", default_dtype)]
        file_dtype, file_shape, raw = tensors[name]
        assert (file_dtype, file_shape) == (dtype, shape), f"{name}: {file_dtype} {file_shape}, spec {dtype} {shape}"
        values = to_array(file_dtype, file_shape, raw).astype(np.float64)
        n = values.size
        mean, std = float(values.mean()), float(values.std())
        kind, sigma = expected_moments(first_rule(name, spec))
        if kind == "ones":
            assert (values == 1).all(), f"{name}: not all ones"
        elif kind == "zeros":
            assert (values == 0).all(), f"{name}: not all zeros"
        else:
            assert abs(mean) <= 6 * sigma / math.sqrt(n), f"{name}: mean {mean} for normal(0, {sigma}), n={n}"
            # Half-precision rounding adds a relative error below 2^-8 to each value.
            slack = 2**-7 * sigma if file_dtype in ("F16", "BF16") else 0
            assert abs(std - sigma) <= 6 * sigma / math.sqrt(2 * n) + slack, f"{name}: std {std} for normal(0, {sigma}), n={n}"
        stats.append({"name": name, "dtype": file_dtype, "shape": file_shape, "mean": mean, "std": std, "min": float(values.min()), "max": float(values.max())})
    return stats


def main():
    with open(os.path.join(PACKAGE, "src", "__fixtures__", "gpt2-tiny.spec.json")) as f:
        gpt2 = json.load(f)
    with tempfile.TemporaryDirectory() as directory:
        result = {
            "generator": "scripts/numpy_read.py",
            "numpy": np.__version__,
            "seed": SEED,
            "checks": "passed",
            "dtypeSpec": DTYPE_SPEC,
            "files": {"gpt2-tiny": check("gpt2-tiny", gpt2, directory), "dtypes": check("dtypes", DTYPE_SPEC, directory)},
        }
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
