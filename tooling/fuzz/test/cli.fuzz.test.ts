// @init/cli's programmatic API under the fuzz property (see src/kit.ts): parseSpec over specs in
// every spelling the README allows (shapes, { shape, dtype, init }, rules, dtype, layout) and
// specs made wrong one field at a time, with `{ layout }` made wild; parseSize, parseShard and
// parseSeed over their flags' texts and over wrong texts and non-strings; fnmatch over globs built
// with a name they must match and over any glob (ranges in either order, unclosed classes); decode
// over every dtype's bytes at any offset, byte counts that are not whole elements and unknown dtypes;
// encodeHeader's bytes read back by readHeader (one temporary directory, removed afterwards).
//
// Property: the value the text means (a spec whose parameters, shapes, dtypes, inits and rule
// sources are the ones written; the byte count; the host and count; the seed; a boolean, true for a
// name built to match; the values a DataView reads), a header that reads back as the tensors encoded
// with contiguous offsets, or the CLI's own error (SpecError, OptionError, FormatError, InitTypeError)
// naming the flag, the spec's field, the argument or the options argument.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { isInitError } from '@init/core';
import { bfloat16BitsToNumber, float16BitsToNumber } from '@init/random';
import {
  decode,
  encodeHeader,
  FormatError,
  filesOfHost,
  fnmatch,
  OptionError,
  parseSeed,
  parseShard,
  parseSize,
  type Plan,
  parseSpec,
  planFiles,
  readHeader,
  SAFETENSORS_DTYPES,
  SpecError,
} from '@init/cli';
import { type Entry, fuzzEntry, type Options, wildValue } from '../src/kit.js';
import { RUNS } from '../src/runs.js';

const isOurs = (error: unknown): boolean =>
  error instanceof SpecError || error instanceof OptionError || error instanceof FormatError || isInitError(error);

/** The CLI's errors name a flag or a spec field, not a function: the message must mention one of `names`. */
const mentions = (message: string, names: readonly string[]): boolean => names.some((name) => message.includes(name));

const DTYPES = ['float32', 'float64', 'float16', 'bfloat16', 'int32', 'uint8', 'bool'] as const;
type DType = (typeof DTYPES)[number];
const BYTES: Readonly<Record<DType, number>> = {
  float32: 4,
  float64: 8,
  float16: 2,
  bfloat16: 2,
  int32: 4,
  uint8: 1,
  bool: 1,
};

// ---- parseSpec ----------------------------------------------------------------------------------

interface SpecArgs {
  readonly text: unknown;
  /** The spec's parameters as they must come back (name, shape, dtype, init, source), when valid. */
  readonly expected?: ReadonlyArray<{ name: string; shape: number[]; dtype: DType; init: unknown; source: string }>;
  readonly specLayout?: 'torch' | 'tf';
}

const paramName = fc.stringMatching(/^[a-z]{1,4}(\.[a-z0-9]{1,3}){0,2}$/);
const shape = fc.array(fc.nat(6), { maxLength: 4 });
const identifier = fc.oneof(
  fc.constantFrom('zeros', 'ones', 'glorot_uniform', 'he_normal', 'orthogonal'),
  fc.record({ className: fc.constantFrom('RandomNormal', 'Constant'), config: fc.record({ seed: fc.nat(99) }) }),
);
const paramEntry = fc.oneof(
  shape.map((s) => ({
    raw: s as unknown,
    shape: s,
    dtype: undefined as DType | undefined,
    init: undefined as unknown,
  })),
  fc
    .record({ shape, dtype: fc.constantFrom(...DTYPES), init: identifier }, { requiredKeys: ['shape'] })
    .map((e) => ({ raw: e as unknown, shape: e.shape, dtype: e.dtype as DType | undefined, init: e.init as unknown })),
);

const validSpec: fc.Arbitrary<{ options: Options; args: SpecArgs }> = fc
  .tuple(
    fc.uniqueArray(fc.tuple(paramName, paramEntry), { minLength: 1, maxLength: 5, selector: ([name]) => name }),
    fc.array(fc.tuple(fc.constantFrom('*.weight', '*.bias', 'a*', '?', '[ab]*', '[!a]*', '*.*'), identifier), {
      maxLength: 3,
    }),
    identifier,
    fc.option(fc.constantFrom(...DTYPES), { nil: undefined }),
    fc.option(fc.constantFrom<'torch' | 'tf'>('torch', 'tf'), { nil: undefined }),
    fc.option(fc.constantFrom<'torch' | 'tf'>('torch', 'tf'), { nil: undefined }),
  )
  .map(([params, someRules, fallback, dtype, specLayout, optionLayout]) => {
    // A catch-all rule last, so every parameter is covered; earlier globs win in the order written.
    const rules = [...new Map([...someRules, ['*', fallback] as const]).entries()];
    const spec: Record<string, unknown> = {
      parameters: Object.fromEntries(params.map(([name, entry]) => [name, entry.raw])),
      rules: Object.fromEntries(rules),
    };
    if (dtype !== undefined) spec.dtype = dtype;
    if (specLayout !== undefined) spec.layout = specLayout;
    const expected = params.map(([name, entry]) => {
      const rule = rules.find(([glob]) => fnmatch(name, glob)) as readonly [string, unknown];
      return {
        name,
        shape: entry.shape,
        dtype: entry.dtype ?? dtype ?? 'float32',
        init: entry.init ?? rule[1],
        source: entry.init === undefined ? rule[0] : 'init',
      };
    });
    return {
      options: optionLayout === undefined ? {} : { layout: optionLayout },
      args: { text: JSON.stringify(spec), expected, ...(specLayout === undefined ? {} : { specLayout }) },
    };
  });

/** Specs made wrong in one field, each with what its error must mention. */
const badSpec: fc.Arbitrary<{ args: SpecArgs; names: readonly string[] }> = fc.oneof(
  fc
    .constantFrom<unknown>('', '{', 'null', '[]', '3', '"spec"', 'true', Symbol('spec'), 3n, null, undefined)
    .map((text) => ({ args: { text }, names: ['spec'] })),
  fc.tuple(paramName, fc.constantFrom<unknown>(-1, 1.5, Number.NaN, '2', null, 2 ** 53)).map(([name, dim]) => ({
    args: { text: JSON.stringify({ parameters: { [name]: [2, dim] }, rules: { '*': 'zeros' } }) },
    names: [`spec.parameters[${JSON.stringify(name)}]`],
  })),
  fc.tuple(paramName, fc.constantFrom<unknown>('float', 'f32', 'F32', 3, null, ['float32'])).map(([name, dtype]) => ({
    args: { text: JSON.stringify({ parameters: { [name]: { shape: [2], dtype } }, rules: { '*': 'zeros' } }) },
    names: [`spec.parameters[${JSON.stringify(name)}].dtype`],
  })),
  fc.tuple(paramName, fc.constantFrom<unknown>(3, true, ['zeros'], null)).map(([name, init]) => ({
    args: { text: JSON.stringify({ parameters: { [name]: { shape: [2], init } }, rules: { '*': 'zeros' } }) },
    // null is JSON for "absent": the parameter then needs a rule, which '*' is, so it may succeed.
    names: [`spec.parameters[${JSON.stringify(name)}].init`],
  })),
  fc.tuple(paramName, fc.constantFrom('weight', 'Shape', 'initializer')).map(([name, key]) => ({
    args: { text: JSON.stringify({ parameters: { [name]: { shape: [2], [key]: 1 } }, rules: { '*': 'zeros' } }) },
    names: [`spec.parameters[${JSON.stringify(name)}]`],
  })),
  paramName.map((name) => ({
    args: { text: JSON.stringify({ parameters: { [name]: [2] }, rules: { 'zz*': 'zeros' } }) },
    names: [`parameter ${JSON.stringify(name)}`],
  })),
  fc.constantFrom('params', 'rule', 'Layout', 'init').map((key) => ({
    args: { text: JSON.stringify({ parameters: { w: [2] }, rules: { '*': 'zeros' }, [key]: 1 }) },
    names: [JSON.stringify(key)],
  })),
  fc.constantFrom<unknown>([], 3, 'w', null, {}).map((parameters) => ({
    args: { text: JSON.stringify({ parameters, rules: { '*': 'zeros' } }) },
    names: ['spec.parameters'],
  })),
  fc.constantFrom<unknown>([], 3, 'zeros', { '*': 3 }).map((rules) => ({
    args: { text: JSON.stringify({ parameters: { w: [2] }, rules }) },
    names: ['spec.rules'],
  })),
  fc.constantFrom<unknown>('f32', 3, 'Float32').map((dtype) => ({
    args: { text: JSON.stringify({ parameters: { w: [2] }, rules: { '*': 'zeros' }, dtype }) },
    names: ['spec.dtype'],
  })),
  fc.constantFrom<unknown>('TF', 'keras', 3).map((layout) => ({
    args: { text: JSON.stringify({ parameters: { w: [2] }, rules: { '*': 'zeros' }, layout }) },
    names: ['layout'],
  })),
);

export const parseSpecEntry: Entry<SpecArgs> = {
  name: 'parseSpec',
  keys: ['layout'],
  valid: validSpec,
  badArgs: badSpec,
  wild: { layout: fc.oneof(wildValue, fc.constantFrom<unknown>('TF', 'Torch', 'keras', 'tf ', ['tf'])) },
  isOurs,
  messageCheck: mentions,
  call: (options, args) => parseSpec(args.text as string, options as never),
  check(result, options, args) {
    const spec = result as ReturnType<typeof parseSpec>;
    const layout = options.layout ?? args.specLayout ?? 'torch';
    expect(spec.layout).toBe(layout);
    // Only texts that surely mean a spec (or a wrong one that turned out to be right) come back.
    if (args.expected === undefined) {
      expect(spec.parameters.length).toBeGreaterThan(0);
      return;
    }
    expect(spec.parameters.map((p) => ({ ...p }))).toEqual(args.expected);
  },
};

// ---- parseSize, parseShard, parseSeed -------------------------------------------------------------

interface TextArgs<T> {
  readonly text: unknown;
  readonly expected?: T;
}

const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

const oddText: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 8 }),
  wildValue,
  fc.constantFrom<unknown>('-1', '0', '1e3', '0x10', '1/0', '4/4', '-1/4', '1/-4', ' ', '18446744073709551616'),
);

function textEntry<T>(
  name: string,
  flag: string,
  call: (text: string) => T,
  valid: fc.Arbitrary<TextArgs<T>>,
  sane: (value: T) => void,
): Entry<TextArgs<T>> {
  return {
    name,
    keys: [],
    takesOptions: false,
    valid: valid.map((args) => ({ options: {}, args })),
    badArgs: oddText.map((text) => ({ args: { text }, names: [flag] })),
    isOurs,
    messageCheck: mentions,
    call: (_options, args) => call(args.text as string),
    check(result, _options, args) {
      sane(result as T);
      if (args.expected !== undefined) expect(result).toEqual(args.expected);
    },
  };
}

export const parseSizeEntry = textEntry(
  'parseSize',
  '--max-shard-size',
  parseSize,
  fc
    .tuple(fc.integer({ min: 1, max: 4096 }), fc.constantFrom(...Object.keys(UNITS)), fc.boolean(), fc.boolean())
    .map(([n, unit, upper, spaced]) => ({
      text: `${spaced ? ' ' : ''}${n}${spaced ? ' ' : ''}${upper ? unit.toUpperCase() : unit}`,
      expected: n * (UNITS[unit] as number),
    })),
  (bytes) => {
    expect(Number.isSafeInteger(bytes) && bytes > 0).toBe(true);
  },
);

export const parseShardEntry = textEntry(
  'parseShard',
  '--shard',
  parseShard,
  fc
    .integer({ min: 1, max: 1024 })
    .chain((count) => fc.nat(count - 1).map((index) => ({ text: `${index}/${count}`, expected: { index, count } }))),
  ({ index, count }) => {
    expect(Number.isSafeInteger(index) && Number.isSafeInteger(count) && index >= 0 && index < count).toBe(true);
  },
);

export const parseSeedEntry = textEntry<number | bigint | string>(
  'parseSeed',
  '--seed',
  parseSeed,
  fc.oneof(
    fc.nat().map((n) => ({ text: String(n), expected: n as number | bigint | string })),
    fc.bigInt({ min: 2n ** 53n, max: 2n ** 64n - 1n }).map((n) => ({ text: String(n), expected: n })),
    fc
      .string({ minLength: 1, maxLength: 8 })
      .filter((s) => !/^\d+$/.test(s))
      .map((s) => ({ text: s, expected: s })),
  ),
  (seed) => {
    if (typeof seed === 'string') expect(seed.length).toBeGreaterThan(0);
    else expect(seed >= 0 && seed < 2n ** 64n).toBe(true);
  },
);

// ---- encodeHeader → readHeader --------------------------------------------------------------------

interface HeaderArgs {
  readonly tensors: ReadonlyArray<{ name: string; dtype: DType; shape: number[] }>;
  readonly metadata: Record<string, string>;
}

const dir = mkdtempSync(join(tmpdir(), 'init-fuzz-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

export const headerEntry: Entry<HeaderArgs> = {
  name: 'encodeHeader',
  keys: [],
  takesOptions: false,
  valid: fc
    .record({
      tensors: fc.uniqueArray(
        fc.record({ name: fc.string({ minLength: 1, maxLength: 6 }), dtype: fc.constantFrom(...DTYPES), shape }),
        { maxLength: 5, selector: (t) => t.name },
      ),
      metadata: fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
    })
    .filter(({ tensors }) => tensors.every((t) => t.name !== '__metadata__'))
    .map((args) => ({ options: {}, args })),
  isOurs,
  call(_options, args) {
    const encoded = encodeHeader(args.tensors, args.metadata);
    const path = join(dir, `h${files++}.safetensors`);
    writeFileSync(path, Buffer.concat([encoded.bytes, Buffer.alloc(encoded.dataBytes)]));
    try {
      return { encoded, header: readHeader(path) };
    } finally {
      rmSync(path);
    }
  },
  check(result, _options, args) {
    const { encoded, header } = result as {
      encoded: ReturnType<typeof encodeHeader>;
      header: ReturnType<typeof readHeader>;
    };
    // The header is valid JSON padded to a multiple of 8 with spaces, the buffer starting after it.
    const size = Number(new DataView(encoded.bytes.buffer).getBigUint64(0, true));
    expect(size % 8).toBe(0);
    expect(header.dataStart).toBe(8 + size);
    JSON.parse(new TextDecoder().decode(encoded.bytes.subarray(8)));
    let offset = 0;
    const expected = args.tensors.map((t) => {
      const bytes = t.shape.reduce((a, b) => a * b, 1) * (BYTES[t.dtype] as number);
      const begin = offset;
      offset += bytes;
      return { name: t.name, dtype: SAFETENSORS_DTYPES[t.dtype], shape: t.shape, dataOffsets: [begin, offset] };
    });
    expect(encoded.dataBytes).toBe(offset);
    // By name: JSON puts integer-like keys ("0") first, so the header's order may differ from the
    // buffer's; the offsets, not the key order, say where each tensor lies.
    const byName = (list: ReadonlyArray<{ name: string }>) =>
      [...list].map((t) => ({ ...t })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    expect(byName(header.tensors)).toEqual(byName(expected));
    expect({ ...header.metadata }).toEqual(args.metadata);
  },
};

// ---- fnmatch --------------------------------------------------------------------------------------

interface GlobArgs {
  readonly name: unknown;
  readonly glob: unknown;
  /** True when `name` was built to match `glob` (each token filled with what it must match). */
  readonly matches?: boolean;
}

/** Characters with a meaning in a glob or in a regular expression, letters, and a non-BMP one. */
const GLOB_CHARS = [...'ab.-]!^\\$()+{}|/&~ ', 'é', '\u{1F600}'];

/** One token of a glob and a text it matches: a literal, `*`, `?`, or a class (plain or negated). */
const token: fc.Arbitrary<{ glob: string; text: string }> = fc.oneof(
  fc.constantFrom(...GLOB_CHARS).map((char) => ({ glob: char, text: char })),
  // '[', '*' and '?' match themselves only inside a class.
  fc.constantFrom('[', '*', '?').map((char) => ({ glob: `[${char}]`, text: char })),
  fc.constantFrom('', 'a', 'b.-').map((text) => ({ glob: '*', text })),
  fc.constantFrom(...GLOB_CHARS).map((text) => ({ glob: '?', text })),
  fc
    .uniqueArray(fc.constantFrom(...'abz0é!^\\'), { minLength: 1, maxLength: 4 })
    .filter((set) => set[0] !== '!') // a leading '!' would negate the class
    .chain((set) => fc.constantFrom(...set).map((text) => ({ glob: `[${set.join('')}]`, text }))),
  fc
    .uniqueArray(fc.constantFrom(...'abz0'), { minLength: 1, maxLength: 3 })
    .map((set) => ({ glob: `[!${set.join('')}]`, text: 'y' })),
  fc.constantFrom(['a', 'z'], ['0', '9']).map(([lo, hi]) => ({ glob: `[${lo}-${hi}]`, text: hi as string })),
);

export const fnmatchEntry: Entry<GlobArgs> = {
  name: 'fnmatch',
  keys: [],
  takesOptions: false,
  valid: fc.oneof(
    fc.array(token, { maxLength: 6 }).map((tokens) => ({
      options: {},
      args: { glob: tokens.map((t) => t.glob).join(''), name: tokens.map((t) => t.text).join(''), matches: true },
    })),
    // Any glob (unclosed classes and ranges in either order included) against any name: an answer, never a throw.
    fc
      .tuple(
        fc.array(
          fc.oneof(
            fc.constantFrom(...GLOB_CHARS, '[', '*', '?', 'z', '0'),
            fc
              .tuple(fc.boolean(), fc.constantFrom(...GLOB_CHARS, 'z', '0'), fc.constantFrom(...GLOB_CHARS, 'z', '0'))
              .map(([negate, lo, hi]) => `[${negate ? '!' : ''}${lo}-${hi}]`),
          ),
          { maxLength: 8 },
        ),
        fc.array(fc.constantFrom(...GLOB_CHARS, 'z'), { maxLength: 6 }),
      )
      .map(([glob, name]) => ({ options: {}, args: { glob: glob.join(''), name: name.join('') } })),
  ),
  badArgs: fc.oneof(
    wildValue.filter((v) => typeof v !== 'string').map((name) => ({ args: { name, glob: '*' }, names: ['name'] })),
    wildValue.filter((v) => typeof v !== 'string').map((glob) => ({ args: { name: 'a', glob }, names: ['glob'] })),
  ),
  call: (_options, args) => fnmatch(args.name as string, args.glob as string),
  check(result, _options, args) {
    expect(typeof result).toBe('boolean');
    if (args.matches === true) expect(result).toBe(true);
  },
};

// ---- decode ---------------------------------------------------------------------------------------

const READ: Readonly<Record<string, { bytes: number; read: (view: DataView, at: number) => number }>> = {
  F32: { bytes: 4, read: (view, at) => view.getFloat32(at, true) },
  F64: { bytes: 8, read: (view, at) => view.getFloat64(at, true) },
  I32: { bytes: 4, read: (view, at) => view.getInt32(at, true) },
  F16: { bytes: 2, read: (view, at) => float16BitsToNumber(view.getUint16(at, true)) },
  BF16: { bytes: 2, read: (view, at) => bfloat16BitsToNumber(view.getUint16(at, true)) },
  U8: { bytes: 1, read: (view, at) => view.getUint8(at) },
  BOOL: { bytes: 1, read: (view, at) => view.getUint8(at) },
};

interface DecodeArgs {
  readonly dtype: unknown;
  readonly bytes: unknown;
}

/** Random bytes at a random offset of a larger buffer (decode copies unaligned ones). */
const bytesAt = (length: number): fc.Arbitrary<Uint8Array> =>
  fc.tuple(fc.uint8Array({ minLength: length, maxLength: length }), fc.nat(7)).map(([content, offset]) => {
    const bytes = new Uint8Array(new ArrayBuffer(offset + length + 3), offset, length);
    bytes.set(content);
    return bytes;
  });

export const decodeEntry: Entry<DecodeArgs> = {
  name: 'decode',
  keys: [],
  takesOptions: false,
  valid: fc.tuple(fc.constantFrom(...Object.keys(READ)), fc.nat(12)).chain(([dtype, count]) =>
    bytesAt(count * (READ[dtype] as { bytes: number }).bytes).map((bytes) => ({
      options: {},
      args: { dtype, bytes },
    })),
  ),
  badArgs: fc.oneof(
    fc
      .tuple(fc.constantFrom('F32', 'F64', 'I32', 'F16', 'BF16'), fc.nat(17))
      .filter(([dtype, length]) => length % (READ[dtype] as { bytes: number }).bytes !== 0)
      .chain(([dtype, length]) => bytesAt(length).map((bytes) => ({ args: { dtype, bytes }, names: ['bytes'] }))),
    fc
      .oneof(fc.string({ maxLength: 5 }), wildValue)
      .filter((dtype) => typeof dtype !== 'string' || !Object.hasOwn(READ, dtype))
      .map((dtype) => ({ args: { dtype, bytes: new Uint8Array(8) }, names: ['dtype'] })),
    fc
      .oneof(wildValue, fc.constant<unknown>(new Uint16Array(4)), fc.constant<unknown>([1, 2, 3, 4]))
      .map((bytes) => ({ args: { dtype: 'U8', bytes }, names: ['bytes'] })),
  ),
  call: (_options, args) => decode(args.dtype as string, args.bytes as Uint8Array),
  check(result, _options, args) {
    const { bytes, read } = READ[args.dtype as string] as (typeof READ)[string];
    const source = args.bytes as Uint8Array;
    const view = new DataView(source.buffer, source.byteOffset, source.byteLength);
    const values = result as ArrayLike<number>;
    expect(values.length).toBe(source.byteLength / bytes);
    for (let i = 0; i < values.length; i++) expect(Object.is(values[i], read(view, i * bytes))).toBe(true);
  },
};

// ---- planFiles → filesOfHost ----------------------------------------------------------------------

interface PlanArgs {
  readonly tensors: ReadonlyArray<{ name: string; shape: number[]; dtype: DType }>;
  readonly maxShardSize: unknown;
  readonly host: { readonly index: unknown; readonly count: unknown };
}

const wholeOrNot: fc.Arbitrary<unknown> = fc.oneof(
  wildValue,
  fc.constantFrom<unknown>(0, -1, 0.5, 2 ** 53, '8', Number.NaN),
);

export const planEntry: Entry<PlanArgs> = {
  name: /planFiles|filesOfHost/,
  keys: [],
  takesOptions: false,
  valid: fc
    .record({
      tensors: fc.uniqueArray(
        fc.record({ name: fc.string({ minLength: 1, maxLength: 4 }), shape, dtype: fc.constantFrom(...DTYPES) }),
        {
          maxLength: 8,
          selector: (t) => t.name,
        },
      ),
      maxShardSize: fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: 600 })),
      count: fc.integer({ min: 1, max: 5 }),
    })
    .chain(({ tensors, maxShardSize, count }) =>
      fc.nat(count - 1).map((index) => ({ options: {}, args: { tensors, maxShardSize, host: { index, count } } })),
    ),
  badArgs: fc.oneof(
    wholeOrNot
      .filter((size) => size !== undefined && !(Number.isSafeInteger(size) && (size as number) > 0))
      .map((maxShardSize) => ({
        args: { tensors: [], maxShardSize, host: { index: 0, count: 1 } },
        names: ['maxShardSize'],
      })),
    fc
      .tuple(wholeOrNot, fc.oneof(wholeOrNot, fc.integer({ min: 1, max: 4 })))
      .filter(
        ([index, count]) =>
          !(
            Number.isSafeInteger(index) &&
            Number.isSafeInteger(count) &&
            (index as number) >= 0 &&
            (index as number) < (count as number)
          ),
      )
      .map(([index, count]) => ({
        args: { tensors: [], maxShardSize: undefined, host: { index, count } },
        names: ['index'],
      })),
  ),
  call(_options, args) {
    const plan = planFiles(args.tensors, args.maxShardSize as number | undefined, 'single.safetensors');
    return { plan, mine: filesOfHost(plan, args.host.index as number, args.host.count as number) };
  },
  check(result, _options, args) {
    const { plan, mine } = result as { plan: Plan; mine: ReturnType<typeof filesOfHost> };
    const bytes = args.tensors.map((t) => t.shape.reduce((a, b) => a * b, 1) * (BYTES[t.dtype] as number));
    // Every tensor once, in order; each file within the size unless it holds one tensor alone.
    expect(plan.files.flatMap((file) => file.tensors.map((t) => t.name))).toEqual(args.tensors.map((t) => t.name));
    expect(plan.totalBytes).toBe(bytes.reduce((a, b) => a + b, 0));
    const max = args.maxShardSize as number | undefined;
    for (const file of plan.files) {
      const size = file.tensors.reduce((sum, t) => sum + t.bytes, 0);
      if (max !== undefined && file.tensors.length > 1) expect(size).toBeLessThanOrEqual(max);
    }
    expect(plan.index !== undefined).toBe(plan.files.length > 1);
    const { index, count } = args.host as { index: number; count: number };
    expect(mine.files).toEqual(plan.files.filter((_, k) => k % count === index));
    expect(mine.writesIndex).toBe(plan.index !== undefined && index === 0);
  },
};

describe('@init/cli under the fuzz property', () => {
  const share = (part: number) => Math.max(1, Math.round(RUNS.cli * part));
  test(`parseSpec: ${share(0.5)} cases`, () => {
    const tally = fuzzEntry(parseSpecEntry, share(0.5), 4100, isOurs);
    expect(tally.valid).toBeGreaterThan(share(0.5) / 5);
    expect(tally.succeeded).toBeGreaterThanOrEqual(tally.valid);
  });
  // Entries of different argument types, run alike (as the kit's describeFuzzSuite takes them).
  const entries = [
    [parseSizeEntry, 4101],
    [parseShardEntry, 4102],
    [parseSeedEntry, 4103],
    [fnmatchEntry, 4105],
    [decodeEntry, 4106],
    [planEntry, 4107],
  ] as unknown as ReadonlyArray<readonly [Entry<never, never>, number]>;
  for (const [entry, seed] of entries) {
    test(`${String(entry.name)}: ${share(0.12)} cases`, () => {
      const tally = fuzzEntry(entry, share(0.12), seed, isOurs);
      expect(tally.valid).toBeGreaterThan(share(0.12) / 5);
      expect(tally.succeeded).toBeGreaterThanOrEqual(tally.valid);
    });
  }
  test(`encodeHeader → readHeader: ${share(0.14)} cases`, () => {
    const tally = fuzzEntry(headerEntry, share(0.14), 4104, isOurs);
    expect(tally.succeeded).toBe(share(0.14));
  });
});
