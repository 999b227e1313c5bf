import { Dirac } from '@init/core';
import { dirac } from '@init/presets';

// A 1-D convolution kernel [out 2, in 2, width 3] (PyTorch's layout) that passes its input through:
console.log(new Dirac({ layout: 'torch' }).apply([2, 2, 3]).data);

// Grouped: 4 output channels in 2 groups, each group passing input channel 0 through.
console.log(dirac({ groups: 2 }).apply([4, 1, 3]).data);

// TF's layout [width, in, out] puts the same ones at the kernel centre:
console.log(new Dirac().apply([3, 2, 2]).data);
