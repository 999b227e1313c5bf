/**
 * Argument checks shared by `qr`, `svd` and `orthogonalize`.
 *
 * @init/linalg sits beside @init/random in the dependency graph and must not import it, so it
 * cannot use the project's InitRangeError/InitTypeError. It throws the standard RangeError and
 * TypeError instead, with messages in the same form
 * (`<where>: <argument> must <requirement>. Received: <value>.`), built by the same code: the
 * private @init/internal, which both packages' builds inline. @init/core validates its own
 * arguments before it calls in here, so its users still see the coded errors.
 */

import { argumentMessage, isDetached, isPlainObject, optionPath, typedArrayKind } from '@init/internal';

/**
 * A row-major matrix as the functions of this package accept it: a Float64Array, a Float32Array
 * (widened to float64 on the way in) or a plain array of numbers.
 */
export type MatrixInput = Float64Array | Float32Array | readonly number[];

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

/** 'Float64Array' or 'Float32Array' for such an array from any realm; undefined for anything else. */
function floatArrayKind(value: unknown): 'Float64Array' | 'Float32Array' | undefined {
  const kind = typedArrayKind(value);
  return kind === 'Float64Array' || kind === 'Float32Array' ? kind : undefined;
}

/**
 * Checks `a` against `rows × cols` and returns the largest absolute value in it.
 *
 * Every element must be a finite number: Householder reflections and ml-matrix's SVD would turn a
 * single NaN or Infinity into a matrix full of NaN (and the SVD's iteration may never stop), and
 * the project's rule is that bad input throws instead.
 */
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
