// The fuzz kit: the inputs a caller can hand a public entry of @init (wild option values, options
// objects in every form, shapes, dtypes, buffers) and the one property every entry is held to:
//
//   a call with surely-valid inputs succeeds, and its result passes the entry's range check;
//   any other call either succeeds with a result that passes the same check, or throws one of our
//   errors whose message starts with the entry's name and names the argument that was made wrong,
//   and the caller's buffer is then unchanged (on success, nothing outside the view is written);
//   every option getter or Proxy trap runs at most once per call.
//
// One input is made wrong per case (an option's value, an unknown key, the options object itself,
// or one call argument), so the argument the message must name is known.
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

/** What one case hands the entry, and what its error must name if it throws. */
export type Case<A> =
  | { readonly kind: 'valid'; readonly options: Options; readonly form: Form; readonly args: A }
  | {
      readonly kind: 'wildValue';
      readonly options: Options;
      readonly form: Form;
      readonly args: A;
      readonly key: string;
    }
  | {
      readonly kind: 'unknownKey';
      readonly options: Options;
      readonly form: Form;
      readonly args: A;
      readonly key: string;
    }
  | { readonly kind: 'notPlain'; readonly value: unknown; readonly args: A }
  | {
      readonly kind: 'badArgs';
      readonly options: Options;
      readonly form: Form;
      readonly args: A;
      readonly names: readonly string[];
    };

/** An options record as generated: own keys and values, in order. */
export type Options = Readonly<Record<string, unknown>>;

/** How an options record reaches the entry: as a literal, or in a form that must read the same. */
export type Form = 'plain' | 'nullPrototype' | 'otherRealm' | 'getters' | 'proxy' | 'frozen';

const FORMS: readonly Form[] = ['plain', 'nullPrototype', 'otherRealm', 'getters', 'proxy', 'frozen'];

/** Numbers at and beyond every edge: NaN, ±Infinity, −0, subnormals, huge, int32/float16 limits. */
export const wildNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    1e-300,
    1e300,
    1e39,
    3.5e38,
    65504,
    65520,
    2 ** 31,
    -(2 ** 31),
    2 ** 32,
    2 ** 53,
    2 ** 53 + 2,
    3e9,
    -1,
    0.5,
    1.5,
    1e-8,
  ),
  fc.integer({ min: -8, max: 8 }),
);

/** Values of every type: numbers, strings, null, undefined, booleans, objects, functions, symbols, bigints. */
export const wildValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: wildNumber },
  fc.constantFrom<unknown>(
    null,
    undefined,
    true,
    false,
    '',
    '1',
    'x',
    'float32',
    'int32',
    'normal',
    'tf',
    [],
    [1],
    [Number.NaN],
    {},
    Symbol('wild'),
    12n,
  ),
  fc.string({ maxLength: 6 }),
  fc.constant('function').map(() => () => 1),
  fc.constant('date').map(() => new Date(0)),
  fc.constant('boxed').map(() => new Number(1)),
);

/** Anything that is not a plain object and not undefined, for an options argument. */
export const notPlainOptions: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, 0, 1, Number.NaN, '', 'x', true, false, Symbol('options'), 3n),
  fc.constant('array').map(() => []),
  fc.constant('array').map(() => [{ seed: 1 }]),
  fc.constant('date').map(() => new Date(0)),
  fc.constant('map').map(() => new Map([['seed', 1]])),
  fc.constant('function').map(() => () => ({})),
  fc.constant('instance').map(() => new (class Settings {})()),
  fc.constant('boxed').map(() => new String('x')),
  fc.constant('typed').map(() => new Float32Array(2)),
);

/** A key the entry does not know: a misspelling of a known one, a prototype name, or any string. */
export function unknownKey(known: readonly string[]): fc.Arbitrary<string> {
  const typo =
    known.length === 0
      ? fc.constant('x')
      : fc
          .tuple(fc.constantFrom(...known), fc.nat(), fc.constantFrom('drop', 'double', 'case', 'suffix'))
          .map(([key, at, how]) => {
            const i = at % key.length;
            if (how === 'drop') return key.slice(0, i) + key.slice(i + 1);
            if (how === 'double') return key.slice(0, i) + (key[i] ?? '') + key.slice(i);
            if (how === 'case') return key.toUpperCase() === key ? key.toLowerCase() : key.toUpperCase();
            return `${key}s`;
          });
  return fc
    .oneof(
      { weight: 3, arbitrary: typo },
      fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'then', 'seeds', 'std'),
      fc.string({ minLength: 1, maxLength: 8 }),
    )
    .filter((key) => !known.includes(key));
}

/** Read counts of the options' getters and Proxy traps, by key. */
export type Reads = Map<string, number>;

/** Builds an options object of the given form from a record; `reads` counts every read by key. */
export function present(options: Options, form: Form, reads: Reads): Record<string, unknown> {
  const count = (key: string): void => {
    reads.set(key, (reads.get(key) ?? 0) + 1);
  };
  const define = (target: object): Record<string, unknown> => {
    for (const [key, value] of Object.entries(options)) {
      if (form === 'getters') {
        Object.defineProperty(target, key, {
          enumerable: true,
          configurable: true,
          get() {
            count(key);
            return value;
          },
        });
      } else {
        Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      }
    }
    return target as Record<string, unknown>;
  };
  switch (form) {
    case 'nullPrototype':
      return define(Object.create(null) as object);
    case 'otherRealm':
      return define(runInNewContext('({})') as object);
    case 'frozen':
      return Object.freeze(define({}));
    case 'proxy':
      return new Proxy(define({}), {
        get(target, key, receiver) {
          if (typeof key === 'string' && Object.hasOwn(target, key)) count(key);
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    default:
      return define({});
  }
}

/**
 * The options as a record generated from per-key arbitraries: each key present or absent, values
 * from `values[key]`.
 */
export function optionsOf(
  values: Record<string, fc.Arbitrary<unknown>>,
  required: readonly string[] = [],
): fc.Arbitrary<Options> {
  const keys = Object.keys(values);
  return fc.record(values, { requiredKeys: keys.filter((key) => required.includes(key)) }) as fc.Arbitrary<Options>;
}

/** One entry under test: a public function or class, as one callable with options and other arguments. */
export interface Entry<A, S = undefined> {
  /** How its errors start: `<name>: …`. A RegExp for entries whose errors name a subclass or a wrapper. */
  readonly name: string | RegExp;
  /** The option keys it knows. */
  readonly keys: readonly string[];
  /** Surely-valid options and arguments, together (options may depend on arguments and back). */
  readonly valid: fc.Arbitrary<{ options: Options; args: A }>;
  /** Arguments made wrong (or odd), each with the argument names its error may name. */
  readonly badArgs?: fc.Arbitrary<{ args: A; names: readonly string[] }>;
  /** Wild values per key (default: {@link wildValue}). */
  readonly wild?: Readonly<Record<string, fc.Arbitrary<unknown>>>;
  /** Whether `undefined` options are valid (default true): then only other non-plain values are refused. */
  readonly optionsRequired?: boolean;
  /** What an error about the options argument itself may name (default `options`). */
  readonly optionsNames?: readonly string[];
  /** Other arguments an error about a wild option may name, by option (a layout that no longer fits the shape). */
  readonly related?: Readonly<Record<string, readonly string[]>>;
  /** Whether the entry takes options at all (default true). */
  readonly takesOptions?: boolean;
  /** Fresh mutable state per run: the caller's buffers. */
  fresh?(args: A): S;
  /** The caller's buffer, to check it is unchanged on error and untouched outside the view on success. */
  buffer?(state: S): ArrayBufferView | undefined;
  /**
   * Makes the call. `options` is undefined, a wild value, or an options object of some form;
   * `record` the same options as a plain record (for the test's own use: reading `options` would
   * count as the entry's read).
   */
  call(options: unknown, args: A, state: S, record: Options): unknown;
  /** Asserts the result is valid for `options` (a record, absent keys being defaults) and `args`. */
  check(result: unknown, options: Options, args: A, state: S): void;
  /** Recognizes one of the package's errors (default: isInitError of @init/random). */
  readonly isOurs?: (error: unknown) => boolean;
  /** Another condition on an error's message for this case (a cli error's own wording, say). */
  readonly messageCheck?: (message: string, names: readonly string[]) => boolean;
}

/** The cases of an entry: a mix of surely-valid calls and calls with exactly one input made wrong. */
export function casesOf<A, S>(entry: Entry<A, S>): fc.Arbitrary<Case<A>> {
  const form = fc.constantFrom(...FORMS);
  const takesOptions = entry.takesOptions ?? true;
  const valid = fc
    .tuple(entry.valid, form)
    .map(([{ options, args }, f]): Case<A> => ({ kind: 'valid', options, form: f, args }));
  const arms: fc.WeightedArbitrary<Case<A>>[] = [{ weight: 4, arbitrary: valid }];
  if (takesOptions) {
    if (entry.keys.length > 0) {
      const wildValueCase = fc
        .tuple(entry.valid, form, fc.constantFrom(...entry.keys))
        .chain(([{ options, args }, f, key]) =>
          (entry.wild?.[key] ?? wildValue).map(
            (value): Case<A> => ({ kind: 'wildValue', options: { ...options, [key]: value }, form: f, args, key }),
          ),
        );
      arms.push({ weight: 3, arbitrary: wildValueCase });
    }
    arms.push({
      weight: 1,
      arbitrary: fc
        .tuple(entry.valid, form, unknownKey(entry.keys), wildValue)
        .map(([{ options, args }, f, key, value]): Case<A> => {
          const withKey: Record<string, unknown> = { ...options };
          Object.defineProperty(withKey, key, { value, enumerable: true, writable: true, configurable: true });
          return { kind: 'unknownKey', options: withKey, form: f, args, key };
        }),
    });
    const notPlain = entry.optionsRequired ? fc.oneof(notPlainOptions, fc.constant(undefined)) : notPlainOptions;
    arms.push({
      weight: 1,
      arbitrary: fc
        .tuple(entry.valid, notPlain)
        .map(([{ args }, value]): Case<A> => ({ kind: 'notPlain', value, args })),
    });
  }
  if (entry.badArgs !== undefined) {
    arms.push({
      weight: 2,
      arbitrary: fc
        .tuple(entry.valid, form, entry.badArgs)
        .map(([{ options }, f, { args, names }]): Case<A> => ({ kind: 'badArgs', options, form: f, args, names })),
    });
  }
  return fc.oneof(...arms);
}

/** What a run of an entry's cases did, by kind and outcome. */
export interface Tally {
  runs: number;
  valid: number;
  succeeded: number;
  refused: number;
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, 0, view.buffer.byteLength);
}

function isDetachedView(view: ArrayBufferView): boolean {
  try {
    new Uint8Array(view.buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

/** The names an error of a case must mention (one of them). */
function namesOf<A, S>(c: Case<A>, entry: Entry<A, S>): readonly string[] {
  const optionsNames = entry.optionsNames ?? ['options'];
  switch (c.kind) {
    case 'wildValue':
      return [c.key, ...(entry.related?.[c.key] ?? [])];
    case 'unknownKey':
      return [c.key];
    case 'notPlain':
      // Undefined options where some are required: the error may name a required option instead.
      return c.value === undefined ? [...optionsNames, ...entry.keys] : optionsNames;
    case 'badArgs':
      return c.names;
    default:
      return [];
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `message` starts with `name: ` and mentions one of `names` as a word (or a quoted key). */
export function namesArgument(message: string, name: string | RegExp, names: readonly string[]): boolean {
  const start = typeof name === 'string' ? escapeRegExp(name) : name.source;
  if (!new RegExp(`^(?:${start}): `).test(message)) return false;
  return names.some((argument) => {
    const shown = argument.length > 60 ? argument.slice(0, 57) : argument;
    return /^[A-Za-z_$][\w$]*$/.test(shown)
      ? new RegExp(`(^|[^\\w$])${escapeRegExp(shown)}([^\\w$]|$)`).test(message)
      : message.includes(JSON.stringify(shown).slice(0, -1));
  });
}

/** A case made ready to call: fresh state, the buffer's bytes before, the options in their form. */
interface Prepared<S> {
  readonly state: S;
  readonly view: ArrayBufferView | undefined;
  readonly before: Uint8Array | undefined;
  readonly reads: Reads;
  readonly options: unknown;
}

function prepare<A, S>(entry: Entry<A, S>, c: Case<A>): Prepared<S> {
  const state = (entry.fresh?.(c.args) ?? undefined) as S;
  const view = entry.buffer?.(state);
  const before = view !== undefined && !isDetachedView(view) ? bytesOf(view).slice() : undefined;
  const reads: Reads = new Map();
  let options: unknown;
  if (c.kind === 'notPlain') options = c.value;
  else if (c.kind === 'valid' && Object.keys(c.options).length === 0 && c.form === 'plain') options = undefined;
  else options = present(c.options, c.form, reads);
  return { state, view, before, reads, options };
}

type Settled = { readonly value: unknown } | { readonly error: unknown };

/** Checks the property for one settled call; returns its outcome. */
function judge<A, S>(
  entry: Entry<A, S>,
  c: Case<A>,
  prepared: Prepared<S>,
  settled: Settled,
  isInitError: (error: unknown) => boolean,
): 'succeeded' | 'refused' {
  const { view, before, reads, state } = prepared;
  checkReads(reads);
  if ('error' in settled) {
    const { error } = settled;
    const ours = (entry.isOurs ?? isInitError)(error);
    const message = error instanceof Error ? error.message : String(error);
    if (c.kind === 'valid' || !ours) {
      throw new Error(`${c.kind} case threw ${ours ? 'our' : 'a foreign'} error: ${message}`, { cause: error });
    }
    const names = namesOf(c, entry);
    const named = entry.messageCheck?.(message, names) ?? namesArgument(message, entry.name, names);
    if (!named)
      throw new Error(`error does not name ${String(entry.name)} and one of [${names.join(', ')}]: ${message}`);
    if (before !== undefined && view !== undefined) {
      expect(bytesOf(view), "the caller's buffer is unchanged on error").toEqual(before);
    }
    return 'refused';
  }
  entry.check(settled.value, c.kind === 'notPlain' ? {} : c.options, c.args, state);
  if (before !== undefined && view !== undefined) {
    // Nothing outside the view is written.
    const after = bytesOf(view);
    const start = view.byteOffset;
    const end = view.byteOffset + view.byteLength;
    expect(after.subarray(0, start), 'bytes before the view').toEqual(before.subarray(0, start));
    expect(after.subarray(end), 'bytes after the view').toEqual(before.subarray(end));
  }
  return 'succeeded';
}

/** Runs one case of an entry and checks the property; returns its outcome. */
export function runCase<A, S>(
  entry: Entry<A, S>,
  c: Case<A>,
  isInitError: (error: unknown) => boolean,
): 'succeeded' | 'refused' {
  const prepared = prepare(entry, c);
  let settled: Settled;
  try {
    settled = { value: entry.call(prepared.options, c.args, prepared.state, recordOf(c)) };
  } catch (error) {
    settled = { error };
  }
  return judge(entry, c, prepared, settled, isInitError);
}

function recordOf<A>(c: Case<A>): Options {
  return c.kind === 'notPlain' ? {} : c.options;
}

function checkReads(reads: Reads): void {
  for (const [key, count] of reads) {
    if (count > 1) throw new Error(`option ${key} was read ${count} times in one call`);
  }
}

/**
 * Runs `runs` cases of an entry under a fixed seed and returns the tally. Fails (with fast-check's
 * shrunk counterexample) on the first case that breaks the property.
 */
export function fuzzEntry<A, S>(
  entry: Entry<A, S>,
  runs: number,
  seed: number,
  isInitError: (error: unknown) => boolean,
): Tally {
  const tally: Tally = { runs: 0, valid: 0, succeeded: 0, refused: 0 };
  fc.assert(
    fc.property(casesOf(entry), (c) => {
      tally.runs++;
      if (c.kind === 'valid') tally.valid++;
      tally[runCase(entry, c, isInitError)]++;
    }),
    { seed, numRuns: runs },
  );
  return tally;
}

/**
 * Declares a package's fuzz suite: `runs` cases split evenly among `entries`, entry i under seed
 * `baseSeed + i`, each test asserting that every case ran, that at least a fifth were surely valid
 * and that every surely-valid one succeeded; then one test that the package's total was reached.
 */
export function describeFuzzSuite(
  title: string,
  entries: readonly Entry<never, never>[],
  runs: number,
  baseSeed: number,
  isInitError: (error: unknown) => boolean,
): void {
  describe(title, () => {
    const perEntry = Math.ceil(runs / entries.length);
    let total = 0;
    test.each(entries.map((entry, index) => [String(entry.name), entry, index] as const))(
      `%s: ${perEntry} cases`,
      (_name, entry, index) => {
        const tally = fuzzEntry(entry, perEntry, baseSeed + index, isInitError);
        total += tally.runs;
        expect(tally.runs).toBe(perEntry);
        expect(tally.valid).toBeGreaterThan(perEntry / 5);
        expect(tally.succeeded).toBeGreaterThanOrEqual(tally.valid);
      },
    );
    test(`at least ${runs} cases ran`, () => {
      expect(total).toBeGreaterThanOrEqual(runs);
    });
  });
}

/** The async twin of {@link runCase}, for entries whose call returns a promise. */
export async function runCaseAsync<A, S>(
  entry: Entry<A, S>,
  c: Case<A>,
  isInitError: (error: unknown) => boolean,
): Promise<'succeeded' | 'refused'> {
  const prepared = prepare(entry, c);
  let settled: Settled;
  try {
    settled = { value: await entry.call(prepared.options, c.args, prepared.state, recordOf(c)) };
  } catch (error) {
    settled = { error };
  }
  return judge(entry, c, prepared, settled, isInitError);
}

/** The async twin of {@link fuzzEntry}, for entries whose call returns a promise. */
export async function fuzzEntryAsync<A, S>(
  entry: Entry<A, S>,
  runs: number,
  seed: number,
  isInitError: (error: unknown) => boolean,
): Promise<Tally> {
  const tally: Tally = { runs: 0, valid: 0, succeeded: 0, refused: 0 };
  await fc.assert(
    fc.asyncProperty(casesOf(entry), async (c) => {
      tally.runs++;
      if (c.kind === 'valid') tally.valid++;
      tally[await runCaseAsync(entry, c, isInitError)]++;
    }),
    { seed, numRuns: runs },
  );
  return tally;
}

/** Typed-array kinds and how to make one of a length in each way a caller may hand it. */
export type BufferForm = 'plain' | 'offset' | 'shared' | 'otherRealm' | 'detached';
export const BUFFER_FORMS: readonly BufferForm[] = ['plain', 'offset', 'shared', 'otherRealm', 'detached'];

type ArrayName = 'Float32Array' | 'Float64Array' | 'Uint16Array' | 'Int32Array' | 'Uint8Array' | 'Int8Array';
const CONSTRUCTORS = {
  Float32Array,
  Float64Array,
  Uint16Array,
  Int32Array,
  Uint8Array,
  Int8Array,
} as const;

/** A typed array of `length` elements in the given form, its bytes filled with a 0xA5 sentinel. */
export function makeBuffer(kind: ArrayName, length: number, form: BufferForm): ArrayBufferView & { length: number } {
  const Ctor = CONSTRUCTORS[kind];
  const bytes = Ctor.BYTES_PER_ELEMENT;
  let array: InstanceType<(typeof CONSTRUCTORS)[ArrayName]>;
  switch (form) {
    case 'offset': {
      const whole = new Ctor(length + 3);
      array = whole.subarray(2, 2 + length);
      break;
    }
    case 'shared':
      array = new Ctor(new SharedArrayBuffer(Math.max(length, 1) * bytes) as unknown as ArrayBuffer, 0, length);
      break;
    case 'otherRealm':
      array = runInNewContext(`new ${kind}(${length + 2}).subarray(1, ${length + 1})`) as typeof array;
      break;
    case 'detached': {
      array = new Ctor(length);
      structuredClone(array.buffer, { transfer: [array.buffer as ArrayBuffer] });
      return array;
    }
    default:
      array = new Ctor(length);
  }
  new Uint8Array(array.buffer, 0, array.buffer.byteLength).fill(0xa5);
  return array;
}

/** A partition as @init/core reads it: where a shard lies in the full tensor. */
export interface Shard {
  readonly fullShape: number[];
  readonly varOffset: number[];
}

/** A shard of `shape` inside a larger full shape (0–2 more on each side of each axis), or none. */
export function shardOf(shape: readonly number[]): fc.Arbitrary<Shard | undefined> {
  if (shape.length === 0) return fc.constant(undefined);
  return fc.oneof(
    fc.constant(undefined),
    fc.tuple(...shape.map(() => fc.tuple(fc.nat(2), fc.nat(2)))).map((pads) => ({
      fullShape: shape.map((dim, axis) => dim + (pads[axis]?.[0] ?? 0) + (pads[axis]?.[1] ?? 0)),
      varOffset: shape.map((_, axis) => pads[axis]?.[0] ?? 0),
    })),
  );
}

/** Small shapes: rank 0 to 4, dims 0 to 5. */
export const smallShape: fc.Arbitrary<number[]> = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 });

/** Shapes made wrong: negative, fractional, NaN, huge or non-number dims, or not an array. */
export const badShape: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(
      smallShape,
      fc.constantFrom<unknown>(-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '2', null, undefined, 1n),
    )
    .map(([shape, dim]) => [...shape, dim]),
  fc.constantFrom<unknown>(null, undefined, 3, 'x', {}, { length: 2 }, new Float32Array([2, 2])),
  fc.constant([2 ** 20, 2 ** 20, 2 ** 20]),
);
