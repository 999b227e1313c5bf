// Test-only helpers (not exported from the package).
import { bfloat16BitsToNumber, float16BitsToNumber } from '@init/random';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { DType, Initializer, Tensor } from '../src/index.js';

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

/** A shard of a tensor: where it starts in the full shape, and its own shape. */
export interface Shard {
  readonly varOffset: readonly number[];
  readonly shape: readonly number[];
}

/**
 * The partition contract: `init` applied to each shard alone (`partitionInfo`) equals that slice of
 * `init` applied to the whole of `fullShape`. `init` must be seeded or deterministic.
 */
export function expectShardsAreSlices(
  init: Initializer,
  fullShape: readonly number[],
  shards: readonly Shard[],
  dtype?: DType,
): void {
  const full = (dtype === undefined ? init.apply([...fullShape]) : init.apply([...fullShape], dtype)).data;
  for (const { varOffset, shape } of shards) {
    const partitionInfo = { fullShape: [...fullShape], varOffset: [...varOffset] };
    const shard =
      dtype === undefined
        ? init.apply([...shape], undefined, partitionInfo)
        : init.apply([...shape], dtype, partitionInfo);
    expect(Array.from(shard.data)).toEqual(sliceOf(full, fullShape, varOffset, shape));
  }
}

/**
 * A full shape (`rank` dims, each in `dims`) and any shard of it: every offset and extent in
 * bounds, empty shards included.
 */
export function shapeAndShard(
  dims: { readonly min: number; readonly max: number },
  rank: { readonly min: number; readonly max: number },
): fc.Arbitrary<{ fullShape: number[]; shard: Shard }> {
  return fc
    .array(fc.integer(dims), { minLength: rank.min, maxLength: rank.max })
    .chain((fullShape) =>
      fc.tuple(
        fc.constant(fullShape),
        fc.tuple(
          ...fullShape.map((dim) =>
            fc
              .integer({ min: 0, max: dim })
              .chain((start) => fc.tuple(fc.constant(start), fc.integer({ min: start, max: dim }))),
          ),
        ),
      ),
    )
    .map(([fullShape, ranges]) => ({
      fullShape,
      shard: { varOffset: ranges.map(([start]) => start), shape: ranges.map(([start, end]) => end - start) },
    }));
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
