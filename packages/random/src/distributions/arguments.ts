/**
 * Argument checks shared by the fill functions. Each returns the checked value or throws an
 * InitTypeError / InitRangeError in the project's message form.
 */

import { InitRangeError, InitTypeError, argumentMessage } from '../errors.js';
import { roundToFormat, type FloatFormat } from '../math/float-bits.js';
import { finiteNumber, nonNegativeNumber, outputKind, readOptions, type OptionValues } from '../rules.js';

export { typedArrayKind } from '../rules.js';

/** The typed arrays the float fills write. float16 and bfloat16 values are stored as raw bits. */
export type FloatArray = Float32Array | Float64Array | Uint16Array;

/** The element types the float fills produce; float16/bfloat16 need a Uint16Array. */
export type FillDType = 'float32' | 'float64' | 'float16' | 'bfloat16';

const FILL_DTYPES: readonly string[] = ['float32', 'float64', 'float16', 'bfloat16'];

/** Checks out/dtype of a float fill and returns the format to write. */
export function resolveFloatFormat(where: string, out: unknown, dtype: unknown): FillDType {
  if (dtype !== undefined && (typeof dtype !== 'string' || !FILL_DTYPES.includes(dtype))) {
    throw new InitTypeError(
      argumentMessage(where, 'dtype', "be one of 'float32', 'float64', 'float16', 'bfloat16'", dtype),
      'ERR_INIT_INVALID_DTYPE',
    );
  }
  const kind = outputKind(where, 'out', out);
  const expected =
    kind === 'Float32Array'
      ? ['float32']
      : kind === 'Float64Array'
        ? ['float64']
        : kind === 'Uint16Array'
          ? ['float16', 'bfloat16']
          : undefined;
  if (expected === undefined) {
    throw new InitTypeError(
      argumentMessage(
        where,
        'out',
        'be a Float32Array, a Float64Array, or a Uint16Array with dtype float16 or bfloat16',
        out,
      ),
      'ERR_INIT_INVALID_DTYPE',
    );
  }
  if (dtype === undefined) {
    if (kind === 'Uint16Array') {
      throw new InitTypeError(
        argumentMessage(where, 'dtype', "be 'float16' or 'bfloat16' when out is a Uint16Array", dtype),
        'ERR_INIT_INVALID_DTYPE',
      );
    }
    return expected[0] as FillDType;
  }
  if (!expected.includes(dtype as string)) {
    throw new InitTypeError(
      argumentMessage(where, 'dtype', `fit out (a ${kind}, which holds ${expected.join(' or ')})`, dtype),
      'ERR_INIT_INVALID_DTYPE',
    );
  }
  return dtype as FillDType;
}

/** Checks `offset` (default 0): a non-negative safe integer with offset + length ≤ 2^53. */
export function resolveOffset(where: string, offset: unknown, length: number): number {
  if (offset === undefined) return 0;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0 || offset > 9007199254740992 - length) {
    throw new InitRangeError(
      argumentMessage(where, 'offset', 'be a non-negative safe integer with offset + out.length ≤ 2^53', offset),
      'ERR_INIT_INVALID_PARTITION',
    );
  }
  return offset;
}

/** Checks an optional finite number, returning the default when it is undefined. */
export function resolveFinite(where: string, name: string, value: unknown, fallback: number): number {
  return finiteNumber(where, name, value, fallback);
}

/**
 * The rule for a parameter the samples are built from (a mean, a bound): it must round to a finite
 * value of the output format (or of the format an engine computes in, with `why` saying so).
 * `argument` is the name the caller wrote.
 * @throws InitRangeError (ERR_INIT_INVALID_ARGUMENT).
 */
export function requireFiniteIn(
  where: string,
  argument: string,
  value: number,
  format: FloatFormat,
  why?: string,
): void {
  if (!Number.isFinite(roundToFormat(value, format))) {
    const rule = `be within the finite range of ${format}${why === undefined ? '' : ` (${why})`}`;
    throw new InitRangeError(argumentMessage(where, argument, rule, value), 'ERR_INIT_INVALID_ARGUMENT');
  }
}

/** Checks stddev: finite and ≥ 0 (default 1). */
export function resolveStddev(where: string, value: unknown): number {
  return nonNegativeNumber(where, 'stddev', value, 1);
}

/** Checks that low < high and that high − low is finite. */
export function requireInterval(
  where: string,
  low: number,
  high: number,
  names: readonly [string, string] = ['low', 'high'],
): void {
  if (!(low < high)) {
    throw new InitRangeError(
      argumentMessage(where, names[0], `be less than ${names[1]} (${high})`, low),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (!Number.isFinite(high - low)) {
    throw new InitRangeError(
      argumentMessage(where, `${names[1]} - ${names[0]}`, 'be finite', high - low),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
}

/** Reads a fill function's options: a plain object or undefined, with only the keys it knows. */
export function optionsRecord<K extends string>(where: string, options: unknown, known: readonly K[]): OptionValues<K> {
  return readOptions(where, options, known);
}
