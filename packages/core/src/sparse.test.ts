import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { deserialize, InitRangeError, InitTypeError, serialize, Sparse } from './index.js';
import { valuesOf, expectShardsAreSlices } from '../test/support.js';
import { expectThrows } from '../../random/test/errors.js';

/** The zero count of each column of a row-major rows × cols matrix. */
function zerosPerColumn(values: ArrayLike<number>, rows: number, cols: number): number[] {
  const counts = new Array<number>(cols).fill(0);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (values[r * cols + c] === 0) counts[c]!++;
  return counts;
}

describe('Sparse', () => {
  test.each([
    [0, [7, 5], 0],
    [0.1, [10, 4], 1],
    [0.1, [11, 4], 2], // ⌈1.1⌉
    [0.5, [9, 6], 5],
    [0.9, [300, 3], 270],
    [1, [6, 3], 6],
  ] as const)('sparsity %d on %j: exactly ⌈sparsity·rows⌉ = %d zeros in every column', (sparsity, shape, zeros) => {
    for (const dtype of ['float32', 'float64', 'float16', 'bfloat16'] as const) {
      const tensor = new Sparse({ sparsity, stddev: 1, seed: 3 }).apply(shape, dtype);
      expect(zerosPerColumn(valuesOf(tensor), shape[0], shape[1])).toEqual(new Array(shape[1]).fill(zeros));
    }
  });

  test('the rest is the normal stream: nonzeros with the stddev asked for (5 standard errors, n = 2^20)', () => {
    const values = new Sparse({ sparsity: 0.25, stddev: 0.01, seed: 11 }).apply([1024, 1024], 'float64').data;
    const nonzero = values.filter((x) => x !== 0);
    expect(nonzero.length).toBe(1024 * 768);
    let squares = 0;
    for (const x of nonzero) squares += x * x;
    const variance = squares / nonzero.length;
    // The standard error of a normal's sample variance is σ²·√(2/n).
    expect(Math.abs(variance - 1e-4)).toBeLessThan(5 * 1e-4 * Math.sqrt(2 / nonzero.length));
  });

  test('the zero rows are uniformly random: each row is zero in 30% of 200000 columns (chi-square, false-alarm rate 1e-6)', () => {
    const [rows, cols] = [10, 200_000];
    const values = new Sparse({ sparsity: 0.3, seed: 12 }).apply([rows, cols]).data;
    const expected = cols * 0.3;
    let chiSquare = 0;
    for (let r = 0; r < rows; r++) {
      let count = 0;
      for (let c = 0; c < cols; c++) if (values[r * cols + c] === 0) count++;
      // Per row, Binomial(cols, 0.3): variance cols·0.3·0.7.
      chiSquare += (count - expected) ** 2 / (expected * 0.7);
    }
    // Each column marks 3 of 10 rows without replacement: the row indicators have covariance
    // p(1−p)·n/(n−1)·(I − J/n), so the sum is (10/9)·χ²₉. P(χ²₉ > 44.81) = 1e-6 (scipy chi2.isf).
    expect(chiSquare).toBeLessThan((10 / 9) * 44.81);
  });

  test('seeded: the same values on every call; another seed differs', () => {
    const a = new Sparse({ sparsity: 0.4, seed: 5 }).apply([20, 30]).data;
    expect(new Sparse({ sparsity: 0.4, seed: 5 }).apply([20, 30]).data).toEqual(a);
    expect(new Sparse({ sparsity: 0.4, seed: 6 }).apply([20, 30]).data).not.toEqual(a);
  });

  test('any shard equals the slice of the full matrix (rows, columns, blocks)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()),
        (rows, cols, sparsity, [r0, c0, r1, c1]) => {
          const fullShape = [rows, cols];
          const varOffset = [r0 % rows, c0 % cols];
          const shape = [1 + (r1 % (rows - varOffset[0]!)), 1 + (c1 % (cols - varOffset[1]!))];
          expectShardsAreSlices(new Sparse({ sparsity, seed: 'sparse/kernel' }), fullShape, [{ varOffset, shape }]);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('the config round-trips, value for value', () => {
    const init = new Sparse({ sparsity: 0.2, stddev: 0.05, seed: 9 });
    expect(serialize(init)).toEqual({
      className: 'Sparse',
      config: { sparsity: 0.2, stddev: 0.05, seed: 9, dtype: 'float32' },
    });
    expect(deserialize(JSON.parse(JSON.stringify(serialize(init)))).apply([8, 8]).data).toEqual(
      init.apply([8, 8]).data,
    );
  });

  test.each([
    [
      () => new Sparse(undefined as never),
      InitTypeError,
      'Sparse: sparsity must be a number in [0, 1] (the fraction of zeros per column). Received: undefined.',
    ],
    [
      () => new Sparse({ sparsity: 1.5 }),
      InitRangeError,
      'Sparse: sparsity must be a number in [0, 1] (the fraction of zeros per column). Received: 1.5.',
    ],
    [() => new Sparse({ sparsity: Number.NaN }), InitRangeError, 'Received: NaN.'],
    [
      () => new Sparse({ sparsity: 0.1, stddev: -1 }),
      InitRangeError,
      'Sparse: stddev must be a non-negative finite number. Received: -1.',
    ],
    [
      () => new Sparse({ sparsity: 0.1 }).apply([2, 3, 4]),
      InitRangeError,
      'Sparse: shape must be 2-D. Received: [2, 3, 4].',
    ],
    [
      () => new Sparse({ sparsity: 0.1 }).apply([2, 3], 'int32'),
      InitTypeError,
      'Sparse: dtype must be a floating-point dtype',
    ],
    [
      () => deserialize({ className: 'Sparse', config: { sparsity: 0.1, gain: 2 } }),
      InitTypeError,
      'Sparse: config key "gain" must be one of sparsity, stddev, seed, dtype',
    ],
  ] as const)('%#: %s', expectThrows);
});
