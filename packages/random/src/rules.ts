/**
 * The argument rules of @init: every public entry of every package checks what a caller hands it
 * with these functions, so a rule has one implementation and one wording
 * (`<Class>: <option> must <rule>. Received: <value>.`). @init/core re-exports them for its
 * classes, @init/presets and authors of their own initializers.
 *
 * How an entry declares and checks its options:
 *
 * ```ts
 * const OPTIONS = ['mean', 'stddev', 'seed'] as const;
 * constructor(raw: MyOptions = {}) {
 *   const options = readOptions('MyInit', raw, OPTIONS);          // plain object or undefined, known keys only
 *   this.mean = finiteNumber('MyInit', 'mean', options.mean, 0);  // the default applies to undefined only
 *   this.stddev = nonNegativeNumber('MyInit', 'stddev', options.stddev, 1);
 * }
 * ```
 *
 * `readOptions` refuses anything but a plain object (of any realm, or with a null prototype) or
 * undefined, refuses an unknown key with the closest known name suggested, and copies each given
 * value once: a getter runs once and a Proxy is read once, so the value checked is the value used.
 * A default replaces `undefined` only: `null` where the type says number is an error, never "the
 * default".
 */

import {
  isDetached as isDetachedView,
  isPlainObject as isPlainObjectValue,
  optionPath,
  typedArrayKind as typedArrayKindOf,
} from '@init/internal';
import { closestNames } from './edit-distance.js';
import { InitRangeError, InitTypeError, argumentMessage } from './errors.js';

/** An options record as read by {@link readOptions}: only known keys, each read once. */
export type OptionValues<K extends string> = { readonly [P in K]?: unknown };

/**
 * True for a plain object: `{ … }` or `Object.create(null)`, from this realm or another (an
 * iframe, a `vm` context). Class instances, arrays, functions, typed arrays and boxed primitives
 * are not plain.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isPlainObjectValue(value);
}

/**
 * Reads an options argument: `undefined` (no options) or a plain object whose own enumerable keys
 * are all in `known` (`advice` is added to the message for an unknown one). Returns a null-prototype copy of the given values, each read exactly once.
 * @throws InitTypeError (ERR_INIT_INVALID_ARGUMENT) for null, a primitive, an array or a class
 *   instance, or an unknown key (the message suggests the closest known name).
 */
export function readOptions<K extends string>(
  where: string,
  options: unknown,
  known: readonly K[],
  advice = '',
): OptionValues<K> {
  const copy = Object.create(null) as Record<string, unknown>;
  if (options === undefined) return copy as OptionValues<K>;
  if (!isPlainObject(options)) {
    throw new InitTypeError(
      argumentMessage(where, 'options', `be a plain object such as { ${known[0] ?? 'seed'}: … } or undefined`, options),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  for (const key of Object.keys(options)) {
    if (!(known as readonly string[]).includes(key)) {
      const value: unknown = options[key];
      const suggestions = closestNames(key, known, 1);
      const hint = suggestions.length > 0 ? ` (did you mean ${suggestions[0]}?)` : '';
      const list = known.length > 0 ? `; ${where} takes ${known.join(', ')}` : `; ${where} takes no options`;
      throw new InitTypeError(
        argumentMessage(where, optionPath(key), `be a known option${hint}${list}${advice}`, value),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    copy[key] = options[key];
  }
  return copy as OptionValues<K>;
}

/**
 * The error for an argument that breaks a numeric rule: InitRangeError when it is a number (NaN
 * included), InitTypeError when it is not a number at all, with the message
 * `<where>: <argument> must <requirement>. Received: <value>.` The one place that chooses between
 * the two classes for every number rule, the ones here and those a class states itself.
 */
export function numberError(
  where: string,
  argument: string,
  requirement: string,
  value: unknown,
): InitRangeError | InitTypeError {
  const message = argumentMessage(where, argument, requirement, value);
  return typeof value === 'number'
    ? new InitRangeError(message, 'ERR_INIT_INVALID_ARGUMENT')
    : new InitTypeError(message, 'ERR_INIT_INVALID_ARGUMENT');
}

/**
 * A finite number; `fallback` when `value` is undefined and a fallback is given.
 * @throws InitTypeError for a non-number (null included), InitRangeError for NaN or ±Infinity.
 */
export function finiteNumber(where: string, argument: string, value: unknown, fallback?: number): number {
  const checked = value === undefined ? fallback : value;
  if (typeof checked === 'number' && Number.isFinite(checked)) return checked;
  throw numberError(where, argument, 'be a finite number', value);
}

/** A finite number > 0, as {@link finiteNumber}. */
export function positiveNumber(where: string, argument: string, value: unknown, fallback?: number): number {
  const checked = value === undefined ? fallback : value;
  if (typeof checked === 'number' && Number.isFinite(checked) && checked > 0) return checked;
  throw numberError(where, argument, 'be a positive finite number', value);
}

/** A finite number ≥ 0, as {@link finiteNumber}. */
export function nonNegativeNumber(where: string, argument: string, value: unknown, fallback?: number): number {
  const checked = value === undefined ? fallback : value;
  if (typeof checked === 'number' && Number.isFinite(checked) && checked >= 0) return checked;
  throw numberError(where, argument, 'be a non-negative finite number', value);
}

/** A boolean; `fallback` when `value` is undefined. */
export function booleanValue(where: string, argument: string, value: unknown, fallback: boolean): boolean {
  const checked = value === undefined ? fallback : value;
  if (typeof checked === 'boolean') return checked;
  throw new InitTypeError(argumentMessage(where, argument, 'be true or false', value), 'ERR_INIT_INVALID_ARGUMENT');
}

/**
 * One of a fixed list of names (`fallback` when `value` is undefined); the message lists them and
 * suggests the closest one.
 * @throws InitTypeError (ERR_INIT_UNKNOWN_IDENTIFIER).
 */
export function oneOf<T extends string>(
  where: string,
  argument: string,
  value: unknown,
  allowed: readonly T[],
  fallback?: T,
): T {
  const checked = value === undefined ? fallback : value;
  if (typeof checked === 'string' && (allowed as readonly string[]).includes(checked)) return checked as T;
  const suggestion = typeof value === 'string' ? closestNames(value, allowed, 1)[0] : undefined;
  const hint = suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
  throw new InitTypeError(
    argumentMessage(where, argument, `be one of ${allowed.map((name) => `'${name}'`).join(', ')}${hint}`, value),
    'ERR_INIT_UNKNOWN_IDENTIFIER',
  );
}

/**
 * The constructor name of a typed array (`'Float32Array'`, …), or undefined for anything else.
 * Read through the %TypedArray%.prototype[Symbol.toStringTag] getter, which a plain object cannot
 * spoof and which works across realms (an array from an iframe or a `vm` context, where
 * `instanceof Float32Array` is false). The one typed-array test of every package here.
 */
export function typedArrayKind(value: unknown): string | undefined {
  return typedArrayKindOf(value);
}

/**
 * True when a typed array's buffer has been detached (transferred to a worker, or by
 * `structuredClone(…, { transfer })`): it then reads as length 0 and writing to it does nothing.
 */
export function isDetached(view: ArrayBufferView): boolean {
  return isDetachedView(view);
}

/**
 * Checks an output buffer is a typed array whose buffer is not detached, and returns its kind.
 * Any realm, a SharedArrayBuffer and a subarray at an offset are all accepted alike.
 * @throws InitTypeError (ERR_INIT_INVALID_ARGUMENT) for a detached buffer; undefined is returned
 *   for a value that is not a typed array, for the caller to word its own type error.
 */
export function outputKind(where: string, argument: string, out: unknown): string | undefined {
  const kind = typedArrayKind(out);
  if (kind !== undefined && isDetached(out as ArrayBufferView)) {
    throw new InitTypeError(
      `${where}: ${argument} must not be detached (its buffer was transferred). Received: a detached ${kind}.`,
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  return kind;
}

/** Formats a list of names for a message: `'a', 'b', 'c'`. */
export function quotedList(names: readonly string[]): string {
  return names.map((name) => `'${name}'`).join(', ');
}
