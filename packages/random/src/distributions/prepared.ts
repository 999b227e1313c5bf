/**
 * The public face of a prepared sampler (kernels/sampler.ts): `prepareUniform`, `prepareNormal`,
 * `prepareTruncatedNormal` and `prepareUniformInt` check their options and derive everything once;
 * the sampler's `fill` and `fillRuns` then check only what each call adds (the array and the runs).
 */

import { InitRangeError, InitTypeError, argumentMessage } from '../errors.js';
import { requireKeyWords } from '../keys.js';
import type { RunFiller, SamplerOutput } from '../kernels/sampler.js';
import { optionsRecord, resolveFloatFormat, resolveOffset } from './arguments.js';
import type { FillDType, FloatArray } from './arguments.js';
import { outputKind } from '../rules.js';

/** The largest flat index + 1 of a tensor: 2^53. */
const INDEX_LIMIT = 9007199254740992;

/**
 * A distribution with its parameters, dtype and key fixed, ready to fill any part of the tensor:
 * `fill(out, offset)` equals the matching `fillX(out, key, { ...options, offset })`, and
 * `fillRuns(out, runs)` fills many runs of one shard in one call, which is what makes a column or
 * block shard (thousands of short runs) cost about what a row shard of the same size does.
 */
export class PreparedSampler<T extends SamplerOutput> {
  /** @internal Use prepareUniform, prepareNormal, prepareTruncatedNormal or prepareUniformInt. */
  constructor(
    private readonly where: string,
    /** The element type this sampler writes. */
    readonly dtype: string,
    private readonly sampler: RunFiller,
    /** The typed-array kinds `out` may be. */
    private readonly kinds: readonly string[],
  ) {}

  private checkOut(out: unknown): void {
    const kind = outputKind(this.where, 'out', out);
    if (kind === undefined || !this.kinds.includes(kind)) {
      throw new InitTypeError(
        argumentMessage(this.where, 'out', `be a ${this.kinds.join(' or a ')} for dtype ${this.dtype}`, out),
        'ERR_INIT_INVALID_DTYPE',
      );
    }
  }

  /**
   * Fills `out` with elements `[offset, offset + out.length)` of the tensor.
   * @throws InitTypeError if out does not hold this dtype; InitRangeError if offset is invalid.
   */
  fill(out: T, offset = 0): T {
    this.checkOut(out);
    const checked = resolveOffset(this.where, offset, out.length);
    return out.length === 0 ? out : this.sampler.fill(out, checked);
  }

  /**
   * Fills several runs of `out` in one call. `runs` holds triples `localStart, fullStart, length`:
   * `out[localStart + i]` becomes element `fullStart + i` of the tensor, for i < length.
   * @throws InitTypeError if out does not hold this dtype; InitRangeError if a run does not fit out
   *   or the tensor's 2^53 elements.
   */
  fillRuns(out: T, runs: ArrayLike<number>): T {
    this.checkOut(out);
    if (typeof runs !== 'object' || runs === null || typeof runs.length !== 'number' || runs.length % 3 !== 0) {
      throw new InitTypeError(
        argumentMessage(this.where, 'runs', 'be an array of (localStart, fullStart, length) triples', runs),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    for (let i = 0; i < runs.length; i += 3) {
      const [local, full, length] = [runs[i], runs[i + 1], runs[i + 2]];
      const valid =
        Number.isSafeInteger(local) &&
        Number.isSafeInteger(full) &&
        Number.isSafeInteger(length) &&
        local! >= 0 &&
        full! >= 0 &&
        length! >= 0 &&
        local! + length! <= out.length &&
        full! <= INDEX_LIMIT - length!;
      if (!valid) {
        throw new InitRangeError(
          argumentMessage(
            this.where,
            `runs[${i}..${i + 2}]`,
            'be non-negative integers (localStart, fullStart, length) inside out and inside 2^53 elements',
            [local, full, length],
          ),
          'ERR_INIT_INVALID_PARTITION',
        );
      }
    }
    return this.sampler.fillRuns(out, runs);
  }
}

/** The options record of a prepare function: `offset` belongs to each fill, not to the sampler. */
export function preparedRecord(where: string, options: unknown, known: readonly string[]): Record<string, unknown> {
  const record: Record<string, unknown> = optionsRecord(where, options, known);
  if (record.offset !== undefined) {
    throw new InitTypeError(
      argumentMessage(where, 'offset', 'be given to fill(out, offset), not to the prepared sampler', record.offset),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  return record;
}

/** The typed arrays that hold each float dtype. */
export const FLOAT_KINDS: Readonly<Record<string, readonly string[]>> = {
  float32: ['Float32Array'],
  float64: ['Float64Array'],
  float16: ['Uint16Array'],
  bfloat16: ['Uint16Array'],
};

/** A prepared float sampler's dtype: one of the four float formats, default 'float32'. */
export function resolvePreparedFloat(where: string, dtype: unknown): 'float32' | 'float64' | 'float16' | 'bfloat16' {
  if (dtype === undefined) return 'float32';
  if (dtype === 'float32' || dtype === 'float64' || dtype === 'float16' || dtype === 'bfloat16') return dtype;
  throw new InitTypeError(
    argumentMessage(where, 'dtype', "be one of 'float32', 'float64', 'float16', 'bfloat16'", dtype),
    'ERR_INIT_INVALID_DTYPE',
  );
}

/**
 * Builds a float distribution's sampler from the checked key words, the options record and the
 * format: the part of a fill that its fillX and prepareX functions share.
 */
export type FloatSamplerBuilder = (
  where: string,
  words: readonly [number, number],
  record: Record<string, unknown>,
  format: FillDType,
) => RunFiller;

/**
 * The body of a float fill function (fillUniform, fillNormal, fillTruncatedNormal): options, key,
 * dtype against `out` and offset checked in that order, then the sampler fills `out`.
 */
export function fillFloat<T extends FloatArray>(
  where: string,
  out: T,
  key: unknown,
  options: unknown,
  known: readonly string[],
  build: FloatSamplerBuilder,
): T {
  const record = optionsRecord(where, options, known);
  const words = requireKeyWords(where, key);
  const format = resolveFloatFormat(where, out, record.dtype);
  const offset = resolveOffset(where, record.offset, out.length);
  const sampler = build(where, words, record, format);
  return out.length === 0 ? out : sampler.fill(out, offset);
}

/**
 * The body of a float prepare function (prepareUniform, prepareNormal, prepareTruncatedNormal):
 * options (without offset), key and dtype checked, then the sampler built once.
 */
export function prepareFloat(
  where: string,
  key: unknown,
  options: unknown,
  known: readonly string[],
  build: FloatSamplerBuilder,
): PreparedSampler<FloatArray> {
  const record = preparedRecord(where, options, known);
  const words = requireKeyWords(where, key);
  const format = resolvePreparedFloat(where, record.dtype);
  return new PreparedSampler(where, format, build(where, words, record, format), FLOAT_KINDS[format]!);
}
