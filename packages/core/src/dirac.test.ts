import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { deserialize, Dirac, InitRangeError, InitTypeError, serialize } from './index.js';
import { expectShardsAreSlices } from '../test/support.js';
import { expectThrows } from '../../random/test/errors.js';

/**
 * PyTorch's dirac_ written as its source reads (torch/nn/init.py), on a [out, in, ...kernel] shape:
 * zero the tensor, then for each group g and d < min(out/groups, in) set
 * tensor[g·(out/groups) + d, d, centre...] = 1.
 */
function torchDirac(shape: readonly number[], groups: number): number[] {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Array<number>(size).fill(0);
  const perGroup = (shape[0] as number) / groups;
  const minDim = Math.min(perGroup, shape[1] as number);
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  for (let g = 0; g < groups; g++) {
    for (let d = 0; d < minDim; d++) {
      const index = [g * perGroup + d, d, ...shape.slice(2).map((k) => Math.floor(k / 2))];
      values[index.reduce((flat, i, axis) => flat + i * (strides[axis] as number), 0)] = 1;
    }
  }
  return values;
}

/** A row-major tensor with its axes reversed: PyTorch's [out, in, ...k] → TF's [...k reversed, in, out]. */
function reverseAxes(values: readonly number[], shape: readonly number[]): { values: number[]; shape: number[] } {
  const reversed = [...shape].reverse();
  const result = new Array<number>(values.length);
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  for (let flat = 0; flat < values.length; flat++) {
    // The index in the reversed tensor, read row-major, is the original index read backwards.
    let rest = flat;
    let source = 0;
    for (let axis = reversed.length - 1; axis >= 0; axis--) {
      const i = rest % (reversed[axis] as number);
      rest = Math.floor(rest / (reversed[axis] as number));
      source += i * (strides[reversed.length - 1 - axis] as number);
    }
    result[flat] = values[source] as number;
  }
  return { values: result, shape: reversed };
}

const cases: readonly [readonly number[], number][] = [
  [[4, 2, 3], 1],
  [[2, 5, 3], 1], // fewer outputs than inputs
  [[6, 4, 3, 3], 2],
  [[4, 4, 2, 2], 1], // even kernel: the centre is ⌊k/2⌋ = 1
  [[8, 3, 3, 5, 5], 4], // 2 outputs per group, 3 inputs
  [[6, 2, 1, 1, 1], 3],
];

describe('Dirac', () => {
  test.each(cases)("torch layout %j, groups %d: PyTorch's dirac_", (shape, groups) => {
    expect(Array.from(new Dirac({ groups, layout: 'torch' }).apply(shape).data)).toEqual(torchDirac(shape, groups));
  });

  test.each(cases)(
    'tf layout: the same kernel with its axes reversed ([...kernel, in, out]), %j groups %d',
    (shape, groups) => {
      // For 3-D kernels reversing the axes is the TF layout exactly; for 4-D and 5-D it also reverses
      // the kernel axes, which maps a centre to a centre, so the delta is the same.
      const tf = reverseAxes(torchDirac(shape, groups), shape);
      expect(Array.from(new Dirac({ groups }).apply(tf.shape).data)).toEqual(tf.values);
    },
  );

  test('a 1-D convolution with a Dirac kernel returns its input', () => {
    const [channels, length, width] = [3, 10, 5];
    const kernel = new Dirac({ layout: 'torch' }).apply([channels, channels, width], 'float64').data;
    const input = Array.from({ length: channels * length }, (_, i) => Math.sin(i * 1.7));
    for (let o = 0; o < channels; o++) {
      for (let t = 0; t < length; t++) {
        let sum = 0;
        for (let i = 0; i < channels; i++) {
          for (let k = 0; k < width; k++) {
            const source = t + k - Math.floor(width / 2); // 'same' padding
            if (source >= 0 && source < length)
              sum += (kernel[(o * channels + i) * width + k] as number) * (input[i * length + source] as number);
          }
        }
        expect(sum).toBe(input[o * length + t]);
      }
    }
  });

  test('any shard equals the slice of the full kernel', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 5, maxLength: 5 }),
        ([torchShape, groups], torch, cuts) => {
          const fullShape = torch ? torchShape : [...torchShape].reverse();
          const varOffset = fullShape.map((dim, axis) => cuts[axis]![0] % dim);
          const shape = fullShape.map((dim, axis) => 1 + (cuts[axis]![1] % (dim - (varOffset[axis] as number))));
          expectShardsAreSlices(new Dirac({ groups, layout: torch ? 'torch' : 'tf' }), fullShape, [
            { varOffset, shape },
          ]);
        },
      ),
      { numRuns: 100 },
    );
  });

  test('any dtype: int32, bool, bfloat16 ones', () => {
    expect(Array.from(new Dirac({ layout: 'torch' }).apply([1, 1, 3], 'int32').data)).toEqual([0, 1, 0]);
    expect(Array.from(new Dirac({ layout: 'torch' }).apply([1, 1, 3], 'bool').data)).toEqual([0, 1, 0]);
    expect(Array.from(new Dirac({ layout: 'torch' }).apply([1, 1, 3], 'bfloat16').data)).toEqual([0, 0x3f80, 0]);
  });

  test('the config round-trips', () => {
    const init = new Dirac({ groups: 2, layout: 'torch', dtype: 'float64' });
    expect(serialize(init)).toEqual({ className: 'Dirac', config: { groups: 2, layout: 'torch', dtype: 'float64' } });
    const rebuilt = deserialize(JSON.parse(JSON.stringify(serialize(init))));
    expect(rebuilt.apply([4, 3, 3]).data).toEqual(init.apply([4, 3, 3]).data);
  });

  test.each([
    [
      () => new Dirac().apply([3, 3]),
      InitRangeError,
      'Dirac: shape must be 3-, 4- or 5-D (a 1-, 2- or 3-D convolution kernel). Received: [3, 3].',
    ],
    [() => new Dirac().apply([1, 1, 1, 1, 1, 1]), InitRangeError, 'Dirac: shape must be 3-, 4- or 5-D'],
    [
      () => new Dirac({ groups: 2, layout: 'torch' }).apply([3, 3, 3]),
      InitRangeError,
      'Dirac: the output channels (axis 0) must divide into groups (2). Received: shape [3, 3, 3].',
    ],
    [
      () => new Dirac({ groups: 2 }).apply([3, 3, 3]),
      InitRangeError,
      'Dirac: the output channels (axis 2) must divide into groups (2).',
    ],
    [() => new Dirac({ groups: 0 }), InitRangeError, 'Dirac: groups must be a positive integer. Received: 0.'],
    [() => new Dirac({ groups: 1.5 }), InitRangeError, 'Dirac: groups must be a positive integer. Received: 1.5.'],
    [
      () => new Dirac({ groups: '2' as never }),
      InitTypeError,
      'Dirac: groups must be a positive integer. Received: "2".',
    ],
    [
      () => new Dirac({ layout: 'nchw' as never }),
      InitTypeError,
      "Dirac: layout must be one of 'tf', 'torch'. Received: \"nchw\".",
    ],
  ] as const)('%#: %s', expectThrows);
});
