// @init/core's deserialize under the fuzz property (see src/kit.ts): serialized initializers in
// every form (`{ className, config }`, Keras's `{ class_name, config }` with snake_case keys, Keras
// 3's `module`/`registered_name`, TensorFlow.js's getConfig() objects) read in every dialect, with
// the options `{ classes, names, dialect }` made wild, and the serialized object itself made wrong:
// missing, extra, doubled and mistyped keys, wild config values, getters, Proxies, other realms.
//
// Property: a working initializer (it applies to a small shape with finite values) whose config
// round-trips through serialize → deserialize (and through JSON), equal to its source where the
// dialect keeps our meaning; or our error naming `deserialize` or the class, and the key made wrong.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  Constant,
  ConvolutionOrthogonal,
  DeltaOrthogonal,
  Dirac,
  deserialize,
  Identity,
  Initializer,
  type InitializerClass,
  isInitError,
  type NameRow,
  Ones,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  Sparse,
  STFT,
  serialize,
  TruncatedNormal,
  UniformUnitScaling,
  VarianceScaling,
  Zeros,
} from '@init/core';
import { presetNameRows } from '@init/presets';
import { anyDialect, configMessageCheck, dressed, mutations, type Spelling, spell, works } from '../src/configs.js';
import { type Entry, fuzzEntry, type Options, wildValue } from '../src/kit.js';
import { RUNS } from '../src/runs.js';

/** A user's own class, known to deserialize only through `options.classes`. */
class Scaled extends RandomNormal {
  static override readonly className = 'Scaled';
}

interface DeserializeArgs {
  readonly serialized: unknown;
  readonly spelling: Spelling;
  /** The shape the class surely accepts, to check that the result works. */
  readonly probe: readonly number[];
  /** Whether the object is surely valid, so the result must apply to the probe shape. */
  readonly mustWork: boolean;
  /** The initializer the object was serialized from, when it must come back equal (our own meaning). */
  readonly source?: Initializer;
  /** The source's class when it is not a built-in (for the round trip). */
  readonly userClass?: InitializerClass;
}

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const record = (values: Record<string, unknown>): Options =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
const numberIn = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const seed = optional(fc.oneof(fc.nat(2 ** 31), fc.string({ minLength: 1, maxLength: 4 })));

/** A class of ours, its surely-valid options and a shape it surely accepts. */
interface Source {
  readonly make: (options: Options) => Initializer;
  readonly options: fc.Arbitrary<Options>;
  readonly probe: readonly number[];
  readonly userClass?: InitializerClass;
}

const SQUARE = [2, 2] as const;
const KERNEL = [3, 2, 2] as const;
const SOURCES: readonly Source[] = [
  {
    make: (o) => new Zeros(o as never),
    options: optional(fc.constantFrom('float32', 'float64', 'int32')).map((dtype) => record({ dtype })),
    probe: SQUARE,
  },
  {
    make: (o) => new Ones(o as never),
    options: optional(fc.constantFrom('float32', 'float64', 'int32')).map((dtype) => record({ dtype })),
    probe: SQUARE,
  },
  {
    make: (o) => new Constant(o as never),
    options: fc
      .tuple(
        optional(
          fc.oneof(
            fc.integer({ min: -9, max: 9 }),
            fc.array(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 2, maxLength: 2 }), {
              minLength: 2,
              maxLength: 2,
            }),
          ),
        ),
        optional(fc.boolean()),
      )
      .map(([value, verifyShape]) => record({ value, verifyShape: Array.isArray(value) ? verifyShape : undefined })),
    probe: SQUARE,
  },
  {
    make: (o) => new RandomUniform(o as never),
    options: fc
      .tuple(numberIn(-5, 5), numberIn(0.5, 5), seed, optional(fc.constantFrom('float32', 'float64')))
      .map(([minval, span, s, dtype]) => record({ minval, maxval: minval + span, seed: s, dtype })),
    probe: SQUARE,
  },
  {
    make: (o) => new RandomNormal(o as never),
    options: fc
      .tuple(optional(numberIn(-5, 5)), optional(numberIn(0, 5)), seed)
      .map(([mean, stddev, s]) => record({ mean, stddev, seed: s })),
    probe: SQUARE,
  },
  {
    make: (o) => new TruncatedNormal(o as never),
    options: fc
      .tuple(optional(numberIn(-5, 5)), optional(numberIn(0.1, 5)), seed)
      .map(([mean, stddev, s]) => record({ mean, stddev, seed: s })),
    probe: SQUARE,
  },
  {
    make: (o) => new VarianceScaling(o as never),
    options: fc
      .tuple(
        optional(numberIn(0.1, 4)),
        optional(fc.constantFrom('fan_in', 'fan_out', 'fan_avg')),
        optional(fc.constantFrom('truncated_normal', 'untruncated_normal', 'uniform', 'normal')),
        seed,
      )
      .map(([scale, mode, distribution, s]) => record({ scale, mode, distribution, seed: s })),
    probe: SQUARE,
  },
  {
    make: (o) => new UniformUnitScaling(o as never),
    options: fc.tuple(optional(numberIn(0.1, 4)), seed).map(([factor, s]) => record({ factor, seed: s })),
    probe: SQUARE,
  },
  {
    make: (o) => new Orthogonal(o as never),
    options: fc.tuple(optional(numberIn(-3, 3)), seed).map(([gain, s]) => record({ gain, seed: s })),
    probe: SQUARE,
  },
  {
    make: (o) => new Identity(o as never),
    options: optional(numberIn(-9, 9)).map((gain) => record({ gain })),
    probe: SQUARE,
  },
  {
    make: (o) => new Sparse(o as never),
    options: fc
      .tuple(numberIn(0, 1), optional(numberIn(0, 3)), seed)
      .map(([sparsity, stddev, s]) => record({ sparsity, stddev, seed: s })),
    probe: SQUARE,
  },
  { make: (o) => new Dirac(o as never), options: fc.constant({}), probe: KERNEL },
  {
    make: (o) => new DeltaOrthogonal(o as never),
    options: fc.tuple(optional(numberIn(-3, 3)), seed).map(([gain, s]) => record({ gain, seed: s })),
    probe: KERNEL,
  },
  {
    make: (o) => new ConvolutionOrthogonal(o as never),
    options: fc.tuple(optional(numberIn(-3, 3)), seed).map(([gain, s]) => record({ gain, seed: s })),
    probe: KERNEL,
  },
  {
    make: (o) => new STFT(o as never),
    options: fc
      .tuple(optional(fc.constantFrom('real', 'imag')), optional(fc.constantFrom('hann', 'hamming', null)))
      .map(([side, window]) => record({ side, window })),
    probe: [4, 1, 3],
  },
  {
    make: (o) => new Scaled(o as never),
    options: fc.tuple(optional(numberIn(0, 3)), seed).map(([stddev, s]) => record({ stddev, seed: s })),
    probe: SQUARE,
    userClass: Scaled,
  },
];

/** Our own configs, in our spellings; read with our (TF1's) meaning they must come back equal. */
const ownConfig: fc.Arbitrary<{ options: Options; args: DeserializeArgs }> = fc
  .constantFrom(...SOURCES)
  .chain((source) =>
    fc.tuple(source.options, fc.constantFrom<Spelling>('camel', 'keras', 'keras3')).map(([options, spelling]) => {
      const initializer = source.make(options);
      // `{ className }` is read as ours by default; Keras's envelope needs { dialect: 'tf1' } for our meaning.
      const dialect = spelling === 'camel' ? undefined : 'tf1';
      return {
        options: record({ dialect, classes: source.userClass === undefined ? undefined : [source.userClass] }),
        args: {
          serialized: spell(initializer, spelling),
          spelling,
          probe: source.probe,
          mustWork: true,
          source: initializer,
          ...(source.userClass === undefined ? {} : { userClass: source.userClass }),
        },
      };
    }),
  );

const kerasSeed = fc.oneof(fc.constant(null), fc.nat(2 ** 31));
// TensorFlow.js takes any finite number as a seed (Alea hashes its text).
const tfjsSeed = fc.oneof(fc.constant(null), fc.nat(1000), fc.constantFrom(-5, 2.5, 1e6));
const kerasStddev = fc.oneof(fc.constant(0.05), numberIn(0.01, 2));

/** Configs as Keras 2.2.4, tf.keras, Keras 3 and TensorFlow.js save them, read in their own dialect. */
const frameworkConfig: fc.Arbitrary<{ options: Options; args: DeserializeArgs }> = fc
  .oneof(
    fc
      .tuple(
        fc.constantFrom('VarianceScaling', 'variance_scaling'),
        fc.constantFrom(1, 2),
        fc.constantFrom('fan_in', 'fan_out', 'fan_avg', 'FAN_IN'),
        fc.constantFrom('normal', 'truncated_normal', 'untruncated_normal', 'uniform'),
        kerasSeed,
      )
      .map(([class_name, scale, mode, distribution, s]) => ({
        class_name,
        config: { scale, mode, distribution, seed: s },
      })),
    fc
      .tuple(fc.constantFrom('RandomNormal', 'TruncatedNormal', 'random_normal', 'normal'), kerasStddev, kerasSeed)
      .map(([class_name, stddev, s]) => ({ class_name, config: { mean: 0, stddev, seed: s } })),
    fc
      .tuple(fc.constantFrom('RandomUniform', 'uniform'), kerasSeed)
      .map(([class_name, s]) => ({ class_name, config: { minval: -0.05, maxval: 0.05, seed: s } })),
    fc
      .tuple(fc.constantFrom('Orthogonal', 'OrthogonalInitializer', 'orthogonal'), numberIn(0.1, 2), kerasSeed)
      .map(([class_name, gain, s]) => ({
        module: 'keras.initializers',
        class_name,
        config: { gain, seed: s },
        registered_name: null,
      })),
    fc.constantFrom(
      { class_name: 'Zeros', config: {} },
      { class_name: 'zeros', config: {} },
      { class_name: 'Ones', config: {} },
      { class_name: 'Constant', config: { value: 0 } },
      { class_name: 'Identity', config: { gain: 1 } },
      {
        class_name: 'VarianceScaling',
        config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null, input_axes: null, output_axes: null },
      },
    ),
  )
  .chain((serialized) =>
    fc.constantFrom<Options>({}, { dialect: 'keras' }).map((options) => ({
      options,
      args: { serialized, spelling: 'framework' as const, probe: SQUARE, mustWork: true },
    })),
  );

/** TensorFlow.js's getConfig() objects and model.json initializers, read with { dialect: 'tfjs' }. */
const tfjsConfig: fc.Arbitrary<{ options: Options; args: DeserializeArgs }> = fc
  .oneof(
    fc
      .tuple(
        fc.constantFrom(1, 2),
        fc.constantFrom('fanIn', 'fanOut', 'fanAvg', 'fan_in'),
        fc.constantFrom('normal', 'uniform', 'truncatedNormal'),
        tfjsSeed,
      )
      .map(([scale, mode, distribution, s]) => ({
        className: 'VarianceScaling',
        config: { scale, mode, distribution, seed: s },
      })),
    fc
      .tuple(
        fc.constantFrom('RandomNormal', 'TruncatedNormal'),
        fc.constantFrom(0, 0.05, 1),
        fc.constantFrom(0, 0.05, 2),
        tfjsSeed,
      )
      .map(([className, mean, stddev, s]) => ({ className, config: { mean, stddev, seed: s } })),
    tfjsSeed.map((s) => ({ class_name: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed: s } })),
    // Core's Orthogonal has no 'tfjs' engine (see core's README, "Dialects"): our stream's seeds only.
    kerasSeed.map((s) => ({ className: 'Orthogonal', config: { gain: 1, seed: s } })),
    fc.constantFrom(
      { className: 'Zeros', config: {} },
      { class_name: 'Ones', config: {} },
      { className: 'Constant', config: { value: 0.5 } },
      { className: 'Identity', config: { gain: 2 } },
    ),
  )
  .map((serialized) => ({
    options: { dialect: 'tfjs' },
    args: { serialized, spelling: 'framework' as const, probe: SQUARE, mustWork: true },
  }));

/** A preset (GlorotUniform …) in our spelling, known through `options.names`. */
const presetConfig: fc.Arbitrary<{ options: Options; args: DeserializeArgs }> = fc
  .tuple(
    fc.constantFrom('GlorotUniform', 'GlorotNormal', 'HeNormal', 'HeUniform', 'LecunNormal', 'LecunUniform'),
    fc.nat(1000),
  )
  .map(([className, s]) => ({
    options: { names: presetNameRows() },
    args: {
      serialized: { className, config: { seed: s } },
      spelling: 'framework' as const,
      probe: SQUARE,
      mustWork: true,
    },
  }));

const valid = fc.oneof(
  { weight: 6, arbitrary: ownConfig },
  { weight: 2, arbitrary: frameworkConfig },
  { weight: 2, arbitrary: tfjsConfig },
  { weight: 1, arbitrary: presetConfig },
);

const badArgs: fc.Arbitrary<{ args: DeserializeArgs; names: readonly string[] }> = fc
  .tuple(
    ownConfig.filter(({ args }) => args.userClass === undefined),
    fc.constantFrom<'plain' | 'otherRealm' | 'proxy' | 'frozen'>('plain', 'otherRealm', 'proxy', 'frozen'),
  )
  .chain(([{ args }, how]) =>
    mutations(anyDialect(args.serialized as Record<string, unknown>)).map(({ serialized, names }) => ({
      args: { serialized: dressed(serialized, how), spelling: args.spelling, probe: args.probe, mustWork: false },
      names,
    })),
  );

export const deserializeEntry: Entry<DeserializeArgs> = {
  // Config values are checked by the class they build, which names itself.
  name: /deserialize|[A-Z][A-Za-z0-9]+/,
  keys: ['classes', 'names', 'dialect'],
  valid,
  badArgs,
  wild: {
    classes: fc.oneof(
      wildValue,
      fc.constantFrom<unknown>(
        [1],
        [null],
        [Initializer],
        [class NotOurs {}],
        [() => 1],
        [Scaled, 'x'],
        new Set([Scaled]),
      ),
    ),
    names: fc.oneof(
      wildValue,
      fc.constantFrom<unknown>([1], [null], [{}], [{ cls: 1 }], [{ cls: Scaled, keras: 'x' }], new Set()),
    ),
    dialect: fc.oneof(wildValue, fc.constantFrom<unknown>('TF1', 'Keras', 'keras3', 'tensorflow', 'tfjs ', 'TFJS')),
  },
  // A class known only through classes or names is unknown without them.
  related: { classes: ['className'], names: ['className'], dialect: ['className'] },
  call: (options, args) => deserialize(args.serialized, options as never),
  messageCheck: configMessageCheck(/deserialize|[A-Z][A-Za-z0-9]+/),
  check(result, options, args) {
    expect(result).toBeInstanceOf(Initializer);
    const initializer = result as Initializer;
    const config = initializer.getConfig();
    const classes = args.userClass === undefined ? [] : [args.userClass];
    const names: NameRow[] = [...presetNameRows()];
    // The config round-trips: through serialize, and through JSON text, in our own (default) dialect.
    const again = deserialize(serialize(initializer), { classes, names });
    expect(again.className).toBe(initializer.className);
    expect(again.getConfig()).toEqual(config);
    const text = JSON.stringify(serialize(initializer));
    expect(JSON.stringify(deserialize(JSON.parse(text), { classes, names }).getConfig())).toBe(JSON.stringify(config));
    // It works: every class applies to its probe shape (a wild value accepted at construction may
    // only be refused for the dtype at apply, naming its key).
    let data: ArrayLike<number>;
    try {
      data = works(initializer, args.probe);
    } catch (error) {
      if (args.mustWork || !isInitError(error)) throw error;
      return;
    }
    // Read with our own meaning, our own config comes back as it was, with the same values.
    const dialect = options.dialect;
    const ours = dialect === 'tf1' || (dialect === undefined && args.spelling === 'camel');
    if (args.source !== undefined && ours) {
      expect(initializer.className).toBe(args.source.className);
      // JSON holds no −0: a gain of −0 comes back as 0 (values equal as numbers).
      expect(JSON.stringify(config)).toBe(JSON.stringify(args.source.getConfig()));
      if (config.seed !== null && config.seed !== undefined) {
        const expected = Array.from(args.source.apply([...args.probe]).data, (value) => value + 0);
        expect(Array.from(data, (value) => value + 0)).toEqual(expected);
      }
    }
  },
};

describe('@init/core deserialize under the fuzz property', () => {
  test(`deserialize: ${RUNS.deserialize} cases`, () => {
    const tally = fuzzEntry(deserializeEntry, RUNS.deserialize, 3100, isInitError);
    expect(tally.runs).toBe(RUNS.deserialize);
    expect(tally.valid).toBeGreaterThan(RUNS.deserialize / 5);
    expect(tally.succeeded).toBeGreaterThanOrEqual(tally.valid);
  });
});
