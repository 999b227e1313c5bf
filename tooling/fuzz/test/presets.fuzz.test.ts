// @init/presets under the fuzz property (see src/kit.ts): the Keras factories, the PyTorch
// functions, TF1's aliases and calculateGain, with wild options, then applied to a small shape.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Initializer } from '@init/core';
import {
  calculateGain,
  dirac,
  eye,
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  kaimingNormal,
  kaimingUniform,
  lecunNormal,
  lecunUniform,
  orthogonal,
  sparse,
  truncNormal,
  xavierNormal,
  xavierUniform,
} from '@init/presets';
import { isInitError } from '@init/random';
import { describeFuzzSuite, type Entry, type Options } from '../src/kit.js';
import { RUNS } from '../src/runs.js';

interface ApplyArgs {
  readonly shape: number[];
}
const seed = fc.oneof(fc.nat(2 ** 31), fc.constant(undefined));
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const record = (values: Record<string, unknown>): Options =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
const matrixShape = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })).map(([r, c]) => [r, c]);

/** A factory `make(options)` whose result is applied to a shape and must give finite values within `bound`. */
function factory(
  name: string,
  make: (options: never) => Initializer,
  keys: readonly string[],
  options: fc.Arbitrary<Options>,
  shapes: fc.Arbitrary<number[]> = matrixShape,
  bound: (options: Options, shape: number[]) => number = () => Number.POSITIVE_INFINITY,
  extra: Partial<Entry<ApplyArgs>> = {},
): Entry<ApplyArgs> {
  return {
    // The function the caller called, never the core class it builds (VarianceScaling, …); a Keras
    // factory may name its class, which is the same preset (glorotUniform → GlorotUniform).
    name: new RegExp(`${name}|${name.charAt(0).toUpperCase()}${name.slice(1)}`),
    keys,
    valid: fc.record({ options, args: fc.record({ shape: shapes }) }),
    call: (opts, args) => make(opts as never).apply(args.shape),
    check(result, opts, args) {
      const { data } = result as { data: Float32Array };
      expect(data).toHaveLength(args.shape.reduce((a, b) => a * b, 1));
      const limit = bound(opts, args.shape);
      for (const value of data)
        expect(Number.isFinite(value) && Math.abs(value) <= limit, `${value} within ±${limit}`).toBe(true);
    },
    ...extra,
  };
}

const kerasOptions = fc
  .tuple(seed, optional(fc.constantFrom('counter', 'tfjs')))
  .map(([s, engine]) => record({ seed: engine === 'tfjs' ? 5 : s, engine }));
const KERAS_KEYS = ['seed', 'dtype', 'engine'];
// Keras's uniform limit sqrt(3·scale/fan) ≤ sqrt(6) for scale ≤ 2 and fan ≥ 1.
const uniformBound = () => Math.sqrt(6) * (1 + 1e-6);

const ENTRIES: Entry<ApplyArgs>[] = [
  factory('glorotUniform', glorotUniform as never, KERAS_KEYS, kerasOptions, matrixShape, uniformBound),
  factory('glorotNormal', glorotNormal as never, KERAS_KEYS, kerasOptions),
  factory('heUniform', heUniform as never, KERAS_KEYS, kerasOptions, matrixShape, uniformBound),
  factory('heNormal', heNormal as never, KERAS_KEYS, kerasOptions),
  factory('lecunUniform', lecunUniform as never, KERAS_KEYS, kerasOptions, matrixShape, uniformBound),
  factory('lecunNormal', lecunNormal as never, KERAS_KEYS, kerasOptions),
  factory(
    'xavierUniform',
    xavierUniform as never,
    ['gain', 'seed', 'dtype', 'engine', 'generator'],
    fc
      .tuple(optional(fc.double({ min: 0.1, max: 5, noNaN: true })), seed)
      .map(([gain, s]) => record({ gain, seed: s })),
    matrixShape,
    (options) => ((options.gain as number | undefined) ?? 1) * Math.sqrt(6 / 2) * (1 + 1e-6),
  ),
  factory(
    'xavierNormal',
    xavierNormal as never,
    ['gain', 'seed', 'dtype', 'engine', 'generator'],
    fc
      .tuple(optional(fc.double({ min: 0.1, max: 5, noNaN: true })), seed)
      .map(([gain, s]) => record({ gain, seed: s })),
  ),
  factory(
    'kaimingUniform',
    kaimingUniform as never,
    ['a', 'mode', 'nonlinearity', 'seed', 'dtype', 'engine', 'generator'],
    fc
      .tuple(
        optional(fc.double({ min: 0, max: 5, noNaN: true })),
        optional(fc.constantFrom('fan_in', 'fan_out')),
        optional(fc.constantFrom('leaky_relu', 'relu', 'linear', 'tanh')),
        seed,
      )
      .map(([a, mode, nonlinearity, s]) => record({ a, mode, nonlinearity, seed: s })),
  ),
  factory(
    'kaimingNormal',
    kaimingNormal as never,
    ['a', 'mode', 'nonlinearity', 'seed', 'dtype', 'engine', 'generator'],
    fc
      .tuple(optional(fc.double({ min: 0, max: 5, noNaN: true })), optional(fc.constantFrom('fan_in', 'fan_out')), seed)
      .map(([a, mode, s]) => record({ a, mode, seed: s })),
  ),
  factory(
    'truncNormal',
    truncNormal as never,
    ['mean', 'std', 'a', 'b', 'seed', 'dtype', 'engine', 'generator'],
    fc
      .tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 2, noNaN: true }), seed)
      .map(([mean, std, s]) => record({ mean, std, a: mean - 2 * std, b: mean + 2 * std, seed: s })),
    matrixShape,
    // PyTorch's trunc_normal_ clamps into [a, b] (defaults ±2): the larger bound in magnitude.
    (options) =>
      Math.max(Math.abs((options.a as number | undefined) ?? -2), Math.abs((options.b as number | undefined) ?? 2)) *
      (1 + 1e-6),
  ),
  factory(
    'orthogonal',
    orthogonal as never,
    ['gain', 'seed', 'dtype'],
    fc.tuple(optional(fc.double({ min: -3, max: 3, noNaN: true })), seed).map(([gain, s]) => record({ gain, seed: s })),
    matrixShape,
    // |gain|, and whatever float32 rounds it up to (gain −3.5e-45 is stored as the subnormal 4.2e-45).
    (options) => {
      const limit = Math.abs((options.gain as number | undefined) ?? 1) * (1 + 1e-6);
      return Math.max(limit, Math.fround(limit));
    },
  ),
  factory('eye', eye as never, ['dtype'], fc.constant({}), matrixShape, () => 1),
  factory(
    'dirac',
    dirac as never,
    ['groups', 'dtype'],
    fc.constant({}),
    fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
      .map(([o, i, k]) => [o, i, k]),
    () => 1,
    { related: { groups: ['shape'] } },
  ),
  factory(
    'sparse',
    sparse as never,
    ['sparsity', 'std', 'seed', 'dtype'],
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), seed).map(([sparsity, s]) => record({ sparsity, seed: s })),
    matrixShape,
    () => Number.POSITIVE_INFINITY,
    { optionsRequired: true },
  ),
];

/** calculateGain(nonlinearity, param): a positive finite gain, or our error naming the argument. */
const gainEntry: Entry<{ nonlinearity: unknown; param: unknown }> = {
  name: 'calculateGain',
  keys: [],
  takesOptions: false,
  valid: fc
    .tuple(
      fc.constantFrom('linear', 'conv2d', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu'),
      fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
    )
    .map(([nonlinearity, param]) => ({
      options: {},
      args: { nonlinearity, param: nonlinearity === 'leaky_relu' ? param : undefined },
    })),
  badArgs: fc.oneof(
    fc
      .constantFrom<unknown>('relu6', 'Relu', null, 1, '')
      .map((nonlinearity) => ({ args: { nonlinearity, param: undefined }, names: ['nonlinearity'] })),
    fc
      .constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, -1e300, 1e200, 'x', null)
      .map((param) => ({ args: { nonlinearity: 'leaky_relu', param }, names: ['param', 'negative_slope'] })),
  ),
  call: (_options, args) => calculateGain(args.nonlinearity as 'relu', args.param as number),
  check: (result) => expect(Number.isFinite(result) && (result as number) > 0).toBe(true),
};

const ALL: Entry<never, never>[] = [...ENTRIES, gainEntry] as never;

describeFuzzSuite('@init/presets under the fuzz property', ALL, RUNS.presets, 4800, isInitError);
