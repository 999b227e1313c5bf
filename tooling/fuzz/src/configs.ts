// Serialized initializers for the entries that read them (core's deserialize, presets' get): how
// one is spelled in each framework, and the ways one is made wrong, each with the keys its error
// may name.
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { expect } from 'vitest';
import { type Initializer, serialize } from '@init/core';
import { namesArgument, unknownKey, wildValue } from './kit.js';

/** How a serialized object is spelled: ours, Keras 2's snake_case, Keras 3's envelope, or as a framework saved it. */
export type Spelling = 'camel' | 'keras' | 'keras3' | 'framework';

export const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
export const camelCase = (key: string): string =>
  key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** A serialized initializer spelled one way: ours, Keras 2's snake_case, or Keras 3's envelope. */
export function spell(initializer: Initializer, spelling: Spelling): Record<string, unknown> {
  const { className, config } = JSON.parse(JSON.stringify(serialize(initializer))) as {
    className: string;
    config: Record<string, unknown>;
  };
  if (spelling === 'camel') return { className, config };
  const snake = Object.fromEntries(Object.entries(config).map(([key, value]) => [snakeCase(key), value]));
  if (spelling === 'keras') return { class_name: className, config: snake };
  return { module: 'keras.initializers', class_name: className, config: snake, registered_name: null };
}

/** The keys an error about a config key may name: the key as written, its camelCase, and keys its value constrains. */
const RELATED: Readonly<Record<string, readonly string[]>> = {
  minval: ['maxval', 'dtype'],
  maxval: ['minval', 'dtype'],
  mean: ['stddev', 'dtype', 'lower', 'upper'],
  stddev: ['mean', 'dtype', 'lower', 'upper'],
  engine: ['seed', 'dtype', 'minval', 'maxval', 'mean', 'stddev'],
  dtype: ['engine', 'value', 'minval', 'maxval', 'mean', 'stddev', 'gain', 'scale', 'factor', 'lower', 'upper'],
  seed: ['engine'],
  value: ['verifyShape', 'dtype'],
  verifyShape: ['value'],
  gain: ['dtype'],
  scale: ['dtype'],
  factor: ['dtype'],
  className: ['class_name'],
  class_name: ['className'],
};
export const namesOfKey = (key: string): string[] => {
  const camel = camelCase(key);
  return [...new Set([key, camel, snakeCase(camel), ...(Object.hasOwn(RELATED, camel) ? (RELATED[camel] ?? []) : [])])];
};

/** A config made wrong in one way, with the keys its error may name. */
export type Mutation = { readonly serialized: unknown; readonly names: readonly string[] };

export function configOf(serialized: Record<string, unknown>): Record<string, unknown> {
  return (serialized.config ?? {}) as Record<string, unknown>;
}
export function withConfig(serialized: Record<string, unknown>, config: unknown): Record<string, unknown> {
  return { ...serialized, config };
}
export function withDescriptor(
  target: Record<string, unknown>,
  key: string,
  descriptor: PropertyDescriptor,
): Record<string, unknown> {
  const copy = { ...target };
  Object.defineProperty(copy, key, { enumerable: true, configurable: true, ...descriptor });
  return copy;
}

/** One wrong thing done to a surely-valid serialized object. */
export function mutations(serialized: Record<string, unknown>): fc.Arbitrary<Mutation> {
  const config = configOf(serialized);
  const configKeys = Object.keys(config);
  const nameKey = Object.hasOwn(serialized, 'class_name') ? 'class_name' : 'className';
  // Another class's name is an error about the config keys that class does not read, or their values.
  const classNames = ['className', 'class_name', ...configKeys.flatMap(namesOfKey)];
  const arms: fc.Arbitrary<Mutation>[] = [
    // The serialized initializer is not a plain object.
    fc
      .constantFrom<unknown>(
        null,
        undefined,
        0,
        'Zeros',
        true,
        [],
        [serialized],
        new Date(0),
        new Map(),
        3n,
        Symbol('x'),
      )
      .map((value) => ({ serialized: value, names: ['serialized', 'identifier', 'className'] })),
    fc.constant({ serialized: new (class Serialized {})(), names: ['serialized', 'identifier'] }),
    // No class name, or a wrong one.
    fc.constant({ serialized: { config }, names: ['className', 'class_name'] }),
    wildValue.map((value) => ({ serialized: { ...serialized, [nameKey]: value }, names: classNames })),
    fc
      .constantFrom(
        'Zero',
        'glorotUniform',
        'LeCunNormal',
        'he_normal',
        'GlorotUniform',
        'Initializer',
        'toString',
        '__proto__',
        'constructor',
        '',
      )
      .map((name) => ({ serialized: { ...serialized, [nameKey]: name }, names: classNames })),
    // Both spellings of the class name, naming different classes.
    fc
      .constantFrom('Ones', 'Zeros', 'Identity')
      .filter((other) => other !== serialized[nameKey])
      .map((other) => ({
        serialized: { ...serialized, [nameKey === 'className' ? 'class_name' : 'className']: other },
        names: classNames,
      })),
    // An unknown top-level key.
    fc
      .tuple(unknownKey(['className', 'class_name', 'config', 'module', 'registered_name']), wildValue)
      .map(([key, value]) => ({
        serialized: withDescriptor(serialized, key, { value, writable: true }),
        names: [key],
      })),
    // config is not a plain object.
    fc
      .constantFrom<unknown>(0, 'x', true, [], [config], new Date(0), new Map(), () => config, Symbol('config'))
      .map((value) => ({ serialized: withConfig(serialized, value), names: ['config'] })),
    fc.constant({ serialized: withConfig(serialized, new (class Config {})()), names: ['config'] }),
    // An unknown config key (a misspelling of a known one, or anything).
    fc
      .tuple(unknownKey(configKeys.length > 0 ? configKeys : ['seed']), wildValue)
      .filter(([key]) => !configKeys.includes(camelCase(key)) && !configKeys.includes(snakeCase(key)))
      .map(([key, value]) => ({
        serialized: withConfig(serialized, withDescriptor(config, key, { value, writable: true })),
        names: [...namesOfKey(key), 'config'],
      })),
    // A getter where a value belongs, on the object or in its config: data only, never run.
    fc.constant({
      serialized: withDescriptor(serialized, nameKey, { get: () => serialized[nameKey] }),
      names: [nameKey, 'className'],
    }),
    // A symbol key.
    fc.constant({
      serialized: withConfig(serialized, Object.assign({ ...config }, { [Symbol('k')]: 1 })),
      names: ['symbol', 'config'],
    }),
    // A forbidden key, as JSON.parse makes it.
    fc.constant({
      serialized: withConfig(
        serialized,
        JSON.parse(`{"__proto__": {"polluted": 1}, ${JSON.stringify(config).slice(1)}`.replace(', }', '}')),
      ),
      names: ['__proto__', 'config'],
    }),
  ];
  if (configKeys.length > 0) {
    const key = fc.constantFrom(...configKeys);
    arms.push(
      // A wild value for a config key.
      fc
        .tuple(key, wildValue)
        .map(([k, value]) => ({ serialized: withConfig(serialized, { ...config, [k]: value }), names: namesOfKey(k) })),
      // A getter in the config.
      key.map((k) => ({
        serialized: withConfig(serialized, withDescriptor(config, k, { get: () => config[k] })),
        names: namesOfKey(k),
      })),
      // A missing config key: fine for every key with a default.
      key.map((k) => {
        const { [k]: _dropped, ...rest } = config;
        return { serialized: withConfig(serialized, rest), names: namesOfKey(k) };
      }),
    );
  }
  const twoSpellings = configKeys.filter((k) => camelCase(k) !== snakeCase(camelCase(k)));
  if (twoSpellings.length > 0) {
    arms.push(
      // The same key twice: once in snake_case, once in camelCase, with different values.
      fc.constantFrom(...twoSpellings).chain((k) =>
        wildValue.map((value) => {
          const other = camelCase(k) === k ? snakeCase(k) : camelCase(k);
          return {
            serialized: withConfig(serialized, { ...config, [other]: value }),
            names: [...namesOfKey(k), other],
          };
        }),
      ),
    );
  }
  return fc.oneof(...arms);
}

/** Whether a value is JSON data exactly: plain objects and arrays of finite numbers, strings, booleans and null. */
export function isJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== Array.prototype) return false;
  if (Object.getOwnPropertySymbols(value).length > 0) return false;
  return Object.entries(Object.getOwnPropertyDescriptors(value)).every(
    ([key, descriptor]) =>
      key !== '__proto__' && 'value' in descriptor && (key === 'length' || isJson(descriptor.value)),
  );
}

/** The serialized object, as data of another realm, or behind a Proxy that only reads: both read as the plain one. */
export function dressed(serialized: unknown, how: 'plain' | 'otherRealm' | 'proxy' | 'frozen'): unknown {
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  // Only data that JSON holds exactly can be rebuilt in another realm from its text.
  if (how === 'otherRealm' && isJson(serialized)) return runInNewContext(`(${JSON.stringify(serialized)})`);
  if (how === 'proxy') return new Proxy(serialized, {});
  if (how === 'frozen') return Object.freeze(serialized);
  return serialized;
}

/**
 * The serialized objects to make wrong: our own configs of built-in classes, readable in every
 * dialect (the options of a case come from another valid draw, which may name any dialect).
 */
export function anyDialect(serialized: Record<string, unknown>): Record<string, unknown> {
  const config = configOf(serialized);
  // TensorFlow.js has no untruncated normal.
  return config.distribution === 'untruncated_normal'
    ? withConfig(serialized, { ...config, distribution: 'uniform' })
    : serialized;
}

const FLOAT_DTYPES = new Set(['float32', 'float64', 'float16', 'bfloat16']);

/** Applies `initializer` to its probe shape: finite values where the dtype is a float. */
export function works(
  initializer: Initializer,
  probe: readonly number[],
): Float32Array | Float64Array | ArrayLike<number> {
  const tensor = initializer.apply([...probe]);
  expect(tensor.shape).toEqual(probe);
  if (FLOAT_DTYPES.has(tensor.dtype) && (tensor.dtype === 'float32' || tensor.dtype === 'float64')) {
    for (const value of tensor.data as Float32Array) expect(Number.isFinite(value), `value ${value}`).toBe(true);
  }
  return tensor.data;
}

/**
 * The message check of entries that read configs: `<start>: ` and one of the names, as a word or a
 * quoted key (see the kit's namesArgument), or, for a key that is not an identifier, as written
 * inside a path (`the serialized initializer.a-b must …`).
 */
export function configMessageCheck(start: RegExp): (message: string, names: readonly string[]) => boolean {
  return (message, names) =>
    namesArgument(message, start, names) ||
    (new RegExp(`^(?:${start.source}): `).test(message) &&
      names.some((name) => !/^[A-Za-z_$][\w$]*$/.test(name) && message.includes(name)));
}
