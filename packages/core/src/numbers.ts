// Core's own number rules. The general argument rules (readOptions, finiteNumber, oneOf …) are
// defined once, in @init/random (see its rules.ts for how a class declares and checks its options):
// core's classes import them from there, and core's index re-exports them for @init/presets and the
// authors of their own initializers, so there is one implementation and one wording.
import {
  InitRangeError,
  argumentMessage,
  isInitError,
  requireUniformFits,
  requireUniformTfjsFits,
  requireUniformTorchFits,
  type FloatFormat,
} from '@init/random';

/**
 * The uniform rule for bounds a class derives from one of its options (VarianceScaling's `scale`,
 * UniformUnitScaling's `factor`): the error names that option and the value the caller gave, not
 * the derived bounds.
 * @throws InitRangeError (ERR_INIT_INVALID_ARGUMENT).
 */
export function requireDerivedUniformFits(
  where: string,
  argument: string,
  received: unknown,
  low: number,
  high: number,
  format: FloatFormat,
  engine: string,
): void {
  try {
    if (!(low < high)) throw new InitRangeError('empty interval', 'ERR_INIT_INVALID_ARGUMENT');
    if (engine === 'tfjs') requireUniformTfjsFits(where, low, high, format);
    else if (engine === 'torch') requireUniformTorchFits(where, low, high, format as 'float32' | 'float64');
    else requireUniformFits(where, low, high, format);
  } catch (error) {
    if (!isInitError(error)) throw error;
    throw new InitRangeError(
      argumentMessage(
        where,
        argument,
        `give bounds [${low}, ${high}) that are finite in ${format} and hold at least one ${format} value`,
        received,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
}
