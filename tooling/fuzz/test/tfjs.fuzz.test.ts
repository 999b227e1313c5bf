// @init/tfjs under the fuzz property (see src/kit.ts): installTfjs with `{ engine }` in every form
// and made wild, then TensorFlow.js initializers (factories and saved configs) applied; toTfjs with
// @init initializers and with what is not one.
//
// Property: installTfjs installs (seeded initializers under engine 'tfjs' give TensorFlow.js's own
// values, every value is finite, seeded ones repeat) or refuses with our error naming installTfjs
// and the option; toTfjs gives an adapter whose values equal the initializer's and whose config
// round-trips through its class's fromConfig, or our error naming toTfjs and `initializer`. Nothing
// the caller passed is changed (the options are checked by the kit; the initializer's config here).
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Constant, Initializer, isInitError, RandomNormal, RandomUniform, Zeros } from '@init/core';
import { GlorotUniform, HeNormal } from '@init/presets';
import { installTfjs, toTfjs, uninstallTfjs } from '@init/tfjs';
import { type Entry, fuzzEntry, type Options, wildValue } from '../src/kit.js';
import { RUNS } from '../src/runs.js';

type TfjsInit = ReturnType<typeof tfl.initializers.zeros>;

/** A TensorFlow.js initializer to apply after installation: how to make it, and whether it is seeded. */
interface InstallArgs {
  readonly make: () => TfjsInit;
  readonly label: string;
  readonly seeded: boolean;
  /** The seed given (TensorFlow.js, and so engine 'tfjs', reads a seed of 0 as none: fresh values). */
  readonly seed: number | undefined;
  /** Whether engine 'tfjs' must give TensorFlow.js's own values bit for bit (Orthogonal: float32 rounding only). */
  readonly exact: boolean;
  readonly shape: number[];
}

const seedOf = fc.option(fc.nat(1000), { nil: undefined });
const shape2d = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }));

/** Made from the factories `tf.initializers.*` and from saved `{ className, config }` objects. */
const made: fc.Arbitrary<InstallArgs> = fc
  .tuple(
    fc.constantFrom(
      'glorotUniform',
      'glorotNormal',
      'heNormal',
      'heUniform',
      'leCunNormal',
      'leCunUniform',
      'randomUniform',
      'randomNormal',
      'truncatedNormal',
      'orthogonal',
      'zeros',
      'ones',
      'identity',
    ),
    seedOf,
    shape2d,
    fc.boolean(),
  )
  .map(([factory, seed, [rows, cols], saved]) => {
    const random = !['zeros', 'ones', 'identity'].includes(factory);
    const config: Record<string, unknown> = random && seed !== undefined ? { seed } : {};
    const shape = factory === 'identity' ? [rows, rows] : [rows, cols];
    const make = (): TfjsInit => {
      const built = (tfl.initializers as unknown as Record<string, (c: object) => TfjsInit>)[factory]?.({ ...config });
      if (built === undefined) throw new Error(`no factory ${factory}`);
      if (!saved) return built;
      // The saved form, as a model.json carries it, read back by the registry.
      const entry = tf.serialization.SerializationMap.getMap().classNameMap[built.getClassName()];
      if (entry === undefined) throw new Error(`no class ${built.getClassName()}`);
      return entry[1](entry[0], { ...built.getConfig() }) as TfjsInit;
    };
    return {
      make,
      label: `${saved ? 'saved ' : ''}${factory}(${JSON.stringify(config)}) ${JSON.stringify(shape)}`,
      seeded: !random || seed !== undefined,
      seed: random ? seed : undefined,
      exact: factory !== 'orthogonal',
      shape,
    };
  });

function values(initializer: TfjsInit, shape: number[]): number[] {
  return tf.tidy(() => Array.from(initializer.apply(shape, 'float32').dataSync()));
}

export const installEntry: Entry<InstallArgs> = {
  name: 'installTfjs',
  keys: ['engine'],
  valid: fc
    .tuple(fc.constantFrom<Options>({}, { engine: 'tfjs' }, { engine: 'counter' }), made)
    .map(([options, args]) => ({
      options,
      args,
    })),
  wild: {
    engine: fc.oneof(wildValue, fc.constantFrom<unknown>('TFJS', 'Counter', 'tfjs ', 'keras', 'tf1', ['tfjs'])),
  },
  call(options, args) {
    installTfjs(options as never);
    const initializer = args.make();
    return { first: values(initializer, args.shape), second: values(initializer, args.shape) };
  },
  check(result, options, args) {
    const { first, second } = result as { first: number[]; second: number[] };
    const size = args.shape.reduce((a, b) => a * b, 1);
    expect(first, args.label).toHaveLength(size);
    for (const value of first) expect(Number.isFinite(value), args.label).toBe(true);
    const tfjsEngine = (options.engine ?? 'tfjs') === 'tfjs';
    // Seed 0 is falsy, and TensorFlow.js's random ops then seed from Math.random(): engine 'tfjs' keeps that.
    const seeded = args.seeded && !(tfjsEngine && args.seed === 0);
    if (seeded) expect(second, args.label).toEqual(first);
    if (tfjsEngine && seeded) {
      // The documented path: TensorFlow.js's own values for the same initializer.
      uninstallTfjs();
      const theirs = values(args.make(), args.shape);
      if (args.exact) expect(first, args.label).toEqual(theirs);
      else {
        for (const [i, value] of first.entries()) {
          expect(Math.abs(value - (theirs[i] ?? Number.NaN)), args.label).toBeLessThan(1e-5);
        }
      }
    }
    uninstallTfjs();
  },
};

/** @init initializers with surely-valid options. */
const ours: fc.Arbitrary<Initializer> = fc.oneof(
  seedOf.map((seed) => new GlorotUniform(seed === undefined ? {} : { seed })),
  seedOf.map((seed) => new HeNormal(seed === undefined ? {} : { seed })),
  fc.constant(new Zeros()),
  fc.integer({ min: -9, max: 9 }).map((value) => new Constant({ value })),
  fc
    .tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0.5, max: 5, noNaN: true }), seedOf)
    .map(
      ([minval, span, seed]) =>
        new RandomUniform({ minval, maxval: minval + span, ...(seed === undefined ? {} : { seed }) }),
    ),
  fc
    .tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), seedOf)
    .map(([mean, stddev, seed]) => new RandomNormal({ mean, stddev, ...(seed === undefined ? {} : { seed }) })),
);

interface ToTfjsArgs {
  readonly initializer: unknown;
  readonly shape: number[];
}

export const toTfjsEntry: Entry<ToTfjsArgs, { config: string | undefined }> = {
  name: 'toTfjs',
  keys: [],
  takesOptions: false,
  valid: fc.tuple(ours, shape2d).map(([initializer, shape]) => ({ options: {}, args: { initializer, shape } })),
  badArgs: fc
    .constantFrom<unknown>(
      undefined,
      null,
      0,
      'glorotUniform',
      { className: 'Zeros', config: {} },
      Initializer,
      Zeros,
      [],
      () => new Zeros(),
      new Date(0),
    )
    .map((initializer) => ({ args: { initializer, shape: [2, 2] }, names: ['initializer'] })),
  fresh: (args) => ({
    config: args.initializer instanceof Initializer ? JSON.stringify(args.initializer.getConfig()) : undefined,
  }),
  call: (_options, args) => toTfjs(args.initializer as never),
  check(result, _options, args, state) {
    const initializer = args.initializer as Initializer;
    // Nothing the caller passed is changed.
    expect(JSON.stringify(initializer.getConfig())).toBe(state.config);
    const adapter = result as TfjsInit & { initializer: Initializer };
    expect(adapter.initializer).toBe(initializer);
    const got = values(adapter, args.shape);
    for (const value of got) expect(Number.isFinite(value)).toBe(true);
    const seed = (initializer.getConfig() as { seed?: unknown }).seed;
    const seeded = !('seed' in initializer.getConfig()) || (seed !== null && seed !== undefined);
    if (seeded) {
      expect(got).toEqual(Array.from(initializer.apply(args.shape, 'float32').data));
      // The saved config comes back as the same initializer.
      const cls = adapter.constructor as unknown as { fromConfig(c: unknown, config: object): TfjsInit };
      const again = cls.fromConfig(cls, JSON.parse(JSON.stringify(adapter.getConfig())) as object);
      expect(values(again, args.shape)).toEqual(got);
    }
  },
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => {
  uninstallTfjs();
});

describe('@init/tfjs under the fuzz property', () => {
  test(`installTfjs: ${RUNS.tfjs} cases`, () => {
    const tally = fuzzEntry(installEntry, RUNS.tfjs, 4100, isInitError);
    expect(tally.runs).toBe(RUNS.tfjs);
    expect(tally.valid).toBeGreaterThan(RUNS.tfjs / 5);
    expect(tally.succeeded).toBeGreaterThanOrEqual(tally.valid);
  });
  test(`toTfjs: ${RUNS.tfjsAdapter} cases`, () => {
    const tally = fuzzEntry(toTfjsEntry, RUNS.tfjsAdapter, 4200, isInitError);
    expect(tally.runs).toBe(RUNS.tfjsAdapter);
    expect(tally.valid).toBeGreaterThan(RUNS.tfjsAdapter / 5);
    expect(tally.succeeded).toBeGreaterThanOrEqual(tally.valid);
  });
});
