// Test-only helpers (not exported from the package).
import { bfloat16BitsToNumber, float16BitsToNumber } from '@init/random';
import type { DType, Tensor } from '../src/index.js';

/** The slice [varOffset, varOffset + shape) of a row-major tensor, by explicit index arithmetic. */
export function sliceOf(
  data: ArrayLike<number>,
  fullShape: readonly number[],
  varOffset: readonly number[],
  shape: readonly number[],
): number[] {
  const size = shape.reduce((a, b) => a * b, 1);
  const result: number[] = [];
  for (let local = 0; local < size; local++) {
    let rest = local;
    let flat = 0;
    let stride = 1;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      const index = rest % (shape[axis] as number);
      rest = Math.floor(rest / (shape[axis] as number));
      flat += (index + (varOffset[axis] as number)) * stride;
      stride *= fullShape[axis] as number;
    }
    result.push(data[flat] as number);
  }
  return result;
}

/** A tensor's values as numbers: decodes float16/bfloat16 bit patterns. */
export function valuesOf(tensor: Pick<Tensor, 'data' | 'dtype'>): number[] {
  const decode = decoder(tensor.dtype);
  return Array.from(tensor.data as ArrayLike<number>, decode);
}

export function decoder(dtype: DType): (stored: number) => number {
  if (dtype === 'float16') return float16BitsToNumber;
  if (dtype === 'bfloat16') return bfloat16BitsToNumber;
  return (stored) => stored;
}

/** The spacing of representable values near `magnitude` for a dtype (0 for float64 and float32). */
export function resolutionOf(dtype: DType, magnitude: number): number {
  if (dtype === 'float16') return magnitude * 2 ** -10;
  if (dtype === 'bfloat16') return magnitude * 2 ** -7;
  return 0;
}
