/**
 * Argument checks shared by `qr`, `svd` and `orthogonalize`.
 *
 * @init/linalg sits beside @init/random in the dependency graph and must not import it, so it
 * cannot use the project's InitRangeError/InitTypeError. It throws the standard RangeError and
 * TypeError instead, with messages in the same form
 * (`<where>: <argument> must <requirement>. Received: <value>.`); @init/core validates its own
 * arguments before it calls in here, so its users still see the coded errors.
 */

/**
 * A row-major matrix as the functions of this package accept it: a Float64Array, a Float32Array
 * (widened to float64 on the way in) or a plain array of numbers.
 */
export type MatrixInput = Float64Array | Float32Array | readonly number[];

/**
 * Formats a received value for an error message without calling user code (no toString, no
 * getters). The same text as @init/random's `describeValue`, character for character: this package
 * may not depend on @init/random, so the wording is shared by a test (tooling/package-checks'
 * wording test) instead of by code.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'string':
      return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      break;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    const shown = value.slice(0, 8).map((item) => (Array.isArray(item) ? '[...]' : describeValue(item)));
    return `[${shown.join(', ')}${value.length > 8 ? ', ...' : ''}]`;
  }
  if (ArrayBuffer.isView(value)) {
    const kind = Object.prototype.toString.call(value).slice(8, -1);
    // 'an Int32Array', 'a Uint8Array' (said "you"), 'a Float32Array'.
    return `${/^[AEIO]/.test(kind) ? 'an' : 'a'} ${kind} of length ${(value as unknown as ArrayLike<unknown>).length ?? value.byteLength}`;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return 'an object';
  const constructorName = Object.prototype.toString.call(value).slice(8, -1);
  return `an object of type ${constructorName}`;
}

/** `<where>: <argument> must <requirement>. Received: <value>.` (as @init/random's argumentMessage). */
export function argumentMessage(where: string, argument: string, requirement: string, received: unknown): string {
  return `${where}: ${argument} must ${requirement}. Received: ${describeValue(received)}.`;
}

/**
 * True for a plain object of any realm or with a null prototype (as @init/random's isPlainObject).
 */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === null) return true;
  return Object.getPrototypeOf(prototype) === null && Object.prototype.toString.call(value) === '[object Object]';
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `name`, or `options["odd key"]` for a key that is not an identifier (as @init/random words it). */
function optionPath(key: string): string {
  const shown = key.length > 60 ? `${key.slice(0, 57)}...` : key;
  return IDENTIFIER.test(key) ? shown : `options[${JSON.stringify(shown)}]`;
}

/**
 * Reads an options argument as @init/random's `readOptions` does, with the same wording: undefined
 * or a plain object with only known keys, each value read once into a copy.
 * @throws TypeError for anything else or an unknown key.
 */
export function readOptions<K extends string>(
  where: string,
  options: unknown,
  known: readonly K[],
): { readonly [P in K]?: unknown } {
  const copy = Object.create(null) as Record<string, unknown>;
  if (options === undefined) return copy as { readonly [P in K]?: unknown };
  if (!isPlainObject(options)) {
    throw new TypeError(
      argumentMessage(
        where,
        'options',
        `be a plain object such as { ${known[0] ?? 'method'}: … } or undefined`,
        options,
      ),
    );
  }
  for (const key of Object.keys(options)) {
    if (!(known as readonly string[]).includes(key)) {
      throw new TypeError(
        argumentMessage(where, optionPath(key), `be a known option; ${where} takes ${known.join(', ')}`, options[key]),
      );
    }
    copy[key] = options[key];
  }
  return copy as { readonly [P in K]?: unknown };
}

/** Throws unless `value` is a non-negative safe integer (a matrix dimension). */
export function checkDimension(where: string, argument: string, value: unknown): asserts value is number {
  if (typeof value !== 'number') {
    throw new TypeError(argumentMessage(where, argument, 'be a non-negative safe integer', value));
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(argumentMessage(where, argument, 'be a non-negative safe integer', value));
  }
}

/**
 * Checks `a` against `rows × cols` and returns the largest absolute value in it.
 *
 * Every element must be a finite number: Householder reflections and ml-matrix's SVD would turn a
 * single NaN or Infinity into a matrix full of NaN (and the SVD's iteration may never stop), and
 * the project's rule is that bad input throws instead.
 */
/**
 * 'Float64Array' or 'Float32Array' for such an array from any realm (an iframe, a vm context), read
 * through the %TypedArray%.prototype[Symbol.toStringTag] getter, which a plain object cannot spoof;
 * undefined for anything else. (`instanceof` would refuse another realm's arrays.)
 */
function floatArrayKind(value: unknown): 'Float64Array' | 'Float32Array' | undefined {
  if (!ArrayBuffer.isView(value)) return undefined;
  const tag = Object.getOwnPropertyDescriptor(typedArrayPrototype, Symbol.toStringTag)?.get?.call(value) as unknown;
  return tag === 'Float64Array' || tag === 'Float32Array' ? tag : undefined;
}

const typedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;

/** True when a typed array's buffer was detached (as @init/random's isDetached). */
function isDetached(view: ArrayBufferView): boolean {
  if (view.byteLength !== 0) return false;
  const buffer = (
    Object.getOwnPropertyDescriptor(typedArrayPrototype, 'buffer')!.get as (this: unknown) => ArrayBufferLike
  ).call(view);
  if (buffer.byteLength !== 0) return false;
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

export function checkMatrix(where: string, a: unknown, rows: unknown, cols: unknown): number {
  checkDimension(where, 'rows', rows);
  checkDimension(where, 'cols', cols);
  const kind = floatArrayKind(a);
  if (kind === undefined && !Array.isArray(a)) {
    throw new TypeError(argumentMessage(where, 'a', 'be a Float64Array, a Float32Array or an array of numbers', a));
  }
  if (kind !== undefined && isDetached(a as ArrayBufferView)) {
    throw new TypeError(`${where}: a must not be detached (its buffer was transferred). Received: a detached ${kind}.`);
  }
  const values = a as ArrayLike<unknown>;
  const expected = rows * cols;
  if (values.length !== expected) {
    throw new RangeError(argumentMessage(where, 'a', `have rows × cols = ${rows} × ${cols} = ${expected} elements`, a));
  }
  let maxAbs = 0;
  for (let index = 0; index < expected; index++) {
    const value: unknown = values[index];
    // Number.isFinite is false for non-numbers too, so holes and strings in plain arrays land here.
    if (!Number.isFinite(value)) {
      throw new RangeError(argumentMessage(where, `a[${index}]`, 'be a finite number', value));
    }
    const magnitude = Math.abs(value as number);
    if (magnitude > maxAbs) maxAbs = magnitude;
  }
  return maxAbs;
}

/**
 * A power of two that brings `maxAbs` into [2^-128, 2^128], or 1 when it already lies there (or
 * is 0).
 *
 * Multiplying by a power of two is exact, and Householder QR commutes with it exactly, so scaling
 * an extreme input first changes nothing but the chance of overflow (a column norm of entries near
 * 1e308) or of squares underflowing to zero (entries near 1e-200). The factor is built by repeated
 * multiplication, not Math.log2, whose last bit may differ between JavaScript engines.
 */
export function rangeScale(maxAbs: number): number {
  const high = 2 ** 128;
  const low = 2 ** -128;
  let scale = 1;
  if (maxAbs > high) {
    while (maxAbs * scale > high) scale *= 2 ** -64;
  } else if (maxAbs > 0 && maxAbs < low) {
    // Steps of 2^64 reach the smallest subnormal, 2^-1074, at scale 2^960, below the overflow
    // threshold 2^1024.
    while (maxAbs * scale < low) scale *= 2 ** 64;
  }
  return scale;
}

/**
 * Throws when un-scaling a factor overflowed: the factorization itself runs scaled, but a column
 * norm (an entry of R, a singular value) above the largest double cannot be returned.
 */
export function checkFinite(where: string, factor: string, values: Float64Array): void {
  for (let index = 0; index < values.length; index++) {
    if (!Number.isFinite(values[index]!)) {
      throw new RangeError(
        `${where}: ${factor} must be finite, but a column norm of a exceeds the largest double (about 1.8e308); scale a down first. Received: ${values[index]} at index ${index}.`,
      );
    }
  }
}
