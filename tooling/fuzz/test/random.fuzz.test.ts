// @init/random under the fuzz property (see src/kit.ts): every fill, prepared sampler, key function
// and TorchGenerator entry, with wild options, every buffer form and bad arguments.
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  bfloat16BitsToNumber,
  closestNames,
  createTorchGenerator,
  finiteNumber,
  fillNormal,
  fillNormalTfjs,
  fillNormalTorch,
  fillTruncatedNormal,
  fillTruncatedNormalTfjs,
  fillTruncatedNormalTorch,
  fillUniform,
  fillUniformInt,
  fillUniformTfjs,
  fillUniformTorch,
  float16BitsToNumber,
  float32ToBfloat16Bits,
  float32ToFloat16Bits,
  foldIn,
  isInitError,
  isKey,
  keyFromSeed,
  keyFromString,
  keyToString,
  nonNegativeNumber,
  oneOf,
  positiveNumber,
  prepareNormal,
  prepareTruncatedNormal,
  prepareUniform,
  prepareUniformInt,
  roundToFormat,
  split,
  type Key,
} from '@init/random';
import {
  BUFFER_FORMS,
  type BufferForm,
  type Entry,
  describeFuzzSuite,
  makeBuffer,
  type Options,
  wildNumber,
} from '../src/kit.js';
import { RUNS } from '../src/runs.js';

type FloatFormat = 'float32' | 'float64' | 'float16' | 'bfloat16';
type ArrayName = 'Float32Array' | 'Float64Array' | 'Uint16Array' | 'Int32Array' | 'Uint8Array' | 'Int8Array';

/** The arguments of a fill besides its options: the output buffer and the key (or seed, or generator). */
interface FillArgs {
  readonly array: ArrayName;
  readonly length: number;
  readonly form: BufferForm;
  readonly source: unknown;
}
interface FillState {
  readonly out: ArrayBufferView & { length: number };
  readonly source: unknown;
}

const ARRAY_OF: Record<FloatFormat, ArrayName> = {
  float32: 'Float32Array',
  float64: 'Float64Array',
  float16: 'Uint16Array',
  bfloat16: 'Uint16Array',
};
const LIVE_FORMS = BUFFER_FORMS.filter((form) => form !== 'detached');
const key = fc.integer({ min: 0, max: 2 ** 31 }).map((seed) => keyFromSeed(seed));
const badKey = fc.constantFrom<unknown>(null, undefined, 1, 'key:zz', {}, [1, 2], Symbol('k'));
const length = fc.integer({ min: 0, max: 40 });

function decode(out: ArrayLike<number>, format: FloatFormat): number[] {
  const read = format === 'float16' ? float16BitsToNumber : format === 'bfloat16' ? bfloat16BitsToNumber : Number;
  return Array.from(out, (value) => read(value));
}

function formatOf(options: Options, array: ArrayName): FloatFormat {
  const dtype = options.dtype;
  if (typeof dtype === 'string') return dtype as FloatFormat;
  return array === 'Float64Array' ? 'float64' : 'float32';
}

function num(options: Options, name: string, fallback: number): number {
  const value = options[name];
  expect(value === undefined || typeof value === 'number', `${name} is a number`).toBe(true);
  return value === undefined ? fallback : (value as number);
}

/** The bad `out` arguments of a fill, each named `out` in its error. */
const badOut = fc.oneof(
  fc
    .constantFrom<ArrayName>('Int32Array', 'Uint8Array', 'Int8Array')
    .map((array) => ({ array, form: 'plain' as BufferForm })),
  fc
    .constantFrom<ArrayName>('Float32Array', 'Float64Array')
    .map((array) => ({ array, form: 'detached' as BufferForm })),
);

/**
 * A float fill `fill(out, source, options)`: `formats` it writes, surely-valid options per format,
 * the check of its values, the source (key, seed or generator) and bad sources.
 */
function floatFill(spec: {
  readonly name: string;
  readonly keys: readonly string[];
  readonly formats: readonly FloatFormat[];
  readonly fill: (out: never, source: never, options: never) => unknown;
  readonly options: (format: FloatFormat) => fc.Arbitrary<Options>;
  readonly check: (values: number[], options: Options, format: FloatFormat) => void;
  readonly source: fc.Arbitrary<unknown>;
  readonly badSource: fc.Arbitrary<unknown>;
  readonly sourceName: string;
  /** A fresh source per run (a generator is state). */
  readonly freshSource?: (source: unknown) => unknown;
  readonly wild?: Record<string, fc.Arbitrary<unknown>>;
}): Entry<FillArgs, FillState> {
  const valid = fc.constantFrom(...spec.formats).chain((format) =>
    fc.record({
      options: fc
        .tuple(spec.options(format), fc.boolean())
        .map(([options, explicit]) =>
          format === 'float16' || format === 'bfloat16' || (explicit && spec.keys.includes('dtype'))
            ? { ...options, dtype: format }
            : options,
        ),
      args: fc.record({
        array: fc.constant(ARRAY_OF[format]),
        length,
        form: fc.constantFrom(...LIVE_FORMS),
        source: spec.source,
      }),
    }),
  );
  const badArgs = fc.oneof(
    fc
      .tuple(badOut, length, spec.source)
      .map(([{ array, form }, n, source]) => ({ args: { array, length: n, form, source }, names: ['out'] })),
    fc.tuple(length, spec.badSource).map(([n, source]) => ({
      args: { array: 'Float32Array' as ArrayName, length: n, form: 'plain' as BufferForm, source },
      names: [spec.sourceName],
    })),
  );
  return {
    name: spec.name,
    keys: spec.keys,
    valid,
    badArgs,
    ...(spec.wild === undefined ? {} : { wild: spec.wild }),
    fresh: (args) => ({
      out: makeBuffer(args.array, args.length, args.form),
      source: spec.freshSource === undefined ? args.source : spec.freshSource(args.source),
    }),
    buffer: (state) => state.out,
    call: (options, _args, state) => spec.fill(state.out as never, state.source as never, options as never),
    check(result, options, args, state) {
      expect(result).toBe(state.out);
      const format = formatOf(options, args.array);
      const values = decode(state.out as unknown as ArrayLike<number>, format);
      for (const value of values) expect(Number.isFinite(value), `${spec.name} wrote ${value}`).toBe(true);
      spec.check(values, options, format);
    },
  };
}

/**
 * [low, high) in the format: no value below low's rounding, none at or above high. `computedIn`:
 * the format an engine stores in before the output's (TensorFlow.js's float32), whose roundings of
 * low and high the output holds widened (low 8.4e-323 is 0 in float32, so a Float64Array holds 0).
 */
function checkUniform(values: number[], options: Options, format: FloatFormat, computedIn?: 'float32'): void {
  const low = num(options, 'low', 0);
  const high = num(options, 'high', 1);
  const computedLow = computedIn === undefined ? low : roundToFormat(roundToFormat(low, computedIn), format);
  const floor = Math.min(low, roundToFormat(low, format), computedLow);
  // TensorFlow.js's float32 store may round up onto high's float32 value (a float32 or float64 output
  // holds it; 16-bit outputs are kept below high, as documented).
  const ceiling =
    computedIn === undefined || format === 'float16' || format === 'bfloat16'
      ? Number.NaN
      : roundToFormat(roundToFormat(high, computedIn), format);
  for (const value of values) {
    expect(value >= floor && (value < high || value === ceiling), `${value} in [${low}, ${high})`).toBe(true);
  }
}

// Surely valid in every format: bounds within ±100, at least 2 apart; spreads at least 0.5.
const uniformOptions = (keys: readonly string[]) => () =>
  fc
    .tuple(
      fc.double({ min: -100, max: 100, noNaN: true }),
      fc.double({ min: 2, max: 100, noNaN: true }),
      fc.nat(1000),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([low, span, offset, bounds, withOffset]) => ({
      // low without high (default 1) is only valid below 1: give both or neither.
      ...(bounds ? { low, high: low + span } : {}),
      ...(withOffset && keys.includes('offset') ? { offset } : {}),
    }));
const normalOptions = (keys: readonly string[]) => () =>
  fc
    .tuple(
      fc.double({ min: -100, max: 100, noNaN: true }),
      fc.oneof(fc.constant(0), fc.double({ min: 0.5, max: 10, noNaN: true })),
      fc.nat(1000),
    )
    .chain(([mean, stddev, offset]) => {
      const full: Record<string, unknown> = { mean, stddev, offset };
      return fc
        .subarray(keys.filter((k) => k in full))
        .map((chosen) => Object.fromEntries(chosen.map((k) => [k, full[k]])));
    });

/** The default engine's normal: with stddev 0 every value is the mean, −0 included (its documented rule). */
function checkNormal(values: number[], options: Options, format: FloatFormat): void {
  if (num(options, 'stddev', 1) === 0) {
    for (const value of values) expect(value).toBe(roundToFormat(num(options, 'mean', 0), format));
  }
}

/**
 * The default engine's truncated normal: with stddev 0 every value is the mean (−0 included);
 * otherwise strictly inside (mean + lower·stddev, mean + upper·stddev), computed in double, with the
 * lower and upper the options give (a wild bound the function accepts moves the interval).
 */
function checkTruncated(values: number[], options: Options, format: FloatFormat): void {
  const mean = num(options, 'mean', 0);
  const stddev = num(options, 'stddev', 1);
  if (stddev === 0) {
    for (const value of values) expect(value).toBe(roundToFormat(mean, format));
    return;
  }
  const lower = mean + num(options, 'lower', -2) * stddev;
  const upper = mean + num(options, 'upper', 2) * stddev;
  for (const value of values) expect(value > lower && value < upper, `${value} in (${lower}, ${upper})`).toBe(true);
}

const counterFills: Entry<FillArgs, FillState>[] = [
  floatFill({
    name: 'fillUniform',
    keys: ['low', 'high', 'offset', 'dtype'],
    formats: ['float32', 'float64', 'float16', 'bfloat16'],
    fill: fillUniform as never,
    options: uniformOptions(['low', 'high', 'offset']),
    check: checkUniform,
    source: key,
    badSource: badKey,
    sourceName: 'key',
  }),
  floatFill({
    name: 'fillNormal',
    keys: ['mean', 'stddev', 'offset', 'dtype'],
    formats: ['float32', 'float64', 'float16', 'bfloat16'],
    fill: fillNormal as never,
    options: normalOptions(['mean', 'stddev', 'offset']),
    check: checkNormal,
    source: key,
    badSource: badKey,
    sourceName: 'key',
  }),
  floatFill({
    name: 'fillTruncatedNormal',
    keys: ['mean', 'stddev', 'lower', 'upper', 'offset', 'dtype'],
    formats: ['float32', 'float64', 'float16', 'bfloat16'],
    fill: fillTruncatedNormal as never,
    options: () =>
      fc
        .tuple(
          normalOptions(['mean', 'stddev', 'offset'])(),
          fc.option(fc.double({ min: -4, max: -0.25, noNaN: true }), { nil: undefined }),
          fc.option(fc.double({ min: 0.25, max: 4, noNaN: true }), { nil: undefined }),
        )
        .map(([options, lower, upper]) => ({
          ...options,
          ...(lower === undefined ? {} : { lower }),
          ...(upper === undefined ? {} : { upper }),
        })),
    check: checkTruncated,
    source: key,
    badSource: badKey,
    sourceName: 'key',
  }),
];

const tfjsSeed = fc.oneof(
  fc.constant(undefined),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);
const badSeed = fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, '1', null, {}, 1n);
const tfjsFills: Entry<FillArgs, FillState>[] = [
  floatFill({
    name: 'fillUniformTfjs',
    keys: ['low', 'high', 'offset', 'dtype'],
    formats: ['float32', 'float64', 'float16', 'bfloat16'],
    fill: fillUniformTfjs as never,
    options: uniformOptions(['low', 'high']),
    check: (values, options, format) => checkUniform(values, options, format, 'float32'),
    source: tfjsSeed,
    badSource: badSeed,
    sourceName: 'seed',
  }),
  floatFill({
    name: 'fillNormalTfjs',
    keys: ['mean', 'stddev', 'offset', 'dtype'],
    formats: ['float32', 'float64', 'float16', 'bfloat16'],
    fill: fillNormalTfjs as never,
    options: normalOptions(['mean', 'stddev']),
    check: () => {},
    source: tfjsSeed,
    badSource: badSeed,
    sourceName: 'seed',
  }),
  floatFill({
    name: 'fillTruncatedNormalTfjs',
    keys: ['mean', 'stddev', 'offset', 'dtype'],
    formats: ['float32', 'float64', 'float16', 'bfloat16'],
    fill: fillTruncatedNormalTfjs as never,
    options: normalOptions(['mean', 'stddev']),
    check: (values, options, format) => {
      const mean = num(options, 'mean', 0);
      const stddev = num(options, 'stddev', 1);
      // TensorFlow.js draws in float32, then converts: rounding is monotone, so the bounds round too.
      const low = roundToFormat(Math.fround(mean - 2 * stddev), format);
      const high = roundToFormat(Math.fround(mean + 2 * stddev), format);
      for (const value of values) expect(value >= low && value <= high, `${value} in [${low}, ${high}]`).toBe(true);
    },
    source: tfjsSeed,
    badSource: badSeed,
    sourceName: 'seed',
  }),
];

const torchSeed = fc.integer({ min: 0, max: 2 ** 31 });
const badGenerator = fc.constantFrom<unknown>(null, undefined, 1, {}, { random: () => 0.5 }, 'gen');
const torchFills: Entry<FillArgs, FillState>[] = [
  floatFill({
    name: 'fillUniformTorch',
    keys: ['low', 'high'],
    formats: ['float32', 'float64'],
    fill: fillUniformTorch as never,
    options: uniformOptions(['low', 'high']),
    check: (values, options, format) => {
      const low = num(options, 'low', 0);
      const high = num(options, 'high', 1);
      // PyTorch's uniform_ computes from + u·(to − from) in the dtype: it may round up to `to` in
      // that dtype, which can lie above `to` itself (high -5e-324 is -0 in float32).
      const top = Math.max(high, roundToFormat(high, format));
      for (const value of values)
        expect(value >= Math.fround(low) - 1e-4 && value <= top + 1e-4 * Math.abs(high), `${value}`).toBe(true);
    },
    source: torchSeed,
    freshSource: (seed) => (typeof seed === 'number' ? createTorchGenerator(seed) : seed),
    badSource: badGenerator,
    sourceName: 'generator',
  }),
  floatFill({
    name: 'fillNormalTorch',
    keys: ['mean', 'stddev'],
    formats: ['float32', 'float64'],
    fill: fillNormalTorch as never,
    options: normalOptions(['mean', 'stddev']),
    check: () => {},
    source: torchSeed,
    freshSource: (seed) => (typeof seed === 'number' ? createTorchGenerator(seed) : seed),
    badSource: badGenerator,
    sourceName: 'generator',
  }),
  floatFill({
    name: 'fillTruncatedNormalTorch',
    keys: ['mean', 'stddev', 'a', 'b'],
    formats: ['float32', 'float64'],
    fill: fillTruncatedNormalTorch as never,
    options: () =>
      fc
        .tuple(
          fc.double({ min: -1, max: 1, noNaN: true }),
          fc.double({ min: 0.5, max: 2, noNaN: true }),
          fc.double({ min: -3, max: -0.25, noNaN: true }),
          fc.double({ min: 0.25, max: 3, noNaN: true }),
          fc.subarray(['mean', 'stddev', 'a', 'b']),
        )
        .map(([mean, stddev, a, b, keys]) => {
          const full: Record<string, number> = { mean, stddev, a, b };
          return Object.fromEntries(keys.map((k) => [k, full[k]]));
        }),
    check: (values, options) => {
      const a = num(options, 'a', -2);
      const b = num(options, 'b', 2);
      for (const value of values)
        expect(value >= Math.fround(a) && value <= Math.fround(b), `${value} in [${a}, ${b}]`).toBe(true);
    },
    source: torchSeed,
    freshSource: (seed) => (typeof seed === 'number' ? createTorchGenerator(seed) : seed),
    badSource: badGenerator,
    sourceName: 'generator',
  }),
];

/** fillUniformInt: integers in [low, high) in an Int32Array, Float32Array or Float64Array. */
const uniformInt: Entry<FillArgs, FillState> = {
  name: 'fillUniformInt',
  keys: ['low', 'high', 'offset'],
  optionsRequired: true,
  valid: fc.record({
    options: fc
      .tuple(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 2 ** 20 }),
        fc.option(fc.nat(1000), { nil: undefined }),
      )
      .map(([low, span, offset]) => ({ low, high: low + span, ...(offset === undefined ? {} : { offset }) })),
    args: fc.record({
      array: fc.constantFrom<ArrayName>('Int32Array', 'Float32Array', 'Float64Array'),
      length,
      form: fc.constantFrom(...LIVE_FORMS),
      source: key,
    }),
  }),
  badArgs: fc.oneof(
    fc.tuple(badOut, length, key).map(([{ array, form }, n, source]) => ({
      args: { array: array === 'Int32Array' ? ('Uint8Array' as ArrayName) : array, length: n, form, source },
      names: ['out'],
    })),
    fc.tuple(length, badKey).map(([n, source]) => ({
      args: { array: 'Int32Array' as ArrayName, length: n, form: 'plain' as BufferForm, source },
      names: ['key'],
    })),
  ),
  fresh: (args) => ({ out: makeBuffer(args.array, args.length, args.form), source: args.source }),
  buffer: (state) => state.out,
  call: (options, _args, state) => fillUniformInt(state.out as never, state.source as Key, options as never),
  check(result, options, _args, state) {
    expect(result).toBe(state.out);
    const low = num(options, 'low', Number.NaN);
    const high = num(options, 'high', Number.NaN);
    for (const value of Array.from(state.out as unknown as ArrayLike<number>)) {
      expect(Number.isInteger(value) && value >= low && value < high, `${value} in [${low}, ${high})`).toBe(true);
    }
  },
};

/** The prepared samplers: prepare with options, then fill a fresh buffer of the sampler's dtype. */
interface PreparedArgs {
  readonly key: unknown;
  readonly length: number;
  readonly form: BufferForm;
}
function prepared(
  name: string,
  keys: readonly string[],
  prepare: (key: never, options: never) => { fill(out: never, offset?: number): unknown },
  options: fc.Arbitrary<Options>,
  check: (values: number[], options: Options, format: FloatFormat) => void,
  integer = false,
): Entry<PreparedArgs, { out: (ArrayBufferView & { length: number }) | undefined }> {
  const arrayFor = (options: Options): ArrayName => {
    const dtype = (options.dtype as FloatFormat | 'int32' | undefined) ?? (integer ? 'int32' : 'float32');
    return dtype === 'int32' ? 'Int32Array' : ARRAY_OF[dtype];
  };
  return {
    name,
    keys,
    optionsRequired: integer,
    valid: fc.record({
      options,
      args: fc.record({ key, length, form: fc.constantFrom(...LIVE_FORMS) }),
    }),
    badArgs: badKey.map((k) => ({ args: { key: k, length: 3, form: 'plain' as BufferForm }, names: ['key'] })),
    fresh: () => ({ out: undefined }),
    call(options, args, state, record) {
      const sampler = prepare(args.key as never, options as never);
      const array = arrayFor(record);
      state.out = makeBuffer(array, args.length, args.form);
      return sampler.fill(state.out as never);
    },
    check(result, options, _args, state) {
      expect(result).toBe(state.out);
      const format = (options.dtype as FloatFormat | 'int32' | undefined) ?? (integer ? 'int32' : 'float32');
      const values =
        format === 'int32'
          ? Array.from(state.out as unknown as ArrayLike<number>)
          : decode(state.out as unknown as ArrayLike<number>, format);
      for (const value of values) expect(Number.isFinite(value)).toBe(true);
      check(values, options, format === 'int32' ? 'float64' : format);
    },
  };
}

const dtypeFor = fc.constantFrom<FloatFormat>('float32', 'float64', 'float16', 'bfloat16');
const preparedEntries = [
  prepared(
    'prepareUniform',
    ['low', 'high', 'offset', 'dtype'],
    prepareUniform as never,
    fc
      .tuple(uniformOptions(['low', 'high'])(), fc.option(dtypeFor, { nil: undefined }))
      .map(([o, dtype]) => (dtype === undefined ? o : { ...o, dtype })),
    checkUniform,
  ),
  prepared(
    'prepareNormal',
    ['mean', 'stddev', 'offset', 'dtype'],
    prepareNormal as never,
    fc
      .tuple(normalOptions(['mean', 'stddev'])(), fc.option(dtypeFor, { nil: undefined }))
      .map(([o, dtype]) => (dtype === undefined ? o : { ...o, dtype })),
    checkNormal,
  ),
  prepared(
    'prepareTruncatedNormal',
    ['mean', 'stddev', 'lower', 'upper', 'offset', 'dtype'],
    prepareTruncatedNormal as never,
    fc
      .tuple(normalOptions(['mean', 'stddev'])(), fc.option(dtypeFor, { nil: undefined }))
      .map(([o, dtype]) => (dtype === undefined ? o : { ...o, dtype })),
    checkTruncated,
  ),
  prepared(
    'prepareUniformInt',
    ['low', 'high', 'offset', 'dtype'],
    prepareUniformInt as never,
    fc
      .tuple(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom(undefined, 'int32', 'float32', 'float64'),
      )
      .map(([low, span, dtype]) => ({ low, high: low + span, ...(dtype === undefined ? {} : { dtype }) })),
    (values, options) => {
      for (const value of values) {
        expect(Number.isInteger(value) && value >= (options.low as number) && value < (options.high as number)).toBe(
          true,
        );
      }
    },
    true,
  ),
];

/** split(key, n, { offset }): n distinct keys, the window of the endless list. */
const splitEntry: Entry<{ key: unknown; n: unknown }> = {
  name: 'split',
  keys: ['offset'],
  valid: fc.record({
    options: fc.option(fc.nat(2 ** 40), { nil: undefined }).map((offset) => (offset === undefined ? {} : { offset })),
    args: fc.record({ key, n: fc.nat(8) }),
  }),
  badArgs: fc.oneof(
    fc.tuple(badKey).map(([k]) => ({ args: { key: k, n: 2 }, names: ['key'] })),
    fc
      .tuple(key, fc.constantFrom<unknown>(-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 22 + 1, 1e8, '2', null))
      .map(([k, n]) => ({ args: { key: k, n }, names: ['n'] })),
  ),
  call: (options, args) => split(args.key as Key, args.n as number, options as never),
  check(result, options, args) {
    const keys = result as Key[];
    expect(keys).toHaveLength(args.n as number);
    for (const child of keys) expect(isKey(child)).toBe(true);
    expect(new Set(keys.map(keyToString)).size).toBe(keys.length);
    const offset = (options.offset as number | undefined) ?? 0;
    if (keys.length > 0 && offset < 64) {
      expect(keyToString(keys[0] as Key)).toBe(keyToString(split(args.key as Key, offset + 1)[offset] as Key));
    }
  },
};

/** Entries without options: one argument list, good or bad. */
function plainEntry<A>(
  name: string,
  valid: fc.Arbitrary<A>,
  bad: fc.Arbitrary<{ args: A; names: readonly string[] }> | undefined,
  call: (args: A) => unknown,
  check: (result: unknown, args: A) => void,
): Entry<A> {
  return {
    name,
    keys: [],
    takesOptions: false,
    valid: valid.map((args) => ({ options: {}, args })),
    ...(bad === undefined ? {} : { badArgs: bad }),
    call: (_options, args) => call(args),
    check: (result, _options, args) => check(result, args),
  };
}

const keyEntries = [
  plainEntry(
    'foldIn',
    fc.tuple(key, fc.oneof(fc.nat(), fc.string({ maxLength: 12 }))),
    fc.oneof(
      badKey.map((k) => ({ args: [k, 1] as [unknown, unknown], names: ['key'] })),
      fc
        .tuple(key, fc.constantFrom<unknown>(-1, 1.5, Number.NaN, 2 ** 53, null, {}, Symbol('d'), undefined))
        .map(([k, data]) => ({ args: [k, data] as [unknown, unknown], names: ['data'] })),
    ),
    ([k, data]) => foldIn(k as Key, data as number),
    (result) => expect(isKey(result)).toBe(true),
  ),
  plainEntry(
    'keyFromSeed',
    fc.oneof(
      fc.integer({ min: 0, max: 2 ** 53 - 1 }),
      fc.string({ maxLength: 8 }).map((text) => text),
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    ),
    fc
      .constantFrom<unknown>(-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, null, undefined, {}, -1n, 2n ** 64n, true)
      .map((seed) => ({ args: seed, names: ['seed'] })),
    (seed) => keyFromSeed(seed as number),
    (result) => expect(isKey(result)).toBe(true),
  ),
  plainEntry(
    'keyFromString',
    key.map(keyToString),
    fc
      .constantFrom<unknown>('key:zz', 'key:', '', 'abc', null, 1, 'key:0123456789abcdefg')
      .map((text) => ({ args: text as string, names: ['text'] })),
    (text) => keyFromString(text as string),
    (result, text) => expect(keyToString(result as Key)).toBe(text),
  ),
  plainEntry(
    'createTorchGenerator',
    fc.oneof(fc.integer({ min: 0, max: 2 ** 53 - 1 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })),
    fc
      .constantFrom<unknown>(-1, 1.5, Number.NaN, null, '1', -1n, 2n ** 64n)
      .map((seed) => ({ args: seed, names: ['seed'] })),
    (seed) => createTorchGenerator(seed as number).random(),
    (result) => expect(Number.isInteger(result) && (result as number) >= 0 && (result as number) < 2 ** 32).toBe(true),
  ),
];

/** The float-bit conversions take any number and return a 16-bit pattern that decodes close to it. */
const bitsEntries = [
  plainEntry(
    'float32ToFloat16Bits',
    wildNumber,
    undefined,
    (x) => [float32ToFloat16Bits(x), float32ToBfloat16Bits(x)],
    (result, x) => {
      const [half, brain] = result as [number, number];
      for (const bits of [half, brain]) expect(Number.isInteger(bits) && bits >= 0 && bits <= 0xffff).toBe(true);
      const back = float16BitsToNumber(half);
      if (Number.isNaN(x)) expect(Number.isNaN(back)).toBe(true);
      else if (Math.abs(x) < 65504)
        expect(Math.abs(back - Math.fround(x)) <= Math.abs(x) * 2 ** -11 + 2 ** -25).toBe(true);
      expect(Object.is(bfloat16BitsToNumber(brain), roundToFormat(x, 'bfloat16')) || Number.isNaN(x)).toBe(true);
    },
  ),
];

/** The shared rules themselves: a checked value, or our error naming the `where` and the argument given. */
const rulesEntries = [
  plainEntry(
    'ruleFns',
    fc.constant(undefined),
    fc
      .tuple(fc.constantFrom('finiteNumber', 'positiveNumber', 'nonNegativeNumber', 'oneOf'), fc.anything())
      .map(([rule, value]) => ({
        args: [rule, value] as unknown as undefined,
        names: ['size'],
      })),
    (args) => {
      if (args === undefined) return finiteNumber('ruleFns', 'size', 1.5);
      const [rule, value] = args as unknown as [string, unknown];
      if (rule === 'finiteNumber') return finiteNumber('ruleFns', 'size', value);
      if (rule === 'positiveNumber') return positiveNumber('ruleFns', 'size', value);
      if (rule === 'nonNegativeNumber') return nonNegativeNumber('ruleFns', 'size', value);
      return oneOf('ruleFns', 'size', value, ['small', 'large']);
    },
    (result) => {
      expect(typeof result === 'number' ? Number.isFinite(result) : ['small', 'large'].includes(result as string)).toBe(
        true,
      );
    },
  ),
  plainEntry(
    'closestNames',
    fc.tuple(fc.string({ maxLength: 12 }), fc.array(fc.string({ maxLength: 12 }), { maxLength: 6 })),
    undefined,
    ([name, names]) => closestNames(name, names, 2),
    (result, [, names]) => {
      for (const suggestion of result as string[]) expect(names).toContain(suggestion);
    },
  ),
];

const ENTRIES: Entry<never, never>[] = [
  ...counterFills,
  ...tfjsFills,
  ...torchFills,
  uniformInt,
  ...preparedEntries,
  splitEntry,
  ...keyEntries,
  ...bitsEntries,
  ...rulesEntries,
] as never;

describeFuzzSuite('@init/random under the fuzz property', ENTRIES, RUNS.random, 1200, isInitError);
