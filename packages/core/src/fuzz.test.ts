// Fuzzing every initializer over shapes, dtypes, parameters and partitions: each call returns a
// tensor of the right length with no NaN, or throws one of our errors. Never anything else, never
// a hang (the test's time limit would report one).
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import * as core from './index.js';
import { DTYPES, isInitError, type DType, type Initializer, type PartitionInfo } from './index.js';
import { valuesOf } from '../test/support.js';
import { enableSvd } from './svd-index.js';

// Method 'svd' is opt-in; orthogonal-svd.test.ts covers Orthogonal before enableSvd().
beforeAll(() => enableSvd());

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

/** A fuzzed initializer: how to make it, its class name and the options it was given. */
interface Candidate {
  readonly className: string;
  readonly options: readonly string[];
  readonly make: () => Initializer;
}

/** A class of core, built from an options object as a caller would write it (wrong types included). */
type FuzzedClass = { readonly className: string } & (new (options: Record<string, unknown>) => Initializer);

function candidate(cls: { readonly className: string }, options: Record<string, unknown>): Candidate {
  const Class = cls as FuzzedClass;
  return { className: Class.className, options: Object.keys(options), make: () => new Class(options) };
}

const initializers: fc.Arbitrary<Candidate> = fc.oneof(
  fc.constant(candidate(core.Zeros, {})),
  dtype.map((d) => candidate(core.Ones, { dtype: d })),
  fc
    .tuple(fc.oneof(number, fc.array(number, { maxLength: 8 })), fc.boolean())
    .map(([value, verifyShape]) => candidate(core.Constant, { value, verifyShape })),
  fc
    .tuple(number, number, seed)
    .map(([minval, maxval, s]) => candidate(core.RandomUniform, { minval, maxval, seed: s })),
  fc.tuple(number, number, seed).map(([mean, stddev, s]) => candidate(core.RandomNormal, { mean, stddev, seed: s })),
  fc.tuple(number, number, seed).map(([mean, stddev, s]) => candidate(core.TruncatedNormal, { mean, stddev, seed: s })),
  fc.tuple(number, seed).map(([factor, s]) => candidate(core.UniformUnitScaling, { factor, seed: s })),
  fc
    .tuple(
      number,
      fc.constantFrom('fan_in', 'fan_out', 'fan_avg', 'fanIn'),
      fc.constantFrom('normal', 'truncated_normal', 'untruncated_normal', 'uniform', 'x'),
      seed,
    )
    .map(([scale, mode, distribution, s]) => candidate(core.VarianceScaling, { scale, mode, distribution, seed: s })),
  fc
    .tuple(number, fc.constantFrom('qr', 'svd'), seed)
    .map(([gain, method, s]) => candidate(core.Orthogonal, { gain, method, seed: s })),
  number.map((gain) => candidate(core.Identity, { gain })),
);

// What a call's error may name besides the options given: the arguments of apply.
const CALL_ARGUMENTS = ['shape', 'dtype', 'partitionInfo'];

/**
 * The arguments an error message names among `candidates`: the message must read
 * `<Class>: … must … Received: …`, and the words before `Received` name what was wrong
 * (`value[3]` names `value`, `partitionInfo.fullShape` names `partitionInfo`).
 */
function namedArguments(message: string, className: string, candidates: readonly string[]): string[] {
  const match = new RegExp(`^${className}: (.*? must .*?)(?: Received|$)`, 's').exec(message);
  if (match === null) return [];
  const words = new Set((match[1] ?? '').match(/[A-Za-z]+/g) ?? []);
  return candidates.filter((candidate) => words.has(candidate));
}

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
  test('every call returns a valid tensor or throws our error naming the class and an argument it was given', () => {
    let returned = 0;
    let thrown = 0;
    fc.assert(
      fc.property(
        initializers,
        shape.chain((s) => fc.tuple(fc.constant(s), partitionFor(s))),
        dtype,
        ({ className, options, make }, [shapeValue, partition], dtypeValue) => {
          let result: ReturnType<Initializer['apply']>;
          try {
            result = make().apply(shapeValue, dtypeValue, partition);
          } catch (error) {
            if (!isInitError(error)) throw error;
            thrown++;
            // Not just any InitError: this class's, about an option it was given or an argument of apply.
            const named = namedArguments(error.message, className, [...options, ...CALL_ARGUMENTS]);
            if (named.length === 0) {
              // Known gap: a value that passes the class's checks but that @init/random's fill refuses
              // for the dtype (a stddev whose ±13.71σ overflows float32, bounds closer than one float32
              // apart) is reported in the sampler's own words (`prepareNormal: stddev must …`), not the
              // class's. Held here to a named fill and one of its arguments until the class checks
              // these itself.
              const fillArguments = ['low', 'high', 'mean', 'stddev', 'lower', 'upper'];
              expect(
                namedArguments(error.message, '(?:fill|prepare)(?:Uniform|Normal|TruncatedNormal)', fillArguments),
                error.message,
              ).not.toEqual([]);
            }
            return;
          }
          returned++;
          const size = shapeValue.reduce((a, b) => a * b, 1);
          expect(result.data).toHaveLength(size);
          expect(result.shape).toEqual(shapeValue);
          for (const value of valuesOf(result)) expect(Number.isNaN(value)).toBe(false);
        },
      ),
      { seed: 424242, numRuns: 1500 },
    );
    // A regression that made every call throw would pass the property: most fuzzed calls are
    // invalid, but some are valid and must return a tensor.
    expect(returned).toBeGreaterThan(40); // 92 of 1500 with this seed
    expect(thrown).toBeGreaterThan(150);
  }, 120_000);
});
