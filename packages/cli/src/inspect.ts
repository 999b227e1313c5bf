// `init-weights inspect FILE`: each tensor's name, shape, dtype and moments, read in slices.
import { decode, forEachSlice, readHeader } from './read.js';

export interface TensorStats {
  readonly file: string;
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly count: number;
  /** NaN for an empty tensor. */
  readonly mean: number;
  /** The population standard deviation (NumPy's `std()`, ddof = 0). */
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

/**
 * The statistics of every tensor of a safetensors file, in the header's order. Slices are merged
 * with Chan et al.'s pairwise update (each slice's mean and sum of squared deviations computed in
 * two passes), so the moments stay accurate over 10⁸ elements.
 */
export function inspectFile(path: string): TensorStats[] {
  const header = readHeader(path);
  return header.tensors.map((tensor) => {
    let count = 0;
    let mean = 0;
    let m2 = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    forEachSlice(path, header, tensor, (bytes) => {
      const values = decode(tensor.dtype, bytes);
      const n = values.length;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const value = values[i] as number;
        sum += value;
        if (value < min) min = value;
        if (value > max) max = value;
      }
      const sliceMean = sum / n;
      let sliceM2 = 0;
      for (let i = 0; i < n; i++) {
        const deviation = (values[i] as number) - sliceMean;
        sliceM2 += deviation * deviation;
      }
      const total = count + n;
      const delta = sliceMean - mean;
      mean += (delta * n) / total;
      m2 += sliceM2 + (delta * delta * count * n) / total;
      count = total;
    });
    const empty = count === 0;
    return {
      file: path,
      name: tensor.name,
      shape: tensor.shape,
      dtype: tensor.dtype,
      count,
      mean: empty ? Number.NaN : mean,
      std: empty ? Number.NaN : Math.sqrt(m2 / count),
      min: empty ? Number.NaN : min,
      max: empty ? Number.NaN : max,
    };
  });
}
