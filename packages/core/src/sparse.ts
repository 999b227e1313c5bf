import {
  requireNormalFits,
  fillNormal,
  fillUniform,
  InitRangeError,
  split,
  type Key,
  nonNegativeNumber,
  readOptions,
  numberError,
} from '@init/random';
import type { CallerNames } from './caller.js';
import { assertFloatDType, type DType, type FloatDType, type TypedArray } from './dtype.js';
import type { FillRequest } from './initializer.js';
import { forEachRun } from './partition.js';
import { RandomInitializer, type RandomInitializerOptions } from './random-initializer.js';
import type { SeedConfig } from './seed.js';
import { floatStorer } from './values.js';

/** Options of {@link Sparse}. */
export interface SparseOptions extends Omit<RandomInitializerOptions, 'engine'> {
  /** The fraction of each column set to zero, in [0, 1]; `⌈sparsity · rows⌉` zeros per column. Required. */
  readonly sparsity: number;
  /** The standard deviation of the normal that fills the rest. Default `0.01` (PyTorch's). */
  readonly stddev?: number;
}

const SPARSE_OPTIONS = ['sparsity', 'stddev', 'seed', 'dtype', 'engine'] as const;

/**
 * A sparse 2-D matrix, as in Martens (2010) and PyTorch's `nn.init.sparse_`: every element drawn
 * from `N(0, stddev²)`, then in each column `⌈sparsity · rows⌉` distinct rows, chosen uniformly at
 * random, set to zero.
 *
 * Counter-based like every seeded initializer here, so shards are exact slices: the call's key is
 * split in two (`split(key, 2)`); the values are the normal stream of the first key at each
 * element's flat index, and column c's zero rows come from the uniform stream of the second key at
 * indices `c·z … c·z + z − 1` (z the zeros per column), which drive Floyd's algorithm for a random
 * z-subset of the rows. A shard computes the zero rows of its own columns only.
 *
 * @see Martens, "Deep learning via Hessian-free optimization", ICML 2010. https://www.cs.toronto.edu/~jmartens/docs/Deep_HessianFree.pdf
 * @example
 * ```ts
 * new Sparse({ sparsity: 0.5, seed: 1 }).apply([4, 3]); // two zeros in each column
 * ```
 * @throws InitRangeError for a sparsity outside [0, 1], a negative or non-finite stddev, or a shape
 *   that is not 2-D; InitTypeError for a missing or non-numeric sparsity, or an int or bool dtype.
 */
export class Sparse extends RandomInitializer {
  static override readonly className: string = 'Sparse';
  /** Its config keys, for `deserialize` (which cannot build a default Sparse to read them: sparsity is required). */
  static readonly requiredConfigKeys: readonly string[] = ['sparsity', 'stddev', 'seed', 'dtype'];
  readonly dtype: FloatDType;
  readonly sparsity: number;
  readonly stddev: number;

  /**
   * @throws InitTypeError for options that are not a plain object, an unknown key, a missing or
   *   non-numeric sparsity or stddev, a bad seed, or an int or bool dtype; InitRangeError for a
   *   sparsity outside [0, 1] or a negative or non-finite stddev.
   * @param caller how the caller wrote it, when a function builds it for them (see `CallerNames`):
   *   `sparse` of `@init/presets` names its `std`.
   */
  constructor(options: SparseOptions, caller?: CallerNames) {
    const read = readOptions((new.target as typeof Sparse).className, options, SPARSE_OPTIONS);
    super(read, ['counter'], caller);
    const where = this.where;
    const sparsity = read.sparsity;
    if (typeof sparsity !== 'number' || !(sparsity >= 0 && sparsity <= 1)) {
      throw numberError(where, 'sparsity', 'be a number in [0, 1] (the fraction of zeros per column)', sparsity);
    }
    this.sparsity = sparsity;
    this.stddev = nonNegativeNumber(where, 'stddev', read.stddev, 0.01);
    this.dtype = assertFloatDType(where, read.dtype === undefined ? 'float32' : read.dtype);
  }

  /** Float dtypes that hold every normal sample (±13.7·stddev), so none is ever ±Infinity. */
  protected override checkDType(dtype: DType): DType {
    const format = super.checkDType(dtype) as FloatDType;
    // In the caller's words when a function built this (sparse's std).
    const stddev = this.argument('stddev', this.stddev);
    requireNormalFits(this.where, 0, this.stddev, format, 'counter', { stddev: stddev.name, received: stddev.value });
    return format;
  }

  getConfig(): { sparsity: number; stddev: number; seed: SeedConfig; dtype: FloatDType } {
    const { seed, dtype } = this.randomConfig();
    return { sparsity: this.sparsity, stddev: this.stddev, seed, dtype };
  }

  /** The number of zeros in each column of a matrix with `rows` rows: `⌈sparsity · rows⌉`, as PyTorch. */
  zerosPerColumn(rows: number): number {
    return Math.min(rows, Math.ceil(this.sparsity * rows));
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const { fullShape, shape, partition } = request;
    if (fullShape.length !== 2) {
      throw new InitRangeError(
        `${this.where}: shape must be 2-D. Received: [${fullShape.join(', ')}].`,
        'ERR_INIT_INVALID_SHAPE',
      );
    }
    if (request.size === 0) return;
    const [valuesKey, zerosKey] = split(this.callKey(), 2) as [Key, Key];
    const dtype = request.dtype as FloatDType;
    const stddev = this.stddev;
    forEachRun(shape, partition, (localStart, fullStart, length) => {
      fillNormal(out.subarray(localStart, localStart + length) as Float32Array, valuesKey, {
        stddev,
        offset: fullStart,
        dtype,
      });
    });
    const rows = fullShape[0] as number;
    const zeros = this.zerosPerColumn(rows);
    if (zeros === 0) return;
    const [rowStart, colStart] = partition?.varOffset ?? [0, 0];
    const [localRows, localCols] = shape as [number, number];
    // The uniforms of the shard's columns, z per column, in one call.
    const uniforms = fillUniform(new Float64Array(localCols * zeros), zerosKey, {
      offset: (colStart as number) * zeros,
    });
    const zero = floatStorer(dtype)(0);
    const chosen = new Set<number>();
    for (let c = 0; c < localCols; c++) {
      // Floyd's algorithm: for j = rows − z … rows − 1, take t uniform in [0, j]; keep t, or j if t was
      // taken. Every z-subset of the rows is equally likely. ⌊u·(j + 1)⌋ with a 53-bit u is uniform
      // on [0, j] to within (j + 1)·2^-53.
      chosen.clear();
      for (let step = 0; step < zeros; step++) {
        const j = rows - zeros + step;
        const t = Math.floor((uniforms[c * zeros + step] as number) * (j + 1));
        chosen.add(chosen.has(t) ? j : t);
      }
      for (const row of chosen) {
        const local = row - (rowStart as number);
        if (local >= 0 && local < localRows) out[local * localCols + c] = zero;
      }
    }
  }
}
