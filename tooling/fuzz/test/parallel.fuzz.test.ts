// @init/parallel under the fuzz property (see src/kit.ts): applyParallel and fillParallel with wild
// options (workers, minElements, setup, dtype, partitionInfo), shapes (plain, other-realm, behind a
// Proxy that counts reads), dtypes and output buffers (plain, offset, shared, other-realm,
// detached), on seeded and unseeded initializers of every engine.
//
// Property: the values are those of the single-thread `apply`/`fill` with the same arguments, byte
// for byte (for a seeded initializer; finite, of the right shape and dtype for an unseeded one), and
// each shape element is read once; or our error naming the function (or the initializer's class)
// and the argument made wrong, with the caller's buffer unchanged.
//
// Worker threads start slowly, so few cases use them: a case spins workers only when its options
// say `workers: 2` with a small `minElements` (one pool, kept for the whole run); every other case
// stays on the calling thread, where the same checks run.
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import {
  Constant,
  Identity,
  type Initializer,
  isInitError,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  type Tensor,
  TruncatedNormal,
  VarianceScaling,
  Zeros,
} from '@init/core';
import { applyParallel, fillParallel, terminateWorkers } from '@init/parallel';
import {
  BUFFER_FORMS,
  type BufferForm,
  badShape,
  type Entry,
  fuzzEntryAsync,
  makeBuffer,
  type Options,
  shardOf,
  wildValue,
} from '../src/kit.js';
import { RUNS } from '../src/runs.js';

type DType = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'int32';
type ArrayName = 'Float32Array' | 'Float64Array' | 'Uint16Array' | 'Int32Array' | 'Uint8Array' | 'Int8Array';
const ARRAY_OF: Readonly<Record<DType, ArrayName>> = {
  float32: 'Float32Array',
  float64: 'Float64Array',
  float16: 'Uint16Array',
  bfloat16: 'Uint16Array',
  int32: 'Int32Array',
};
const FLOATS: readonly DType[] = ['float32', 'float64', 'float16', 'bfloat16'];

/** An initializer to build for a case: its class, options, and whether it is seeded (values comparable). */
interface InitSpec {
  readonly name: string;
  readonly options: Options;
  readonly dtypes: readonly DType[];
  /** Whether its values can be cut into partitionInfo slices (the counter engine). */
  readonly shards: boolean;
  /** Rank-2 shapes only (Identity, Orthogonal). */
  readonly matrix: boolean;
}
const MAKERS: Readonly<Record<string, (options: Options) => Initializer>> = {
  RandomNormal: (o) => new RandomNormal(o as never),
  RandomUniform: (o) => new RandomUniform(o as never),
  TruncatedNormal: (o) => new TruncatedNormal(o as never),
  VarianceScaling: (o) => new VarianceScaling(o as never),
  Zeros: (o) => new Zeros(o as never),
  Constant: (o) => new Constant(o as never),
  Identity: (o) => new Identity(o as never),
  Orthogonal: (o) => new Orthogonal(o as never),
};

const seed = fc.oneof(fc.nat(2 ** 31), fc.string({ minLength: 1, maxLength: 4 }));
const optionalSeed = fc.option(seed, { nil: undefined });
const withSeed = (options: Options, s: unknown): Options => (s === undefined ? options : { ...options, seed: s });
const initSpec: fc.Arbitrary<InitSpec> = fc.oneof(
  fc
    .tuple(fc.constantFrom('RandomNormal', 'RandomUniform', 'TruncatedNormal', 'VarianceScaling'), optionalSeed)
    .map(([name, s]) => ({ name, options: withSeed({}, s), dtypes: FLOATS, shards: true, matrix: false })),
  // The sequential TensorFlow.js engine stays on the calling thread and takes no shard. Its seed 0
  // means "unseeded", as in TensorFlow.js (`seed ? seed : Math.random()`), so seeds start at 1.
  fc
    .tuple(fc.constantFrom('RandomNormal', 'RandomUniform'), fc.integer({ min: 1, max: 1000 }))
    .map(([name, s]) => ({ name, options: { seed: s, engine: 'tfjs' }, dtypes: FLOATS, shards: false, matrix: false })),
  fc.constantFrom<InitSpec>(
    { name: 'Zeros', options: {}, dtypes: [...FLOATS, 'int32'], shards: true, matrix: false },
    { name: 'Constant', options: { value: 3 }, dtypes: [...FLOATS, 'int32'], shards: true, matrix: false },
    { name: 'Identity', options: { gain: 2 }, dtypes: FLOATS, shards: true, matrix: true },
  ),
  seed.map((s) => ({ name: 'Orthogonal', options: { seed: s }, dtypes: FLOATS, shards: true, matrix: true })),
);

type ShapeForm = 'plain' | 'otherRealm' | 'proxy';

interface ParallelArgs {
  readonly init: InitSpec;
  /** The initializer itself made wrong (not an Initializer), for badArgs cases. */
  readonly notInitializer?: unknown;
  readonly shape: unknown;
  readonly shapeForm: ShapeForm;
  /** fillParallel's output buffer, when not the request's own. */
  readonly out?:
    | { readonly array: ArrayName; readonly length: number; readonly form: BufferForm }
    | { readonly value: unknown };
  readonly outForm: BufferForm;
}

interface ParallelState {
  readonly out: (ArrayBufferView & { length: number }) | undefined;
  /** Reads of each shape element, by index. */
  readonly reads: Map<string, number>;
  readonly shape: unknown;
}

const SETUP = new URL('../src/setup-noop.mjs', import.meta.url).href;

// The worker threads load plain JavaScript, so they read the built @init packages (as
// @init/parallel's own tests do: the workspace build runs before the tests); this project reads the
// TypeScript sources through the @init/source condition, which Node.js hands on to workers with the
// rest of process.execArgv. The calling thread's classes and the workers' agree through the JSON
// config they exchange.
process.execArgv = process.execArgv.filter(
  (argument, index, all) =>
    argument !== '--conditions=@init/source' &&
    !(argument === '--conditions' && all[index + 1] === '@init/source') &&
    !(argument === '@init/source' && all[index - 1] === '--conditions'),
);

/**
 * Options that keep worker starts rare: `workers` is always given (0, 1 or 2); a small
 * `minElements` comes only with `workers: 2`, so every case that spins workers uses the one pool.
 */
function parallelOptions(init: InitSpec, shape: readonly number[], fill: boolean): fc.Arbitrary<Options> {
  return fc
    .tuple(
      fc.constantFrom(0, 1, 2, 2),
      fc.oneof(
        { weight: 2, arbitrary: fc.constant(undefined) },
        { weight: 2, arbitrary: fc.integer({ min: 0, max: 8 }) },
        { weight: 1, arbitrary: fc.constant(2 ** 18) },
      ),
      fc.option(fc.constantFrom(...init.dtypes), { nil: undefined }),
      fc.constantFrom<unknown>(undefined, [], SETUP, [SETUP]),
      fill && init.shards ? shardOf(shape) : fc.constant(undefined),
    )
    .map(([workers, minElements, dtype, setup, partitionInfo]) => {
      const options: Record<string, unknown> = { workers };
      if (minElements !== undefined && (workers === 2 || minElements >= 2 ** 18)) options.minElements = minElements;
      if (dtype !== undefined) options.dtype = dtype;
      if (setup !== undefined) options.setup = setup;
      if (partitionInfo !== undefined) options.partitionInfo = partitionInfo;
      return options;
    });
}

function validOf(fill: boolean): fc.Arbitrary<{ options: Options; args: ParallelArgs }> {
  return initSpec.chain((init) =>
    (init.matrix
      ? fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })).map(([r, c]) => [r, c])
      : fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 })
    ).chain((shape) =>
      parallelOptions(init, shape, fill).chain((options) =>
        fc
          .tuple(
            fc.constantFrom<ShapeForm>('plain', 'otherRealm', 'proxy'),
            fc.constantFrom(...BUFFER_FORMS.filter((form) => form !== 'detached')),
          )
          .map(([shapeForm, outForm]) => ({
            options,
            args: {
              init,
              shape,
              shapeForm,
              outForm,
              // fill's buffer holds the dtype asked for (float32 by default).
              ...(fill
                ? {
                    out: {
                      array: ARRAY_OF[(options.dtype as DType | undefined) ?? 'float32'],
                      length: size(shape),
                      form: outForm,
                    },
                  }
                : {}),
            },
          })),
      ),
    ),
  );
}

function badArgsOf(fill: boolean): fc.Arbitrary<{ args: ParallelArgs; names: readonly string[] }> {
  const init = initSpec.filter((spec) => !spec.matrix);
  const arms: fc.Arbitrary<{ args: ParallelArgs; names: readonly string[] }>[] = [
    fc.tuple(init, badShape).map(([spec, shape]) => ({
      args: { init: spec, shape, shapeForm: 'plain', outForm: 'plain' },
      names: ['shape', 'fullShape', 'out', 'dtype', 'partitionInfo'],
    })),
    fc
      .tuple(
        init,
        fc.constantFrom<unknown>(null, undefined, {}, 'RandomNormal', RandomNormal, { className: 'Zeros', config: {} }),
      )
      .map(([spec, value]) => ({
        args: { init: spec, notInitializer: value, shape: [2, 3], shapeForm: 'plain', outForm: 'plain' },
        names: ['initializer', 'dtype', 'partitionInfo'],
      })),
  ];
  if (fill) {
    arms.push(
      fc
        .tuple(
          init,
          fc.constantFrom<ArrayName>('Int8Array', 'Float64Array', 'Float32Array', 'Uint16Array', 'Int32Array'),
          fc.integer({ min: 0, max: 9 }),
          fc.constantFrom(...BUFFER_FORMS),
        )
        .map(([spec, array, length, form]) => ({
          args: { init: spec, shape: [2, 3], shapeForm: 'plain', out: { array, length, form }, outForm: form },
          names: ['out', 'dtype', 'shape', 'partitionInfo'],
        })),
      fc
        .tuple(
          init,
          fc.constantFrom<unknown>(
            null,
            undefined,
            0,
            [0, 0, 0, 0, 0, 0],
            'x',
            {},
            new ArrayBuffer(24),
            new DataView(new ArrayBuffer(24)),
          ),
        )
        .map(([spec, value]) => ({
          args: { init: spec, shape: [2, 3], shapeForm: 'plain', out: { value }, outForm: 'plain' },
          names: ['out', 'dtype', 'partitionInfo'],
        })),
    );
  }
  return fc.oneof(...arms);
}

/** The shape in its form; a Proxy counts the reads of each element into `reads`. */
function shapeIn(shape: unknown, form: ShapeForm, reads: Map<string, number>): unknown {
  if (!Array.isArray(shape)) return shape;
  if (form === 'otherRealm') return runInNewContext(`(${JSON.stringify(shape)})`) as unknown;
  if (form === 'proxy') {
    return new Proxy([...shape], {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads.set(key, (reads.get(key) ?? 0) + 1);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  }
  return [...shape];
}

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Byte-for-byte equality of two typed arrays' elements (NaN and −0 included). */
function sameBytes(actual: ArrayBufferView, expected: ArrayBufferView): void {
  const a = new Uint8Array(actual.buffer, actual.byteOffset, actual.byteLength);
  const b = new Uint8Array(expected.buffer, expected.byteOffset, expected.byteLength);
  expect(a.length).toBe(b.length);
  expect(Buffer.compare(Buffer.from(a), Buffer.from(b)), 'the values of the single-thread call').toBe(0);
}

function finiteValues(data: ArrayLike<number>, dtype: string): void {
  if (dtype !== 'float32' && dtype !== 'float64') return;
  for (const value of Array.from(data)) expect(Number.isFinite(value), `value ${value}`).toBe(true);
}

function entryOf(fill: boolean): Entry<ParallelArgs, ParallelState> {
  const name = fill ? 'fillParallel' : 'applyParallel';
  return {
    // What apply/fill refuse is refused with the initializer's own message.
    name: new RegExp(`${name}|[A-Z][A-Za-z]+`),
    keys: fill
      ? ['dtype', 'workers', 'setup', 'minElements', 'partitionInfo']
      : ['dtype', 'workers', 'setup', 'minElements'],
    valid: validOf(fill),
    badArgs: badArgsOf(fill),
    wild: {
      // No count that would start a pool of another size (slow): the wild ones, 0, 1, 2 and huge.
      workers: wildValue.filter(
        (value) =>
          value !== undefined &&
          !(typeof value === 'number' && Number.isSafeInteger(value) && value > 2 && value <= 1024),
      ),
      setup: fc.oneof(
        wildValue,
        fc.constantFrom<unknown>(
          'x',
          './nowhere.mjs',
          '/nowhere/at/all.mjs',
          'file:///nowhere.mjs',
          [SETUP, 3],
          new URL('file:///nowhere.mjs'),
        ),
      ),
      partitionInfo: fc.oneof(
        wildValue,
        fc.constantFrom<unknown>({ fullShape: [1], varOffset: [5] }, { fullShape: [-1, 2], varOffset: [0, 0] }, {}),
      ),
    },
    related: {
      dtype: ['out'],
      // A shard the engine cannot take, or that no longer fits the shape, is refused as the shape's.
      partitionInfo: ['shape', 'fullShape', 'varOffset'],
    },
    fresh(args) {
      const reads = new Map<string, number>();
      const shape = shapeIn(args.shape, args.shapeForm, reads);
      if (!fill) return { out: undefined, reads, shape };
      const out = args.out;
      if (out !== undefined && 'value' in out) return { out: out.value as never, reads, shape };
      if (out !== undefined) return { out: makeBuffer(out.array, out.length, out.form), reads, shape };
      const dims =
        Array.isArray(args.shape) && args.shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0 && dim < 64)
          ? (args.shape as number[])
          : [4];
      return { out: makeBuffer('Float32Array', size(dims), args.outForm), reads, shape };
    },
    buffer: (state) => (state.out !== undefined && ArrayBuffer.isView(state.out) ? state.out : undefined),
    async call(options, args, state) {
      const initializer =
        'notInitializer' in args
          ? args.notInitializer
          : (MAKERS[args.init.name] as (o: Options) => Initializer)(args.init.options);
      if (!fill) return applyParallel(initializer as Initializer, state.shape as number[], options as never);
      await fillParallel(initializer as Initializer, state.out as never, state.shape as number[], options as never);
      return undefined;
    },
    check(result, options, args, state) {
      for (const [index, count] of state.reads) expect(count, `shape[${index}] reads`).toBeLessThanOrEqual(1);
      const initializer = (MAKERS[args.init.name] as (o: Options) => Initializer)(args.init.options);
      const shape = [...(args.shape as number[])];
      const dtype = options.dtype as DType | undefined;
      const seeded = args.init.options.seed !== undefined || ['Zeros', 'Constant', 'Identity'].includes(args.init.name);
      if (!fill) {
        const tensor = result as Tensor;
        expect(tensor.shape).toEqual(shape);
        expect(tensor.dtype).toBe(dtype ?? initializer.dtype);
        const expected = dtype === undefined ? initializer.apply(shape) : initializer.apply(shape, dtype);
        if (seeded) sameBytes(tensor.data, expected.data);
        else {
          expect(tensor.data.length).toBe(expected.data.length);
          finiteValues(tensor.data as Float32Array, tensor.dtype);
        }
        return;
      }
      const out = state.out as ArrayBufferView & { length: number };
      const Ctor = out.constructor as new (length: number) => ArrayBufferView & { length: number };
      // The single-thread fill into a plain array of the same kind (of this realm).
      const kind = Object.prototype.toString.call(out).slice(8, -1) as ArrayName;
      const Local = (globalThis as unknown as Record<string, new (length: number) => ArrayBufferView>)[kind] ?? Ctor;
      const expected = new Local(out.length);
      const fillOptions: Record<string, unknown> = {};
      if (dtype !== undefined) fillOptions.dtype = dtype;
      if (options.partitionInfo !== undefined) fillOptions.partitionInfo = options.partitionInfo;
      initializer.fill(expected as never, shape, fillOptions as never);
      if (seeded) sameBytes(out, expected);
      else
        finiteValues(
          out as unknown as Float32Array,
          kind === 'Float64Array' ? 'float64' : kind === 'Float32Array' ? 'float32' : 'other',
        );
    },
  };
}

const ENTRIES = [entryOf(false), entryOf(true)];

afterAll(async () => {
  await terminateWorkers();
});

describe('@init/parallel under the fuzz property', () => {
  const perEntry = Math.ceil(RUNS.parallel / ENTRIES.length);
  test.each(ENTRIES.map((entry, index) => [index === 0 ? 'applyParallel' : 'fillParallel', entry, index] as const))(
    `%s: ${perEntry} cases`,
    async (_name, entry, index) => {
      const tally = await fuzzEntryAsync(entry, perEntry, 3300 + index, isInitError);
      expect(tally.runs).toBe(perEntry);
      expect(tally.valid).toBeGreaterThan(perEntry / 5);
      expect(tally.succeeded).toBeGreaterThanOrEqual(tally.valid);
    },
  );
});
