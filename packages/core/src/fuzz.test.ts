// Fuzzing every initializer over shapes, dtypes, parameters and partitions: each call returns a
// tensor of the right length with no NaN, or throws one of our errors. Never anything else, never
// a hang (the test's time limit would report one).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  Constant,
  DTYPES,
  Identity,
  isInitError,
  Ones,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  TruncatedNormal,
  UniformUnitScaling,
  VarianceScaling,
  Zeros,
  type DType,
  type Initializer,
  type PartitionInfo,
} from './index.js';
import { valuesOf } from '../test/support.js';

// Wild numbers: ordinary ones, edge cases, and values of the wrong type.
const number = fc.oneof(
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.constantFrom(0, -0, 1, -1, Number.NaN, Infinity, -Infinity, 1e300, -1.7e308, 1.7e308, -1e-300, 2 ** 31, 0.5),
  fc.constantFrom('1' as unknown as number, null as unknown as number, undefined as unknown as number),
);
const dim = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom(-1, 1.5, Number.NaN, 2 ** 53));
const shape = fc.array(dim, { maxLength: 4 });
const dtype = fc.oneof(fc.constantFrom(...DTYPES), fc.constantFrom('float8' as DType, undefined as unknown as DType));
const seed = fc.oneof(fc.nat(), fc.string({ maxLength: 4 }), fc.constantFrom(-1, 1.5, undefined as unknown as number));

const initializers: fc.Arbitrary<() => Initializer> = fc.oneof(
  fc.constant(() => new Zeros()),
  dtype.map((d) => () => new Ones({ dtype: d })),
  fc.tuple(fc.oneof(number, fc.array(number, { maxLength: 8 })), fc.boolean()).map(
    ([value, verifyShape]) =>
      () =>
        new Constant({ value, verifyShape }),
  ),
  fc.tuple(number, number, seed).map(
    ([minval, maxval, s]) =>
      () =>
        new RandomUniform({ minval, maxval, seed: s }),
  ),
  fc.tuple(number, number, seed).map(
    ([mean, stddev, s]) =>
      () =>
        new RandomNormal({ mean, stddev, seed: s }),
  ),
  fc.tuple(number, number, seed).map(
    ([mean, stddev, s]) =>
      () =>
        new TruncatedNormal({ mean, stddev, seed: s }),
  ),
  fc.tuple(number, seed).map(
    ([factor, s]) =>
      () =>
        new UniformUnitScaling({ factor, seed: s }),
  ),
  fc
    .tuple(
      number,
      fc.constantFrom('fan_in', 'fan_out', 'fan_avg', 'fanIn'),
      fc.constantFrom('normal', 'truncated_normal', 'untruncated_normal', 'uniform', 'x'),
      seed,
    )
    .map(
      ([scale, mode, distribution, s]) =>
        () =>
          new VarianceScaling({ scale, mode: mode as 'fan_in', distribution: distribution as 'normal', seed: s }),
    ),
  fc.tuple(number, fc.constantFrom('qr', 'svd'), seed).map(
    ([gain, method, s]) =>
      () =>
        new Orthogonal({ gain, method, seed: s }),
  ),
  number.map((gain) => () => new Identity({ gain })),
);

/** A partition around a shape: usually valid, sometimes off the end or of the wrong rank. */
function partitionFor(shapeValue: number[]): fc.Arbitrary<PartitionInfo | undefined> {
  return fc.oneof(
    fc.constant(undefined),
    fc
      .tuple(...shapeValue.map(() => fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))))
      .map((pads) => ({
        // The shard sits `before` elements in, with `after` more beyond it on each axis.
        fullShape: shapeValue.map((d, axis) => d + (pads[axis]?.[0] ?? 0) + (pads[axis]?.[1] ?? 0)),
        varOffset: shapeValue.map((_, axis) => pads[axis]?.[0] ?? 0),
      })),
    fc.constant({ fullShape: [1], varOffset: [5] }),
  );
}

describe('fuzz', () => {
  test('every call returns a valid tensor or throws one of our errors', () => {
    fc.assert(
      fc.property(
        initializers,
        shape.chain((s) => fc.tuple(fc.constant(s), partitionFor(s))),
        dtype,
        (make, [shapeValue, partition], dtypeValue) => {
          let result: ReturnType<Initializer['apply']>;
          try {
            result = make().apply(shapeValue, dtypeValue, partition);
          } catch (error) {
            if (!isInitError(error)) throw error;
            return;
          }
          const size = shapeValue.reduce((a, b) => a * b, 1);
          expect(result.data).toHaveLength(size);
          expect(result.shape).toEqual(shapeValue);
          for (const value of valuesOf(result)) expect(Number.isNaN(value)).toBe(false);
        },
      ),
      { seed: 424242, numRuns: 1500 },
    );
  }, 120_000);
});
