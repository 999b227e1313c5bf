"""Known answers for @init/presets' torchDefaults: what PyTorch's modules hold after construction.

For every case and seed: torch.manual_seed(seed), build the module on the CPU, and record its
state_dict() in order: key, shape, dtype, the SHA-256 of the tensor's bytes (little-endian, as
PyTorch stores them on x86-64 and as a JavaScript typed array holds them), the first values, and
all values of small tensors. Run it with each PyTorch to compare; the JSON names the version:

    /usr/bin/python3 packages/presets/scripts/torch_module_fixtures.py \
        packages/presets/src/__fixtures__/torch-modules-1.13.json     # Debian's python3-torch
    venv/bin/python packages/presets/scripts/torch_module_fixtures.py \
        packages/presets/src/__fixtures__/torch-modules-2.13.json     # the PyPI CPU wheel

Each case gives the options as torchDefaults takes them (camelCase) and as the module takes them.
"""

import hashlib
import json
import math
import sys

import torch
from torch import nn

SEEDS = [0, 1, 1234]

# (module, torchDefaults options, constructor positional args, constructor keyword args)
CASES = [
    ("Linear", {"inFeatures": 300, "outFeatures": 100}, [300, 100], {}),
    ("Linear", {"inFeatures": 5, "outFeatures": 3, "bias": False}, [5, 3], {"bias": False}),
    ("Linear", {"inFeatures": 7, "outFeatures": 2, "dtype": "float64"}, [7, 2], {"dtype": torch.float64}),
    ("Bilinear", {"in1Features": 4, "in2Features": 5, "outFeatures": 3}, [4, 5, 3], {}),
    ("Conv1d", {"inChannels": 4, "outChannels": 6, "kernelSize": 3}, [4, 6, 3], {}),
    ("Conv2d", {"inChannels": 3, "outChannels": 8, "kernelSize": [3, 5]}, [3, 8, (3, 5)], {}),
    ("Conv2d", {"inChannels": 4, "outChannels": 8, "kernelSize": 3, "groups": 2, "bias": False}, [4, 8, 3], {"groups": 2, "bias": False}),
    ("Conv3d", {"inChannels": 2, "outChannels": 4, "kernelSize": 2}, [2, 4, 2], {}),
    ("ConvTranspose1d", {"inChannels": 4, "outChannels": 6, "kernelSize": 3}, [4, 6, 3], {}),
    ("ConvTranspose2d", {"inChannels": 4, "outChannels": 6, "kernelSize": 3, "groups": 2}, [4, 6, 3], {"groups": 2}),
    ("ConvTranspose3d", {"inChannels": 2, "outChannels": 3, "kernelSize": [2, 1, 2]}, [2, 3, (2, 1, 2)], {}),
    ("Embedding", {"numEmbeddings": 10, "embeddingDim": 4}, [10, 4], {}),
    ("Embedding", {"numEmbeddings": 20, "embeddingDim": 8, "paddingIdx": 3}, [20, 8], {"padding_idx": 3}),
    ("Embedding", {"numEmbeddings": 5, "embeddingDim": 3, "paddingIdx": -1}, [5, 3], {"padding_idx": -1}),
    ("Embedding", {"numEmbeddings": 3, "embeddingDim": 2}, [3, 2], {}),
    ("LayerNorm", {"normalizedShape": 8}, [8], {}),
    ("LayerNorm", {"normalizedShape": [4, 5], "elementwiseAffine": False}, [[4, 5]], {"elementwise_affine": False}),
    ("GroupNorm", {"numGroups": 2, "numChannels": 6}, [2, 6], {}),
    ("GroupNorm", {"numGroups": 3, "numChannels": 6, "affine": False}, [3, 6], {"affine": False}),
    ("BatchNorm1d", {"numFeatures": 5}, [5], {}),
    ("BatchNorm2d", {"numFeatures": 4, "affine": False}, [4], {"affine": False}),
    ("BatchNorm3d", {"numFeatures": 3, "trackRunningStats": False}, [3], {"track_running_stats": False}),
    ("RNN", {"inputSize": 4, "hiddenSize": 6}, [4, 6], {}),
    ("RNN", {"inputSize": 4, "hiddenSize": 6, "numLayers": 2, "bidirectional": True, "bias": False, "nonlinearity": "relu"}, [4, 6], {"num_layers": 2, "bidirectional": True, "bias": False, "nonlinearity": "relu"}),
    ("LSTM", {"inputSize": 4, "hiddenSize": 6}, [4, 6], {}),
    ("LSTM", {"inputSize": 4, "hiddenSize": 6, "numLayers": 2, "bidirectional": True, "projSize": 3}, [4, 6], {"num_layers": 2, "bidirectional": True, "proj_size": 3}),
    ("GRU", {"inputSize": 5, "hiddenSize": 4, "numLayers": 2}, [5, 4], {"num_layers": 2}),
    ("MultiheadAttention", {"embedDim": 8, "numHeads": 2}, [8, 2], {}),
    ("MultiheadAttention", {"embedDim": 8, "numHeads": 2, "kdim": 4, "vdim": 6, "addBiasKv": True}, [8, 2], {"kdim": 4, "vdim": 6, "add_bias_kv": True}),
    ("MultiheadAttention", {"embedDim": 32, "numHeads": 4, "addBiasKv": True, "bias": False}, [32, 4], {"add_bias_kv": True, "bias": False}),
]


def describe(tensor):
    flat = tensor.detach().contiguous().reshape(-1)
    entry = {
        "shape": list(tensor.shape),
        "dtype": str(tensor.dtype).replace("torch.", ""),
        "sha256": hashlib.sha256(flat.numpy().tobytes()).hexdigest(),
        "head": [v for v in flat[:8].tolist()],
    }
    if flat.numel() <= 64:
        entry["values"] = flat.tolist()
    return entry


def main():
    path = sys.argv[1]
    cases = []
    for module, options, args, kwargs in CASES:
        outputs = {}
        for seed in SEEDS:
            torch.manual_seed(seed)
            instance = getattr(nn, module)(*args, **kwargs)
            outputs[str(seed)] = [[key, describe(value)] for key, value in instance.state_dict().items()]
        cases.append({"module": module, "options": options, "outputs": outputs})
    result = {
        "generator": "packages/presets/scripts/torch_module_fixtures.py",
        "torch": torch.__version__,
        "cpuCapability": torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, "cpu") else None,
        "seeds": SEEDS,
        "cases": cases,
    }
    with open(path, "w") as handle:
        json.dump(result, handle, indent=None, separators=(",", ":"))
        handle.write("\n")


if __name__ == "__main__":
    main()
