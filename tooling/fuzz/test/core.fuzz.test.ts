// @init/core under the fuzz property (see src/kit.ts): every initializer class, through apply and
// fill, with wild constructor options, shapes, dtypes, partitions and output buffers; fill's own
// options; computeFans.
import fc from 'fast-check';
import { expect } from 'vitest';
import { bfloat16BitsToNumber, float16BitsToNumber, roundToFormat, typedArrayKind } from '@init/random';
import {
  Constant,
  ConvolutionOrthogonal,
  computeFans,
  DeltaOrthogonal,
  Dirac,
  Identity,
  type Initializer,
  isInitError,
  Ones,
  Orthogonal,
  type PartitionInfo,
  RandomNormal,
  RandomUniform,
  Sparse,
  STFT,
  type Tensor,
  TruncatedNormal,
  UniformUnitScaling,
  VarianceScaling,
  Zeros,
} from '@init/core';
import { enableSvd } from '@init/core/svd';
import {
  badShape,
  BUFFER_FORMS,
  type BufferForm,
  type Entry,
  describeFuzzSuite,
  makeBuffer,
  type Options,
  shardOf,
} from '../src/kit.js';
import { RUNS } from '../src/runs.js';

type DType = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'int32' | 'uint8' | 'bool';
const FLOATS: readonly DType[] = ['float32', 'float64', 'float16', 'bfloat16'];
const ALL: readonly DType[] = [...FLOATS, 'int32', 'uint8', 'bool'];
const ARRAY_OF = {
  float32: 'Float32Array',
  float64: 'Float64Array',
  float16: 'Uint16Array',
  bfloat16: 'Uint16Array',
  int32: 'Int32Array',
  uint8: 'Uint8Array',
  bool: 'Uint8Array',
} as const;

/** The dtype fill writes by default into an array of each kind (uint8 for a Uint8Array, as core's dtypeForArray). */
const DTYPE_OF: Readonly<Record<string, DType>> = {
  Float32Array: 'float32',
  Float64Array: 'float64',
  Int32Array: 'int32',
  Uint8Array: 'uint8',
};

function decode(data: ArrayLike<number>, dtype: DType): number[] {
  const read = dtype === 'float16' ? float16BitsToNumber : dtype === 'bfloat16' ? bfloat16BitsToNumber : Number;
  return Array.from(data, (value) => read(value));
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** How a case calls an initializer: apply, or fill into a caller's buffer; with or without a shard. */
interface CallArgs {
  readonly shape: unknown;
  readonly dtype: unknown;
  readonly partition: unknown;
  readonly via: 'apply' | 'fill';
  readonly form: BufferForm;
  /** For fill: the buffer's array kind and length, when not the request's own. */
  readonly out?: { readonly array: keyof typeof CONSTRUCTORS; readonly length: number };
}
const CONSTRUCTORS = {
  Float32Array: 0,
  Float64Array: 0,
  Uint16Array: 0,
  Int32Array: 0,
  Uint8Array: 0,
  Int8Array: 0,
} as const;
interface CallState {
  out: (ArrayBufferView & { length: number }) | undefined;
}

/** The class under test: how to build it, its options, its surely-valid inputs and its range check. */
interface ClassSpec {
  readonly name: string;
  readonly make: (options: unknown) => Initializer;
  readonly keys: readonly string[];
  readonly options: fc.Arbitrary<Options>;
  /** Shapes it surely accepts with those options (small). */
  readonly shapes: (options: Options) => fc.Arbitrary<number[]>;
  /** Dtypes it surely accepts with those options. */
  readonly dtypes: (options: Options) => readonly DType[];
  /** Whether a shard is a valid request (the sequential engines refuse them). */
  readonly shards?: (options: Options) => boolean;
  /** Checks the values (decoded to numbers) of a successful call, given the full tensor's shape. */
  readonly check: (values: number[], options: Options, dtype: DType, fullShape: readonly number[]) => void;
  readonly optionsRequired?: boolean;
  readonly wild?: Readonly<Record<string, fc.Arbitrary<unknown>>>;
  /** A shape every valid options value accepts, for cases that make another argument wrong. Default [2, 2]. */
  readonly probe?: readonly number[];
}

const seed = fc.oneof(fc.nat(2 ** 31), fc.string({ minLength: 1, maxLength: 4 }));
const anyShape = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 });
const fannedShape = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 });
const numberIn = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const record = (values: Record<string, unknown>): Options =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));

function finite(values: number[]): void {
  for (const value of values) expect(Number.isFinite(value), `value ${value}`).toBe(true);
}
function num(options: Options, key: string, fallback: number): number {
  const value = options[key];
  expect(value === undefined || typeof value === 'number', `${key} is a number`).toBe(true);
  return value === undefined ? fallback : (value as number);
}

/** A truncation bound as TruncatedNormal reads it: a number, or the strings 'Infinity' / '-Infinity'. */
function bound(options: Options, key: string, fallback: number): number {
  const value = options[key];
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return num(options, key, fallback);
}

/** QᵀQ or QQᵀ = gain²·I for a row-major rows × cols matrix, within a tolerance for the dtype. */
function expectOrthogonal(values: number[], rows: number, cols: number, gain: number, dtype: DType): void {
  // A gain above 1 is divided out first, so that the products cannot overflow (gain 1e300 makes
  // finite values whose squares are not); the tolerance is then relative. Below 1 the check stays
  // absolute, where subnormal values lose their relative precision.
  if (Math.abs(gain) > 1) {
    expectOrthogonal(
      values.map((value) => value / gain),
      rows,
      cols,
      1,
      dtype,
    );
    return;
  }
  const tolerance = (dtype === 'float64' ? 1e-9 : dtype === 'float32' ? 1e-4 : 2e-2) * 4;
  const small = Math.min(rows, cols);
  const byRows = rows <= cols;
  for (let i = 0; i < small; i++) {
    for (let j = 0; j < small; j++) {
      let dot = 0;
      for (let k = 0; k < (byRows ? cols : rows); k++) {
        const a = byRows ? (values[i * cols + k] as number) : (values[k * cols + i] as number);
        const b = byRows ? (values[j * cols + k] as number) : (values[k * cols + j] as number);
        dot += a * b;
      }
      expect(Math.abs(dot - (i === j ? gain * gain : 0)) <= tolerance, `Gram ${i},${j} = ${dot}`).toBe(true);
    }
  }
}

const CLASSES: readonly ClassSpec[] = [
  {
    name: 'Zeros',
    make: (o) => new Zeros(o as never),
    keys: ['dtype'],
    options: optional(fc.constantFrom(...ALL)).map((dtype) => record({ dtype })),
    shapes: () => anyShape,
    dtypes: () => ALL,
    check: (values) => {
      for (const value of values) expect(value).toBe(0);
    },
  },
  {
    name: 'Ones',
    make: (o) => new Ones(o as never),
    keys: ['dtype'],
    options: optional(fc.constantFrom(...ALL)).map((dtype) => record({ dtype })),
    shapes: () => anyShape,
    dtypes: () => ALL,
    check: (values) => {
      for (const value of values) expect(value).toBe(1);
    },
  },
  {
    name: 'Constant',
    make: (o) => new Constant(o as never),
    keys: ['value', 'dtype', 'verifyShape'],
    options: fc
      .tuple(optional(fc.integer({ min: -100, max: 100 })), optional(fc.boolean()))
      .map(([value, verifyShape]) => record({ value, verifyShape: verifyShape === true ? undefined : verifyShape })),
    shapes: () => anyShape,
    dtypes: () => ['float32', 'float64', 'int32'],
    check: (values, options, dtype) => {
      if (Array.isArray(options.value)) return finite(values);
      for (const value of values) expect(value).toBe(roundToFormat(num(options, 'value', 0), dtype as 'float32'));
    },
  },
  {
    name: 'RandomUniform',
    make: (o) => new RandomUniform(o as never),
    keys: ['minval', 'maxval', 'seed', 'dtype', 'engine', 'generator'],
    options: fc
      .tuple(
        numberIn(-50, 50),
        numberIn(2, 50),
        optional(seed),
        fc.constantFrom('counter', 'tfjs', 'torch', undefined),
        fc.boolean(),
      )
      .map(([minval, span, s, engine, bounds]) =>
        record({
          ...(bounds ? { minval, maxval: minval + span } : {}),
          seed: engine === 'tfjs' || engine === 'torch' ? (typeof s === 'number' ? s : 7) : s,
          engine,
        }),
      ),
    shapes: () => anyShape,
    dtypes: (o) => (o.engine === 'torch' ? ['float32', 'float64'] : FLOATS),
    shards: (o) => o.engine === undefined || o.engine === 'counter',
    check: (values, options, dtype) => {
      const low = num(options, 'minval', 0);
      const high = num(options, 'maxval', 1);
      // A bound rounds to the dtype; the 'tfjs' engine draws in float32 first (then converts), so
      // its bounds round to float32 too: minval 1.5e-192 gives 0 in a float64 tensor as in float32.
      const tfjs = options.engine === 'tfjs';
      const floor = Math.min(low, roundToFormat(low, dtype as 'float32'), tfjs ? Math.fround(low) : low);
      const ceiling = tfjs ? Math.max(high, Math.fround(high)) : high;
      for (const value of values) {
        // PyTorch's uniform_ and TensorFlow.js's float32 arithmetic may round up to maxval itself.
        const top = options.engine === 'torch' || tfjs ? value <= ceiling : value < high;
        expect(value >= floor && top, `${value} in [${low}, ${high})`).toBe(true);
      }
    },
  },
  {
    name: 'RandomNormal',
    make: (o) => new RandomNormal(o as never),
    keys: ['mean', 'stddev', 'seed', 'dtype', 'engine', 'generator'],
    options: fc
      .tuple(
        optional(numberIn(-50, 50)),
        optional(numberIn(0, 10)),
        optional(seed),
        fc.constantFrom('counter', 'tfjs', 'torch', undefined),
      )
      .map(([mean, stddev, s, engine]) =>
        record({ mean, stddev, seed: engine === 'tfjs' || engine === 'torch' ? 11 : s, engine }),
      ),
    shapes: () => anyShape,
    dtypes: (o) => (o.engine === 'torch' ? ['float32', 'float64'] : FLOATS),
    shards: (o) => o.engine === undefined || o.engine === 'counter',
    check: (values) => finite(values),
  },
  {
    name: 'TruncatedNormal',
    make: (o) => new TruncatedNormal(o as never),
    keys: ['mean', 'stddev', 'seed', 'dtype', 'engine', 'generator', 'lower', 'upper'],
    options: fc
      .tuple(
        optional(numberIn(-50, 50)),
        optional(numberIn(0.5, 10)),
        optional(seed),
        fc.constantFrom('counter', 'tfjs', undefined),
      )
      .map(([mean, stddev, s, engine]) => record({ mean, stddev, seed: engine === 'tfjs' ? 3 : s, engine })),
    shapes: () => anyShape,
    dtypes: () => FLOATS,
    shards: (o) => o.engine !== 'tfjs',
    check: (values, options, dtype) => {
      const mean = num(options, 'mean', 0);
      const stddev = num(options, 'stddev', 1);
      // The bounds are in standard deviations; a wild value the class accepts (a number, ±Infinity)
      // moves them, so the range follows the options rather than assuming ±2.
      // The 'tfjs' engine computes in float32 before converting; the others round once, to the dtype
      // (a float64 tensor keeps a mean of -4e-163 that float32 would flush to -0).
      const edge = (sd: number) => {
        if (!Number.isFinite(sd)) return sd;
        const bound = mean + sd * stddev;
        return roundToFormat(options.engine === 'tfjs' ? Math.fround(bound) : bound, dtype as 'float32');
      };
      const low = edge(bound(options, 'lower', -2));
      const high = edge(bound(options, 'upper', 2));
      for (const value of values) expect(value >= low && value <= high, `${value} in [${low}, ${high}]`).toBe(true);
    },
  },
  {
    name: 'VarianceScaling',
    make: (o) => new VarianceScaling(o as never),
    keys: [
      'scale',
      'mode',
      'distribution',
      'layout',
      'inAxis',
      'outAxis',
      'batchAxis',
      'inputAxes',
      'outputAxes',
      'seed',
      'dtype',
      'engine',
      'generator',
    ],
    options: fc
      .tuple(
        optional(numberIn(0.01, 10)),
        optional(fc.constantFrom('fan_in', 'fan_out', 'fan_avg', 'fan_geo_avg')),
        optional(fc.constantFrom('normal', 'truncated_normal', 'untruncated_normal', 'uniform')),
        optional(fc.constantFrom('tf', 'torch')),
        optional(seed),
      )
      .map(([scale, mode, distribution, layout, s]) => record({ scale, mode, distribution, layout, seed: s })),
    shapes: () => fannedShape,
    dtypes: () => FLOATS,
    check: (values, options, dtype, fullShape) => {
      finite(values);
      if (options.distribution !== 'uniform') return;
      const fans = computeFans(fullShape, (options.layout as 'tf' | undefined) ?? 'tf');
      const mode = (options.mode as string | undefined) ?? 'fan_in';
      const fan =
        mode === 'fan_in'
          ? fans.fanIn
          : mode === 'fan_out'
            ? fans.fanOut
            : mode === 'fan_avg'
              ? (fans.fanIn + fans.fanOut) / 2
              : Math.sqrt(fans.fanIn * fans.fanOut);
      const limit = Math.sqrt((3 * num(options, 'scale', 1)) / Math.max(1, fan));
      const top = roundToFormat(limit, dtype as 'float32');
      for (const value of values) expect(Math.abs(value) <= top, `${value} within ±${limit}`).toBe(true);
    },
  },
  {
    name: 'UniformUnitScaling',
    make: (o) => new UniformUnitScaling(o as never),
    keys: ['factor', 'layout', 'seed', 'dtype', 'engine'],
    options: fc.tuple(optional(numberIn(0.01, 10)), optional(seed)).map(([factor, s]) => record({ factor, seed: s })),
    shapes: () => fannedShape,
    dtypes: () => FLOATS,
    check: (values) => finite(values),
  },
  {
    name: 'Orthogonal',
    make: (o) => new Orthogonal(o as never),
    keys: ['gain', 'method', 'columnAxis', 'layout', 'seed', 'dtype', 'engine'],
    options: fc
      .tuple(optional(numberIn(-4, 4)), optional(fc.constantFrom('qr', 'svd')), optional(seed))
      .map(([gain, method, s]) => record({ gain, method, seed: s })),
    shapes: () => fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })).map(([r, c]) => [r, c]),
    dtypes: () => FLOATS,
    check: (values, options, dtype, fullShape) => {
      finite(values);
      if (fullShape.length === 2 && values.length === size(fullShape)) {
        expectOrthogonal(values, fullShape[0] as number, fullShape[1] as number, num(options, 'gain', 1), dtype);
      }
    },
  },
  {
    name: 'Identity',
    make: (o) => new Identity(o as never),
    keys: ['gain', 'dtype'],
    options: optional(numberIn(-100, 100)).map((gain) => record({ gain })),
    shapes: () => fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })).map(([r, c]) => [r, c]),
    dtypes: () => FLOATS,
    check: (values, options, dtype, fullShape) => {
      if (values.length !== size(fullShape)) return;
      const cols = fullShape[1] as number;
      const gain = roundToFormat(num(options, 'gain', 1), dtype as 'float32');
      values.forEach((value, index) => {
        expect(value).toBe(Math.floor(index / cols) === index % cols ? gain : 0);
      });
    },
  },
  {
    name: 'Dirac',
    probe: [3, 2, 2],
    shards: () => false,
    make: (o) => new Dirac(o as never),
    keys: ['groups', 'layout', 'dtype'],
    options: fc
      .tuple(optional(fc.constantFrom(1, 2)), optional(fc.constantFrom('tf', 'torch')))
      .map(([groups, layout]) => record({ groups, layout })),
    shapes: (o) => {
      const groups = (o.groups as number | undefined) ?? 1;
      return fc
        .tuple(
          fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }),
          fc.integer({ min: 1, max: 3 }),
          fc.integer({ min: 1, max: 2 }),
        )
        .map(([spatial, inChannels, perGroup]) =>
          o.layout === 'torch'
            ? [perGroup * groups, inChannels, ...spatial]
            : [...spatial, inChannels, perGroup * groups],
        );
    },
    dtypes: () => ALL,
    check: (values) => {
      for (const value of values) expect(value === 0 || value === 1).toBe(true);
    },
  },
  {
    name: 'Sparse',
    make: (o) => new Sparse(o as never),
    keys: ['sparsity', 'stddev', 'seed', 'dtype', 'engine'],
    optionsRequired: true,
    options: fc
      .tuple(numberIn(0, 1), optional(numberIn(0, 10)), optional(seed))
      .map(([sparsity, stddev, s]) => record({ sparsity, stddev, seed: s })),
    shapes: () => fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })).map(([r, c]) => [r, c]),
    dtypes: () => FLOATS,
    check: (values, options, _dtype, fullShape) => {
      finite(values);
      if (values.length !== size(fullShape)) return;
      const [rows, cols] = fullShape as [number, number];
      const zeros = Math.min(rows, Math.ceil(num(options, 'sparsity', 0) * rows));
      for (let c = 0; c < cols; c++) {
        let count = 0;
        for (let r = 0; r < rows; r++) if (values[r * cols + c] === 0) count++;
        expect(count >= zeros, `column ${c}: ${count} zeros, at least ${zeros}`).toBe(true);
      }
    },
  },
  {
    name: 'DeltaOrthogonal',
    probe: [3, 2, 2],
    shards: () => false,
    make: (o) => new DeltaOrthogonal(o as never),
    keys: ['gain', 'layout', 'seed', 'dtype', 'engine'],
    options: fc
      .tuple(optional(numberIn(-4, 4)), optional(fc.constantFrom('tf', 'torch')), optional(seed))
      .map(([gain, layout, s]) => record({ gain, layout, seed: s })),
    shapes: (o) =>
      fc
        .tuple(
          fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }),
          fc.integer({ min: 1, max: 3 }),
          fc.nat(2),
        )
        .map(([spatial, inChannels, extra]) =>
          o.layout === 'torch'
            ? [inChannels + extra, inChannels, ...spatial]
            : [...spatial, inChannels, inChannels + extra],
        ),
    dtypes: () => FLOATS,
    check: (values, options) => {
      const gain = Math.abs(num(options, 'gain', 1));
      for (const value of values) expect(Math.abs(value) <= gain * (1 + 1e-2) + 1e-6).toBe(true);
    },
  },
  {
    name: 'ConvolutionOrthogonal',
    probe: [3, 2, 2],
    shards: () => false,
    make: (o) => new ConvolutionOrthogonal(o as never),
    keys: ['gain', 'layout', 'spatialRank', 'seed', 'dtype', 'engine'],
    options: fc
      .tuple(optional(numberIn(-4, 4)), optional(fc.constantFrom('tf', 'torch')), optional(seed))
      .map(([gain, layout, s]) => record({ gain, layout, seed: s })),
    shapes: (o) =>
      fc
        .tuple(
          fc.integer({ min: 1, max: 2 }),
          fc.integer({ min: 1, max: 2 }),
          fc.integer({ min: 1, max: 3 }),
          fc.nat(2),
        )
        .map(([rank, side, inChannels, extra]) => {
          const spatial = new Array<number>(rank).fill(side);
          return o.layout === 'torch'
            ? [inChannels + extra, inChannels, ...spatial]
            : [...spatial, inChannels, inChannels + extra];
        }),
    dtypes: () => FLOATS,
    check: (values, options) => {
      const gain = Math.abs(num(options, 'gain', 1));
      for (const value of values) expect(Math.abs(value) <= gain * (1 + 1e-2) + 1e-6).toBe(true);
    },
  },
  {
    name: 'STFT',
    probe: [4, 1, 3],
    shards: () => false,
    make: (o) => new STFT(o as never),
    keys: ['side', 'window', 'scaling', 'periodic', 'dtype'],
    options: fc
      .tuple(
        optional(fc.constantFrom('real', 'imag')),
        optional(fc.constantFrom('hann', 'hamming', 'blackman', null)),
        optional(fc.constantFrom('density', 'spectrum', null)),
        optional(fc.boolean()),
      )
      .map(([side, window, scaling, periodic]) => record({ side, window, scaling, periodic })),
    shapes: () =>
      fc.tuple(fc.integer({ min: 3, max: 8 }), fc.integer({ min: 2, max: 5 })).map(([frame, bins]) => [frame, 1, bins]),
    dtypes: () => FLOATS,
    check: (values) => {
      finite(values);
      for (const value of values) expect(Math.abs(value) <= 1 + 1e-6).toBe(true);
    },
  },
];

const badDType = fc.constantFrom<unknown>('float8', 'int64', 'Float32', null, 1, {}, '');
const badPartition = fc.oneof(
  fc.constantFrom<unknown>(null, 1, 'x', [], { fullShape: [1] }, { varOffset: [0] }),
  fc.constant({ fullShape: [1], varOffset: [5] }),
  fc.constant({ fullShape: [2, 2, 2, 2, 2], varOffset: [0, 0, 0, 0, 0] }),
  fc.constant({ fullShape: [-1, 2], varOffset: [0, 0] }),
);

function classEntry(spec: ClassSpec): Entry<CallArgs, CallState> {
  const valid = spec.options.chain((options) =>
    spec.shapes(options).chain((shape) =>
      fc.record({
        options: fc.constant(options),
        args: fc.record({
          shape: fc.constant(shape),
          dtype: fc.oneof(fc.constant(undefined), fc.constantFrom(...spec.dtypes(options))),
          partition: spec.shards === undefined || spec.shards(options) ? shardOf(shape) : fc.constant(undefined),
          via: fc.constantFrom<'apply' | 'fill'>('apply', 'fill'),
          form: fc.constantFrom(...BUFFER_FORMS.filter((form) => form !== 'detached')),
        }),
      }),
    ),
  );
  const via = fc.constantFrom<'apply' | 'fill'>('apply', 'fill');
  const plain: BufferForm = 'plain';
  const probe = [...(spec.probe ?? [2, 2])];
  const badArgs = fc.oneof(
    fc.tuple(badShape, via).map(([shape, v]) => ({
      args: { shape, dtype: undefined, partition: undefined, via: v, form: plain },
      names: ['shape', 'fullShape'],
    })),
    fc.tuple(badDType, via).map(([dtype, v]) => ({
      args: { shape: probe, dtype, partition: undefined, via: v, form: plain },
      names: ['dtype'],
    })),
    fc.tuple(badPartition, via).map(([partition, v]) => ({
      args: { shape: probe, dtype: undefined, partition, via: v, form: plain },
      names: ['partitionInfo', 'shape'],
    })),
    fc
      .tuple(
        fc.constantFrom<keyof typeof CONSTRUCTORS>('Int8Array', 'Float64Array', 'Float32Array'),
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom<BufferForm>('plain', 'detached', 'shared', 'otherRealm'),
      )
      .map(([array, length, form]) => ({
        args: {
          shape: probe,
          dtype: undefined,
          partition: undefined,
          via: 'fill' as const,
          form,
          out: { array, length },
        },
        names: ['out', 'dtype'],
      })),
  );
  return {
    name: spec.name,
    keys: spec.keys,
    valid,
    badArgs,
    optionsRequired: spec.optionsRequired ?? false,
    ...(spec.wild === undefined ? {} : { wild: spec.wild }),
    // A layout, groups or rank made wrong may leave the shape the wrong one for it.
    related: { layout: ['shape'], groups: ['shape'], spatialRank: ['shape'], columnAxis: ['shape'] },
    fresh: (args) => {
      if (args.via !== 'fill') return { out: undefined };
      if (args.out !== undefined) return { out: makeBuffer(args.out.array, args.out.length, args.form) };
      const shape = Array.isArray(args.shape) ? (args.shape as number[]) : [];
      const dtype = (typeof args.dtype === 'string' && args.dtype in ARRAY_OF ? args.dtype : 'float32') as DType;
      const length = shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0 && dim < 64) ? size(shape) : 4;
      return { out: makeBuffer(ARRAY_OF[dtype], length, args.form) };
    },
    buffer: (state) => state.out,
    call(options, args, state) {
      const initializer = spec.make(options);
      if (args.via === 'apply') {
        return initializer.apply(args.shape as number[], args.dtype as 'float32', args.partition as PartitionInfo);
      }
      const fillOptions: Record<string, unknown> = {};
      if (args.dtype !== undefined) fillOptions.dtype = args.dtype;
      if (args.partition !== undefined) fillOptions.partitionInfo = args.partition;
      initializer.fill(state.out as never, args.shape as number[], fillOptions);
      return { shape: args.shape, data: state.out, dtype: undefined };
    },
    check(result, options, args, state) {
      const tensor = result as Tensor & { dtype: DType | undefined };
      const shape = args.shape as number[];
      const partition = args.partition as PartitionInfo | undefined;
      const fullShape = partition?.fullShape ?? shape;
      let dtype: DType;
      if (args.via === 'apply') {
        expect(tensor.shape).toEqual(shape);
        dtype = tensor.dtype as DType;
      } else {
        // fill without a dtype writes what out implies, or the initializer's own dtype if out holds it.
        // The kind is read by its tag, not instanceof: a Float64Array from another realm (a vm context)
        // is not an instance of this realm's Float64Array, yet fill rightly writes float64 into it.
        const kind = typedArrayKind(state.out);
        const own = typeof options.dtype === 'string' ? (options.dtype as DType) : 'float32';
        dtype =
          (args.dtype as DType | undefined) ?? (ARRAY_OF[own] === kind ? own : (DTYPE_OF[kind ?? ''] ?? 'float32'));
      }
      expect(tensor.data.length).toBe(size(shape));
      const values = decode(tensor.data as ArrayLike<number>, dtype);
      if (!FLOATS.includes(dtype)) return;
      spec.check(values, options, dtype, fullShape);
    },
  };
}

/** Initializer.fill's own options: { dtype, partitionInfo }, on a fixed valid initializer. */
const fillOptionsEntry: Entry<{ shape: number[] }, CallState> = {
  name: 'RandomNormal',
  keys: ['dtype', 'partitionInfo'],
  valid: fc.integer({ min: 0, max: 6 }).chain((n) =>
    fc.record({
      options: fc
        .tuple(optional(fc.constantFrom('float32')), shardOf([n, 2]))
        .map(([dtype, partitionInfo]) => record({ dtype, partitionInfo })),
      args: fc.constant({ shape: [n, 2] }),
    }),
  ),
  fresh: (args) => ({ out: makeBuffer('Float32Array', size(args.shape), 'plain') }),
  buffer: (state) => state.out,
  call: (options, args, state) => new RandomNormal({ seed: 1 }).fill(state.out as never, args.shape, options as never),
  check: (_result, _options, _args, state) => finite(Array.from(state.out as unknown as Float32Array)),
};

/** computeFans(shape, options): positive finite fans, or our error naming the argument. */
const computeFansEntry: Entry<{ shape: unknown }> = {
  name: 'computeFans',
  // The second argument is a layout name or an axes object.
  optionsNames: ['layout', 'layoutOrAxes', 'options'],
  keys: ['inAxis', 'outAxis', 'batchAxis'],
  valid: fc.record({
    options: fc.constant({}),
    // An axes object (even empty) reads fans as JAX does, from a shape of rank ≥ 2.
    args: fc.record({ shape: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 3 }) }),
  }),
  badArgs: badShape.map((shape) => ({ args: { shape }, names: ['shape'] })),
  call: (options, args) => computeFans(args.shape as number[], options as never),
  check: (result) => {
    const { fanIn, fanOut } = result as { fanIn: number; fanOut: number };
    expect(Number.isFinite(fanIn) && fanIn >= 0 && Number.isFinite(fanOut) && fanOut >= 0).toBe(true);
  },
};

const ENTRIES: Entry<never, never>[] = [...CLASSES.map(classEntry), fillOptionsEntry, computeFansEntry] as never;

enableSvd();

describeFuzzSuite('@init/core under the fuzz property', ENTRIES, RUNS.core, 2400, isInitError);
