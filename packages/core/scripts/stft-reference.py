#!/usr/bin/env python3
"""Writes src/__fixtures__/stft-reference.json: the STFT kernels Keras 3's STFT initializer makes.

Keras 3 (keras/src/initializers/constant_initializers.py, class STFT) builds a [T, 1, F] kernel:
window w = scipy.signal.get_window(window, T, periodic) (or the given values, or none), scaling
s = sqrt(sum(w^2)) for 'density', sum(|w|) for 'spectrum', 1 for None or no window, and
    kernel[t, 0, f] = cos (side 'real') or sin (side 'imag') of ((-2 * t) * (f / N)) * pi
times w[t] / s, with N = 2 * (F - 1). This script evaluates those formulas with NumPy in float64
(Keras with dtype float64) and SciPy's own windows, for every window name STFT accepts without
parameters, every scaling and both sides at several shapes (periodic windows at one of them), and
the windows themselves, symmetric and periodic, at several lengths.
@init/core's STFT is checked against this file; the tests read the JSON, so CI never needs Python.

Run from packages/core with Debian's NumPy and SciPy (apt-get install -y python3-numpy python3-scipy):
    /usr/bin/python3 scripts/stft-reference.py
"""
import json
import os

import numpy as np
import scipy
import scipy.signal

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'src', '__fixtures__', 'stft-reference.json')

# The window names get_window takes without parameters (its main spellings).
WINDOWS = [
    'barthann', 'bartlett', 'blackman', 'blackmanharris', 'bohman', 'boxcar', 'cosine', 'exponential',
    'flattop', 'hamming', 'hann', 'lanczos', 'nuttall', 'parzen', 'taylor', 'triang', 'tukey',
]
# Some of SciPy's aliases, to check that they mean the same windows.
ALIASES = {'han': 'hann', 'ham': 'hamming', 'rect': 'boxcar', 'sinc': 'lanczos', 'tri': 'triang', 'poisson': 'exponential'}
SCALINGS = ['density', 'spectrum', None]
SIDES = ['real', 'imag']
# [frame_length, 1, fft_length // 2 + 1]; frame lengths odd and even, a frame of 1 (SciPy: ones).
SHAPES = [[8, 1, 5], [13, 1, 7], [3, 1, 2], [1, 1, 4]]
LARGE_SHAPE = [32, 1, 17]


def stft_kernel(shape, side, window, scaling, periodic):
    frame_length, _, fft_length = shape
    win = None
    scale = 1.0
    if window is not None:
        win = scipy.signal.get_window(window, frame_length, periodic) if isinstance(window, str) else np.asarray(window, dtype=np.float64)
        if scaling == 'density':
            scale = np.sqrt(np.sum(np.square(win)))
        elif scaling == 'spectrum':
            scale = np.sum(np.abs(win))
    n = (fft_length - 1) * 2
    freq = np.arange(fft_length, dtype=np.float64).reshape(1, 1, fft_length) / n
    time = np.arange(frame_length, dtype=np.float64).reshape(frame_length, 1, 1)
    args = np.multiply(np.multiply(-2, time), freq) * np.arccos(np.float64(-1))
    kernel = np.cos(args) if side == 'real' else np.sin(args)
    if win is not None:
        kernel = kernel * win.reshape(frame_length, 1, 1) / scale
    return kernel.reshape(-1)


def case(shape, side, window, scaling, periodic):
    values = stft_kernel(shape, side, window, scaling, periodic)
    return {
        'shape': shape, 'side': side, 'window': window, 'scaling': scaling, 'periodic': periodic,
        'values': [float(v) for v in values],
    }


def main():
    cases = []
    for window in WINDOWS:
        for scaling in SCALINGS:
            for side in SIDES:
                for shape in SHAPES:
                    cases.append(case(shape, side, window, scaling, False))
                # Periodic (DFT-even) windows at one shape; the windows table below has more lengths.
                cases.append(case([13, 1, 7], side, window, scaling, True))
    for side in SIDES:
        for shape in SHAPES:
            cases.append(case(shape, side, None, 'density', False))
        cases.append(case([5, 1, 3], side, [0.25, -1.0, 2.0, 0.5, 3.0], 'density', False))
        cases.append(case([5, 1, 3], side, [0.25, -1.0, 2.0, 0.5, 3.0], 'spectrum', False))
        for periodic in [False, True]:
            cases.append(case(LARGE_SHAPE, side, 'hann', 'density', periodic))
    windows = {}
    for window in WINDOWS + list(ALIASES):
        for periodic in [False, True]:
            for length in [0, 1, 2, 3, 4, 7, 8, 17]:
                windows['%s/%s/%d' % (window, 'periodic' if periodic else 'symmetric', length)] = [
                    float(v) for v in scipy.signal.get_window(window, length, periodic)
                ]
    with open(OUT, 'w') as handle:
        json.dump({
            'generator': 'scripts/stft-reference.py',
            'numpy': np.__version__,
            'scipy': scipy.__version__,
            'aliases': ALIASES,
            'windows': windows,
            'cases': cases,
        }, handle, separators=(',', ':'))
        handle.write('\n')
    print('%s: %d kernels, %d windows' % (OUT, len(cases), len(windows)))


if __name__ == '__main__':
    main()
