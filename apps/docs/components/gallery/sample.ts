// What the gallery measures on a tensor the library returned: its values as numbers (16-bit floats
// decoded from their bits), their moments, a histogram normalized as a density, a checksum of the raw
// bytes, and the Gram matrix of an orthogonal initializer's columns.
import type { Tensor } from '@init/core';
import { bfloat16BitsToNumber, float16BitsToNumber } from '@init/random';

/**
 * The tensor's values as float64 numbers. float16 and bfloat16 tensors hold raw bits in a
 * Uint16Array; plotting those bits would draw integers around 15 000, so they are decoded first.
 */
export function decode(tensor: Tensor): Float64Array {
  const { data, dtype } = tensor;
  const values = new Float64Array(data.length);
  if (dtype === 'float16') for (let i = 0; i < data.length; i++) values[i] = float16BitsToNumber(data[i] as number);
  else if (dtype === 'bfloat16')
    for (let i = 0; i < data.length; i++) values[i] = bfloat16BitsToNumber(data[i] as number);
  else for (let i = 0; i < data.length; i++) values[i] = data[i] as number;
  return values;
}

export interface SampleStats {
  readonly count: number;
  readonly mean: number;
  /** The population standard deviation (divided by n), the plug-in estimate of σ. */
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

export function sampleStats(values: Float64Array): SampleStats {
  const count = values.length;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const value = values[i] as number;
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const mean = count > 0 ? sum / count : NaN;
  // Two passes: the sum of squared deviations from the mean, not Σx² − n·mean², which cancels badly.
  let squares = 0;
  for (let i = 0; i < count; i++) squares += ((values[i] as number) - mean) ** 2;
  return { count, mean, std: count > 0 ? Math.sqrt(squares / count) : NaN, min, max };
}

export interface Bin {
  readonly x1: number;
  readonly x2: number;
  /** count / (n · width): comparable with a probability density. */
  readonly density: number;
  readonly count: number;
}

/**
 * `binCount` equal bins over [low, high] (values outside are left out), each with its density.
 * The last bin includes `high`.
 */
export function histogram(values: Float64Array, low: number, high: number, binCount: number): Bin[] {
  const width = (high - low) / binCount;
  const counts = new Float64Array(binCount);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!(value >= low && value <= high)) continue;
    const bin = Math.min(binCount - 1, Math.floor((value - low) / width));
    counts[bin] = (counts[bin] as number) + 1;
  }
  const n = values.length;
  return Array.from(counts, (count, i) => ({
    x1: low + i * width,
    x2: low + (i + 1) * width,
    density: n > 0 && width > 0 ? count / (n * width) : 0,
    count,
  }));
}

/** Each distinct value with the fraction of elements equal to it, or undefined past `limit` values. */
export function valueFrequencies(
  values: Float64Array,
  limit: number,
): { value: number; fraction: number }[] | undefined {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    counts.set(value, (counts.get(value) ?? 0) + 1);
    if (counts.size > limit) return undefined;
  }
  return [...counts]
    .map(([value, count]) => ({ value, fraction: count / values.length }))
    .sort((a, b) => a.value - b.value);
}

/**
 * FNV-1a (32-bit) over the tensor's bytes as stored (little-endian on every platform browsers and
 * Node run on): the fingerprint the gallery shows, which `fnv1a(tensor.data)` in Node must match.
 */
export function fnv1a(data: ArrayBufferView): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i] as number;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The Gram matrix of the first `size` columns of a row-major rows × cols matrix (QᵀQ), or of its
 * first `size` rows (QQᵀ) when `byRows`: the identity times gain² for orthonormal columns or rows.
 */
export function gram(values: Float64Array, rows: number, cols: number, size: number, byRows: boolean): Float64Array {
  const result = new Float64Array(size * size);
  for (let a = 0; a < size; a++) {
    for (let b = a; b < size; b++) {
      let dot = 0;
      if (byRows) {
        const rowA = a * cols;
        const rowB = b * cols;
        for (let j = 0; j < cols; j++) dot += (values[rowA + j] as number) * (values[rowB + j] as number);
      } else {
        for (let i = 0; i < rows; i++) dot += (values[i * cols + a] as number) * (values[i * cols + b] as number);
      }
      result[a * size + b] = dot;
      result[b * size + a] = dot;
    }
  }
  return result;
}
