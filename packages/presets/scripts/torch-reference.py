#!/usr/bin/env python3
"""Writes src/__fixtures__/torch-reference.json: what PyTorch's own torch.nn.init says.

The presets' calculateGain, xavierUniform/xavierNormal and kaimingUniform/kaimingNormal are checked
against this file; the tests read the JSON, so CI never needs Python or PyTorch.

Run from packages/presets with Debian's PyTorch (apt-get install -y python3-torch):
    /usr/bin/python3 scripts/torch-reference.py
It records:
- calculate_gain for every nonlinearity, and for leaky_relu at several slopes;
- torch.nn.init._calculate_fan_in_and_fan_out for several [out, in, ...kernel] shapes;
- the uniform bound or normal std each xavier_/kaiming_ variant implies, computed from the fans
  and gain that torch.nn.init's own helpers return (the same arithmetic as its functions' bodies);
- the empirical std and max |x| of torch's own xavier_/kaiming_ on a large tensor, seeded.
"""
import json
import math
import os

import torch
import torch.nn.init as init

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'src', '__fixtures__', 'torch-reference.json')

NONLINEARITIES = [
    'linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d',
    'conv_transpose3d', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu',
]
SLOPES = [0.0, 0.01, 0.1, 0.2, 0.5, 1.0, math.sqrt(5), -0.3, 3.0]
FAN_SHAPES = [[2, 3], [128, 64], [64, 32, 3], [64, 32, 3, 3], [16, 8, 3, 3, 3], [4, 3, 2, 2, 2, 2], [1, 1], [10, 20, 1, 1], [7, 0, 3]]


def gains():
    rows = [{'nonlinearity': name, 'param': None, 'gain': float(init.calculate_gain(name))} for name in NONLINEARITIES]
    rows += [{'nonlinearity': 'leaky_relu', 'param': slope, 'gain': float(init.calculate_gain('leaky_relu', slope))} for slope in SLOPES]
    # Every other nonlinearity ignores the param (kaiming_* always passes one).
    rows += [{'nonlinearity': name, 'param': 0.3, 'gain': float(init.calculate_gain(name, 0.3))} for name in ['relu', 'tanh', 'selu', 'linear']]
    return rows


def fans():
    rows = []
    for shape in FAN_SHAPES:
        fan_in, fan_out = init._calculate_fan_in_and_fan_out(torch.empty(shape))
        rows.append({'shape': shape, 'fanIn': fan_in, 'fanOut': fan_out})
    return rows


# (helper, options as the TypeScript helpers take them)
VARIANTS = [
    ('xavierUniform', {}),
    ('xavierUniform', {'gain': 5.0 / 3}),
    ('xavierUniform', {'gain': math.sqrt(2.0)}),
    ('xavierNormal', {}),
    ('xavierNormal', {'gain': 5.0 / 3}),
    ('kaimingUniform', {}),
    ('kaimingUniform', {'a': math.sqrt(5)}),
    ('kaimingUniform', {'mode': 'fan_out', 'nonlinearity': 'relu'}),
    ('kaimingUniform', {'a': 0.2, 'nonlinearity': 'leaky_relu'}),
    ('kaimingUniform', {'nonlinearity': 'tanh'}),
    ('kaimingNormal', {}),
    ('kaimingNormal', {'mode': 'fan_out', 'nonlinearity': 'relu'}),
    ('kaimingNormal', {'nonlinearity': 'selu'}),
    ('kaimingNormal', {'a': 0.1, 'mode': 'fan_out'}),
]
BOUND_SHAPES = [[128, 64], [64, 32, 3, 3], [16, 8, 3, 3, 3], [10, 3, 5]]


def implied(helper, options, shape):
    """The bound (uniform) or std (normal) of torch's function for this shape, from its helpers."""
    tensor = torch.empty(shape)
    if helper.startswith('xavier'):
        fan_in, fan_out = init._calculate_fan_in_and_fan_out(tensor)
        std = options.get('gain', 1.0) * math.sqrt(2.0 / float(fan_in + fan_out))
    else:
        fan = init._calculate_correct_fan(tensor, options.get('mode', 'fan_in'))
        gain = init.calculate_gain(options.get('nonlinearity', 'leaky_relu'), options.get('a', 0))
        std = gain / math.sqrt(fan)
    if helper.endswith('Uniform'):
        return {'bound': math.sqrt(3.0) * std}
    return {'std': std}


def call_torch(helper, options, tensor):
    if helper == 'xavierUniform':
        return init.xavier_uniform_(tensor, gain=options.get('gain', 1.0))
    if helper == 'xavierNormal':
        return init.xavier_normal_(tensor, gain=options.get('gain', 1.0))
    kwargs = {'a': options.get('a', 0), 'mode': options.get('mode', 'fan_in'), 'nonlinearity': options.get('nonlinearity', 'leaky_relu')}
    if helper == 'kaimingUniform':
        return init.kaiming_uniform_(tensor, **kwargs)
    return init.kaiming_normal_(tensor, **kwargs)


def bounds():
    return [dict(helper=helper, options=options, shape=shape, **implied(helper, options, shape)) for helper, options in VARIANTS for shape in BOUND_SHAPES]


EMPIRICAL_SHAPE = [256, 128, 3, 3]  # 294912 elements, fan_in 1152, fan_out 2304


def empirical():
    rows = []
    for index, (helper, options) in enumerate(VARIANTS):
        torch.manual_seed(1000 + index)
        values = call_torch(helper, options, torch.empty(EMPIRICAL_SHAPE, dtype=torch.float64))
        rows.append({
            'helper': helper,
            'options': options,
            'shape': EMPIRICAL_SHAPE,
            'n': values.numel(),
            'mean': values.mean().item(),
            'std': values.std().item(),
            'maxAbs': values.abs().max().item(),
            **implied(helper, options, EMPIRICAL_SHAPE),
        })
    return rows


def main():
    fixture = {
        'generator': 'packages/presets/scripts/torch-reference.py',
        'torch': torch.__version__,
        'calculateGain': gains(),
        'fans': fans(),
        'bounds': bounds(),
        'empirical': empirical(),
    }
    with open(OUT, 'w') as handle:
        json.dump(fixture, handle, indent=1)
        handle.write('\n')
    print('wrote', os.path.relpath(OUT))


if __name__ == '__main__':
    main()
