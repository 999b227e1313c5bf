import { describe, expect, test } from 'vitest';
import { computeFans, InitRangeError, InitTypeError } from './index.js';

describe('computeFans', () => {
  test.each([
    // [shape, tf fans, torch fans]
    { shape: [], tf: [1, 1], torch: [1, 1] },
    { shape: [7], tf: [7, 7], torch: [7, 7] },
    { shape: [0], tf: [0, 0], torch: [0, 0] },
    { shape: [3, 5], tf: [3, 5], torch: [5, 3] },
    { shape: [0, 5], tf: [0, 5], torch: [5, 0] },
    { shape: [4, 6, 8], tf: [24, 32], torch: [48, 32] },
    { shape: [3, 3, 64, 128], tf: [576, 1152], torch: [24576, 24576] },
    { shape: [128, 64, 3, 3], tf: [24576, 24576], torch: [576, 1152] },
    { shape: [2, 3, 3, 16, 32], tf: [288, 576], torch: [4608, 3072] },
    { shape: [3, 3, 0, 8], tf: [0, 72], torch: [0, 0] },
    { shape: [0, 3, 4, 8], tf: [0, 0], torch: [96, 0] },
  ])('$shape', ({ shape, tf, torch }) => {
    expect(computeFans(shape)).toEqual({ fanIn: tf[0], fanOut: tf[1] });
    expect(computeFans(shape, 'tf')).toEqual({ fanIn: tf[0], fanOut: tf[1] });
    expect(computeFans(shape, 'torch')).toEqual({ fanIn: torch[0], fanOut: torch[1] });
  });

  test('a tf conv kernel and its torch transpose have the same fans', () => {
    // [kh, kw, in, out] in TF is [out, in, kh, kw] in PyTorch.
    expect(computeFans([5, 7, 16, 32])).toEqual(computeFans([32, 16, 5, 7], 'torch'));
  });

  test('rejects unknown layouts, listing the valid ones', () => {
    expect(() => computeFans([2, 2], 'channels_first' as never)).toThrow(InitTypeError);
    expect(() => computeFans([2, 2], 'channels_first' as never)).toThrow(
      `computeFans: layout must be one of 'tf', 'torch'. Received: "channels_first".`,
    );
  });

  test.each([[[-1, 2]], [[2.5]], [[Number.NaN]], [[Infinity, 1]]])('rejects the bad shape %j', (shape) => {
    expect(() => computeFans(shape)).toThrow(InitRangeError);
  });
});
