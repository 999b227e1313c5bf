// @init/presets' get under the fuzz property (see src/kit.ts): string ids of every framework read
// with and without a dialect, serialized initializers (ours, Keras's, TensorFlow.js's) and
// Initializer instances, with `{ dialect }` made wild and the identifier made wrong: typos, wrong
// types, and serialized objects with missing, extra, doubled or mistyped keys, getters and Proxies.
//
// Property: a working initializer (it applies to a shape of its kind with finite values) whose
// config round-trips through serialize → get; an Initializer comes back as itself; or our error
// naming `get` (or the class) and the identifier or key made wrong.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  Constant,
  type Dialect,
  Identity,
  Initializer,
  isInitError,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  serialize,
  TruncatedNormal,
  VarianceScaling,
  Zeros,
} from '@init/core';
import { enableSvd } from '@init/core/svd';
import {
  classIdentifiers,
  GlorotNormal,
  GlorotUniform,
  get,
  HeNormal,
  HeUniform,
  kerasIdentifiers,
  LecunNormal,
  LecunUniform,
  nameTable,
  tfjsIdentifiers,
} from '@init/presets';
import { anyDialect, configMessageCheck, dressed, mutations, type Spelling, spell, works } from '../src/configs.js';
import { type Entry, fuzzEntry, type Options, unknownKey, wildValue } from '../src/kit.js';
import { RUNS } from '../src/runs.js';

interface GetArgs {
  readonly identifier: unknown;
  readonly spelling: Spelling | 'id' | 'instance';
  /** Whether the identifier surely names an initializer, so the result must work. */
  readonly mustWork: boolean;
  /** The initializer serialized into the identifier, when it must come back equal (our own meaning). */
  readonly source?: Initializer;
}

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const numberIn = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const seed = optional(fc.oneof(fc.nat(2 ** 31), fc.string({ minLength: 1, maxLength: 4 })));

/** A shape an initializer of this class surely accepts. */
function probeOf(initializer: Initializer): number[] {
  switch (initializer.className) {
    case 'Dirac':
    case 'DeltaOrthogonal':
      return [3, 2, 2];
    case 'ConvolutionOrthogonal': {
      const rank = (initializer.getConfig() as { spatialRank?: number }).spatialRank ?? 1;
      return [...new Array<number>(rank).fill(2), 2, 2];
    }
    case 'STFT':
      return [4, 1, 3];
    default:
      return [2, 3];
  }
}

// String ids and the dialects that read them (each framework's own; none: every framework's).
const tf1Ids = nameTable().flatMap((row) => (row.tf1 === undefined ? [] : [row.tf1].flat()));
// Sparse has no default sparsity outside Keras's id table, and TensorFlow.js's Constant no default value.
const classNames = classIdentifiers().filter((name) => name !== 'Sparse');
const tfjsClassNames = nameTable().flatMap((row) =>
  row.tfjsClass === undefined || row.tfjsClass === 'Constant' ? [] : [row.tfjsClass],
);
const stringId: fc.Arbitrary<{ options: Options; args: GetArgs }> = fc
  .oneof(
    fc.tuple(
      fc.constantFrom(...kerasIdentifiers(), ...classIdentifiers()),
      fc.constantFrom<Dialect | undefined>(undefined, 'keras'),
    ),
    fc.tuple(fc.constantFrom(...tfjsIdentifiers()), fc.constantFrom<Dialect | undefined>(undefined, 'tfjs')),
    fc.tuple(fc.constantFrom(...tfjsClassNames), fc.constant<Dialect>('tfjs')),
    fc.tuple(fc.constantFrom(...tf1Ids, ...classNames), fc.constant<Dialect>('tf1')),
  )
  .map(([identifier, dialect]) => ({
    options: dialect === undefined ? {} : { dialect },
    args: { identifier, spelling: 'id', mustWork: true },
  }));

/** Classes of presets and core with surely-valid options. */
const SOURCES: readonly fc.Arbitrary<Initializer>[] = [
  ...[GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunUniform, LecunNormal].map((Preset) =>
    seed.map((s) => new Preset(s === undefined ? {} : { seed: s })),
  ),
  fc.constantFrom('float32', 'float64', 'int32').map((dtype) => new Zeros({ dtype: dtype as 'float32' })),
  fc.integer({ min: -9, max: 9 }).map((value) => new Constant({ value })),
  fc
    .tuple(numberIn(-5, 5), numberIn(0.5, 5), seed)
    .map(
      ([minval, span, s]) =>
        new RandomUniform({ minval, maxval: minval + span, ...(s === undefined ? {} : { seed: s }) }),
    ),
  fc
    .tuple(numberIn(-5, 5), numberIn(0, 5), seed)
    .map(([mean, stddev, s]) => new RandomNormal({ mean, stddev, ...(s === undefined ? {} : { seed: s }) })),
  fc
    .tuple(numberIn(0.1, 5), seed)
    .map(([stddev, s]) => new TruncatedNormal({ stddev, ...(s === undefined ? {} : { seed: s }) })),
  fc
    .tuple(
      numberIn(0.1, 4),
      fc.constantFrom('fan_in', 'fan_out', 'fan_avg'),
      fc.constantFrom('truncated_normal', 'uniform', 'normal'),
      seed,
    )
    .map(
      ([scale, mode, distribution, s]) =>
        new VarianceScaling({
          scale,
          mode: mode as 'fan_in',
          distribution: distribution as 'uniform',
          ...(s === undefined ? {} : { seed: s }),
        }),
    ),
  fc.tuple(numberIn(-3, 3), seed).map(([gain, s]) => new Orthogonal({ gain, ...(s === undefined ? {} : { seed: s }) })),
  numberIn(-9, 9).map((gain) => new Identity({ gain })),
];

/** Our own configs in our spellings; read with our (TF1's) meaning they come back equal. */
const ownConfig: fc.Arbitrary<{ options: Options; args: GetArgs }> = fc
  .tuple(fc.oneof(...SOURCES), fc.constantFrom<Spelling>('camel', 'keras', 'keras3'))
  .map(([initializer, spelling]) => ({
    options: spelling === 'camel' ? {} : { dialect: 'tf1' },
    args: { identifier: spell(initializer, spelling), spelling, mustWork: true, source: initializer },
  }));

const kerasSeed = fc.oneof(fc.constant(null), fc.nat(2 ** 31));
const tfjsSeed = fc.oneof(fc.constant(null), fc.nat(1000), fc.constantFrom(-5, 2.5));
const PRESETS = ['GlorotUniform', 'GlorotNormal', 'HeUniform', 'HeNormal', 'LecunUniform', 'LecunNormal'] as const;

/** Presets as Keras (2.2.4, tf.keras, Keras 3) and TensorFlow.js save them, read in their own dialect. */
const frameworkConfig: fc.Arbitrary<{ options: Options; args: GetArgs }> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...PRESETS, 'he_normal', 'glorot_uniform'),
      kerasSeed,
      fc.boolean(),
      fc.constantFrom<Options>({}, { dialect: 'keras' }),
    )
    .map(([class_name, s, keras3, options]) => ({
      options,
      args: {
        identifier: keras3
          ? { module: 'keras.initializers', class_name, config: { seed: s }, registered_name: null }
          : { class_name, config: { seed: s } },
        spelling: 'framework' as const,
        mustWork: true,
      },
    })),
  fc
    .tuple(
      fc.constantFrom('GlorotUniform', 'GlorotNormal', 'HeUniform', 'HeNormal', 'LeCunUniform', 'LeCunNormal'),
      tfjsSeed,
      fc.boolean(),
    )
    .map(([className, s, keras]) => ({
      options: { dialect: 'tfjs' },
      args: {
        identifier: keras ? { class_name: className, config: { seed: s } } : { className, config: { seed: s } },
        spelling: 'framework' as const,
        mustWork: true,
      },
    })),
);

/** An Initializer: get returns it as it is. */
const instance: fc.Arbitrary<{ options: Options; args: GetArgs }> = fc
  .tuple(
    fc.oneof(...SOURCES),
    fc.constantFrom<Options>({}, { dialect: 'keras' }, { dialect: 'tfjs' }, { dialect: 'tf1' }),
  )
  .map(([initializer, options]) => ({
    options,
    args: { identifier: initializer, spelling: 'instance', mustWork: true },
  }));

const valid = fc.oneof(
  { weight: 4, arbitrary: stringId },
  { weight: 4, arbitrary: ownConfig },
  { weight: 2, arbitrary: frameworkConfig },
  { weight: 1, arbitrary: instance },
);

const ALL_IDS = [...new Set([...kerasIdentifiers(), ...classIdentifiers(), ...tfjsIdentifiers(), ...tf1Ids])];

/** Identifiers made wrong: typos and case changes of ids, other types, and serialized objects made wrong. */
const badArgs: fc.Arbitrary<{ args: GetArgs; names: readonly string[] }> = fc.oneof(
  unknownKey(ALL_IDS).map((identifier) => ({
    args: { identifier, spelling: 'id' as const, mustWork: false },
    names: ['identifier'],
  })),
  fc.constantFrom(...ALL_IDS).map((id) => ({
    // PyTorch's spellings and other-case ids: get's suggestions name the one meant.
    args: {
      identifier: id
        .replace(/glorot/i, 'xavier')
        .replace(/^he/i, 'kaiming')
        .toUpperCase(),
      spelling: 'id' as const,
      mustWork: false,
    },
    names: ['identifier'],
  })),
  fc
    .constantFrom<unknown>(
      null,
      undefined,
      0,
      1,
      Number.NaN,
      true,
      [],
      ['zeros'],
      Symbol('zeros'),
      3n,
      () => 'zeros',
      new Date(0),
      new Map(),
      new String('zeros'),
    )
    .map((identifier) => ({
      args: { identifier, spelling: 'id' as const, mustWork: false },
      names: ['identifier', 'className'],
    })),
  fc.constantFrom<unknown>(Initializer, Zeros, GlorotUniform).map((identifier) => ({
    args: { identifier, spelling: 'id' as const, mustWork: false },
    names: ['identifier'],
  })),
  fc
    .tuple(
      ownConfig,
      fc.constantFrom<'plain' | 'otherRealm' | 'proxy' | 'frozen'>('plain', 'otherRealm', 'proxy', 'frozen'),
    )
    .chain(([{ args }, how]) =>
      mutations(anyDialect(args.identifier as Record<string, unknown>)).map(({ serialized, names }) => ({
        args: { identifier: dressed(serialized, how), spelling: args.spelling, mustWork: false },
        names: [...names, 'identifier'],
      })),
    ),
);

export const getEntry: Entry<GetArgs> = {
  name: /get|[A-Z][A-Za-z0-9]+/,
  keys: ['dialect'],
  valid,
  badArgs,
  wild: {
    dialect: fc.oneof(
      wildValue,
      fc.constantFrom<unknown>('TF1', 'Keras', 'keras3', 'tensorflow', 'tfjs ', 'pytorch', ['tfjs']),
    ),
  },
  // Under another dialect (or none) an id of one framework may be unknown.
  related: { dialect: ['identifier', 'className'] },
  messageCheck: configMessageCheck(/get|[A-Z][A-Za-z0-9]+/),
  call: (options, args) => get(args.identifier as never, options as never),
  check(result, options, args) {
    expect(result).toBeInstanceOf(Initializer);
    const initializer = result as Initializer;
    if (args.spelling === 'instance') {
      expect(initializer).toBe(args.identifier);
      return;
    }
    const config = initializer.getConfig();
    // The config round-trips through serialize and get (our own dialect for { className }).
    const again = get(serialize(initializer));
    expect(again.className).toBe(initializer.className);
    expect(JSON.stringify(again.getConfig())).toBe(JSON.stringify(config));
    let data: ArrayLike<number>;
    try {
      data = works(initializer, probeOf(initializer));
    } catch (error) {
      if (args.mustWork || !isInitError(error)) throw error;
      return;
    }
    const ours = options.dialect === 'tf1' || (options.dialect === undefined && args.spelling === 'camel');
    if (args.source !== undefined && ours) {
      expect(initializer.className).toBe(args.source.className);
      expect(JSON.stringify(config)).toBe(JSON.stringify(args.source.getConfig()));
      if (config.seed !== null && config.seed !== undefined) {
        const expected = Array.from(args.source.apply(probeOf(initializer)).data, (value) => value + 0);
        expect(Array.from(data, (value) => value + 0)).toEqual(expected);
      }
    }
  },
};

// TF1's orthogonal_initializer is Orthogonal with method 'svd'.
enableSvd();

describe('@init/presets get under the fuzz property', () => {
  test(`get: ${RUNS.get} cases`, () => {
    const tally = fuzzEntry(getEntry, RUNS.get, 3200, isInitError);
    expect(tally.runs).toBe(RUNS.get);
    expect(tally.valid).toBeGreaterThan(RUNS.get / 5);
    expect(tally.succeeded).toBeGreaterThanOrEqual(tally.valid);
  });
});
