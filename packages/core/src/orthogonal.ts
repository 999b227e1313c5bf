import { isSvdEnabled, orthogonalize, type OrthogonalizeMethod } from '@init/linalg';
import {
  argumentMessage,
  describeValue,
  fillNormal,
  fillUniform,
  InitRangeError,
  InitTypeError,
  finiteNumber,
  isDetached,
  oneOf,
  readOptions,
  typedArrayKind,
} from '@init/random';
import type { CallerNames } from './caller.js';
import { allocating, assertFloatDType, type FloatDType, type TypedArray } from './dtype.js';
import type { FillRequest } from './initializer.js';
import { LAYOUTS, type FanLayout } from './fans.js';
import { forEachRun } from './partition.js';
import { RandomInitializer, type RandomInitializerOptions } from './random-initializer.js';
import type { SeedConfig } from './seed.js';
import { sizeOf } from './shape.js';
import { encodeValue, floatStorer } from './values.js';

/** Options of {@link Orthogonal}. */
export interface OrthogonalOptions extends Omit<RandomInitializerOptions, 'engine'> {
  /** Multiplies the orthogonal matrix. Default `1`. */
  readonly gain?: number;
  /**
   * `'qr'` (default): a standard normal matrix, reduced QR, column j times sign(R[j][j]): a
   * Haar-distributed (uniformly random) orthogonal matrix, as TF ≥ 1.x, Keras, PyTorch and JAX.
   * `'svd'`: TF1's algorithm, the singular vectors of a uniform [0, 1) matrix — orthogonal
   * but not Haar-distributed. Opt-in: call `enableSvd()` from `@init/core/svd` once before the
   * first apply (it brings ml-matrix's SVD, which the default method does not carry).
   */
  readonly method?: OrthogonalizeMethod;
  /**
   * The axis that holds the columns (JAX's `column_axis`): the matrix is
   * `[product of the other dims, shape[columnAxis]]`, the other axes in their order. Default `-1`,
   * the last axis (TF, Keras); negative axes count from the end.
   */
  readonly columnAxis?: number;
  /**
   * `'torch'`: PyTorch's `orthogonal_` flattening, `[shape[0], product of the other dims]`, so a
   * convolution weight `[out, in, kh, kw]` gets orthonormal rows (one per output channel) when
   * `out ≤ in·kh·kw`. Default `'tf'`: the layout that `columnAxis` describes. Not with `columnAxis`.
   */
  readonly layout?: FanLayout;
}

const METHODS: readonly OrthogonalizeMethod[] = ['qr', 'svd'];

/** The random matrix an {@link Orthogonal} orthogonalizes, as {@link Orthogonal.randomMatrix} gives it. */
export interface OrthogonalMatrix {
  /** `rows × cols`, row-major. */
  readonly matrix: Float64Array;
  readonly rows: number;
  readonly cols: number;
  /** How to orthogonalize it: `@init/linalg`'s `orthogonalize(matrix, rows, cols, { method })`. */
  readonly method: OrthogonalizeMethod;
}

/**
 * Makes an orthogonal matrix, times `gain`. A shape of rank > 2 is flattened to
 * `[product of all dims but the last, last]`, so a convolution kernel `[kh, kw, in, out]` gets
 * orthonormal columns over its `kh·kw·in` rows. With rows ≥ cols the columns are orthonormal,
 * otherwise the rows are. TF1's `orthogonal_initializer`. With `partitionInfo`, the full matrix is
 * computed and the shard's slice returned.
 *
 * `columnAxis` (JAX's `orthogonal(column_axis=)`) picks another axis as the columns: the matrix is
 * `[∏ other dims, shape[columnAxis]]`, with element `(r, j)` at the position whose column-axis index
 * is `j` and whose other indices, read row-major, are `r`. The default `-1` is the layout above,
 * value for value.
 *
 * `method: 'svd'` (TF1's original algorithm) runs ml-matrix's SVD, which stays out of bundles
 * that do not ask for it: call `enableSvd()` from `@init/core/svd` once first (constructing and
 * serializing need nothing; `apply` and `fill` throw an InitTypeError that says so).
 *
 * `layout: 'torch'` flattens as PyTorch's `orthogonal_` does: rows = `shape[0]`, columns = the
 * product of the rest, the tensor read row-major as that matrix; its rows are orthonormal when
 * rows ≤ columns, else its columns.
 *
 * @see Saxe, McClelland & Ganguli, "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks", 2013. https://arxiv.org/abs/1312.6120
 * @example
 * ```ts
 * const q = new Orthogonal({ seed: 42 }).apply([4, 4], 'float64').data; // QᵀQ = I to ~1e-15
 * // JAX's column_axis=0: the 16 "columns" run along axis 0 of a [16, 3, 3, 8] kernel.
 * new Orthogonal({ columnAxis: 0, seed: 1 }).apply([16, 3, 3, 8]);
 * // PyTorch's orthogonal_ on a conv weight: 64 orthonormal rows of length 3·7·7, times the gain.
 * new Orthogonal({ gain: 2, layout: 'torch', seed: 1 }).apply([64, 3, 7, 7]);
 * ```
 * @throws InitRangeError for a shape of rank < 2, a columnAxis outside the shape, or a gain that is
 *   not finite or too large for the dtype; InitTypeError for an unknown method or layout, a
 *   non-integer columnAxis, a columnAxis with layout 'torch', an int or bool dtype, or (from
 *   `apply`/`fill`) method 'svd' before `enableSvd()` ran.
 */
export class Orthogonal extends RandomInitializer {
  static override readonly className: string = 'Orthogonal';
  /** Config keys written only when set; `deserialize` reads them too. */
  static readonly optionalConfigKeys: readonly string[] = ['columnAxis', 'layout'];
  readonly dtype: FloatDType;
  readonly gain: number;
  readonly method: OrthogonalizeMethod;
  /** The column axis as given; `-1` (the last) by default. */
  readonly columnAxis: number;
  /** `'tf'` (default) or `'torch'` (PyTorch's flattening). */
  readonly layout: FanLayout;

  /** @param caller how the caller wrote it, when a function builds it for them (see `CallerNames`). */
  constructor(options?: OrthogonalOptions, caller?: CallerNames) {
    const read = readOptions((new.target as typeof Orthogonal).className, options, [
      'gain',
      'method',
      'columnAxis',
      'layout',
      'seed',
      'dtype',
      'engine',
    ]);
    super(read, ['counter'], caller);
    const where = this.where;
    this.dtype = assertFloatDType(where, read.dtype === undefined ? 'float32' : read.dtype);
    this.gain = finiteNumber(where, 'gain', read.gain, 1);
    this.method = oneOf(where, 'method', read.method, METHODS, 'qr');
    const columnAxis: unknown = read.columnAxis === undefined ? -1 : read.columnAxis;
    if (typeof columnAxis !== 'number' || !Number.isSafeInteger(columnAxis)) {
      throw new InitTypeError(
        argumentMessage(where, 'columnAxis', 'be an integer axis', columnAxis),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    this.columnAxis = columnAxis;
    this.layout = oneOf(where, 'layout', read.layout, LAYOUTS, 'tf');
    if (this.layout === 'torch' && columnAxis !== -1) {
      throw new InitTypeError(
        argumentMessage(
          where,
          'columnAxis',
          "be absent with layout 'torch', which puts the rows on axis 0",
          columnAxis,
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    // Every value has magnitude at most |gain|: if gain fits the dtype given here, so does the matrix.
    if (read.dtype !== undefined) encodeValue(where, 'gain', this.gain, this.dtype);
  }

  /** The random matrix, the orthogonalized copy and the factorization's workspace, in float64. */
  protected override scratchBytes(request: FillRequest): number {
    let size = 1;
    for (const dim of request.fullShape) size *= dim;
    return 4 * 8 * size;
  }

  /** `{ gain, method, seed, dtype }`, `columnAxis` when it is not the default `-1`, `layout` when `'torch'`. */
  getConfig(): {
    gain: number;
    method: OrthogonalizeMethod;
    columnAxis?: number;
    layout?: FanLayout;
    seed: SeedConfig;
    dtype: FloatDType;
  } {
    const { seed, dtype } = this.randomConfig();
    return {
      gain: this.gain,
      method: this.method,
      ...(this.columnAxis === -1 ? {} : { columnAxis: this.columnAxis }),
      ...(this.layout === 'torch' ? { layout: this.layout } : {}),
      seed,
      dtype,
    };
  }

  /**
   * The random matrix that `apply(fullShape)` orthogonalizes: `rows × cols`, row-major, drawn with
   * this call's key (a seeded initializer draws the same matrix every time). A caller that
   * orthogonalizes elsewhere — `@init/parallel` on several threads — passes the result to
   * {@link Orthogonal.withOrthogonalized}. With `out` (a Float64Array of `rows · cols` elements)
   * the matrix is drawn into it and `matrix` is `out`: a caller that draws many matrices reuses
   * one array, which saves the page faults of fresh memory (about 5 ms per 8 MiB here).
   *
   * With `offset`, `out` receives elements `[offset, offset + out.length)` of the row-major matrix
   * alone (any length that fits) and `matrix` is `out`: the stream is counter-based, so threads can
   * each draw a part of a seeded initializer's matrix, the same values as the whole draw's.
   * @throws InitRangeError for a shape of rank < 2, a columnAxis outside the shape, an `out` of
   *   another length (or, with `offset`, one that does not fit) or an offset that is not a
   *   non-negative integer; InitTypeError for an `out` that is not a Float64Array or is detached, or
   *   an `offset` without `out`.
   */
  randomMatrix(fullShape: readonly number[], out?: Float64Array, offset?: number): OrthogonalMatrix {
    const { rows, cols } = this.matrixShape(fullShape);
    let matrix: Float64Array;
    if (offset === undefined) {
      matrix = out === undefined ? new Float64Array(rows * cols) : this.checkMatrixOut(out, rows, cols);
    } else {
      matrix = this.checkMatrixPart(out, offset, rows, cols);
    }
    const key = this.callKey();
    const options = offset === undefined ? undefined : { offset };
    if (this.method === 'qr') fillNormal(matrix, key, options);
    else fillUniform(matrix, key, options);
    return { matrix, rows, cols, method: this.method };
  }

  /**
   * Runs `compute` (a call of this initializer's `apply` or `fill`) with `orthogonalized` as the
   * orthogonal matrix instead of computing it: `orthogonalized` must be what `@init/linalg`'s
   * `orthogonalize(matrix, rows, cols, { method })` returns for {@link Orthogonal.randomMatrix} of
   * the same full shape. The gain, the layout, the dtype and the slice are applied as `apply` does.
   * @throws InitRangeError when a call inside `compute` needs a matrix of another size.
   */
  withOrthogonalized<T>(orthogonalized: Float64Array, compute: () => T): T {
    const previous = this.given;
    this.given = orthogonalized;
    try {
      return compute();
    } finally {
      this.given = previous;
    }
  }

  private given: Float64Array | undefined;

  /** `randomMatrix`'s `out`, checked: a Float64Array (any realm) of rows · cols elements, not detached. */
  private checkMatrixOut(out: unknown, rows: number, cols: number): Float64Array {
    const where = `${this.className}.randomMatrix`;
    const matrix = this.checkFloat64Out(out);
    if (matrix.length !== rows * cols) {
      throw new InitRangeError(
        argumentMessage(where, 'out', `have rows × cols = ${rows} × ${cols} = ${rows * cols} elements`, matrix),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    return matrix;
  }

  /** `randomMatrix`'s `out` as an array: a Float64Array (any realm), not detached. */
  private checkFloat64Out(out: unknown): Float64Array {
    const where = `${this.className}.randomMatrix`;
    if (typedArrayKind(out) !== 'Float64Array') {
      throw new InitTypeError(argumentMessage(where, 'out', 'be a Float64Array', out), 'ERR_INIT_INVALID_ARGUMENT');
    }
    const matrix = out as Float64Array;
    if (isDetached(matrix)) {
      throw new InitTypeError(
        argumentMessage(where, 'out', 'be a Float64Array whose buffer is not detached', matrix),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    return matrix;
  }

  /** `randomMatrix`'s `out` with an `offset`: a Float64Array that fits the matrix from there. */
  private checkMatrixPart(out: unknown, offset: unknown, rows: number, cols: number): Float64Array {
    const where = `${this.className}.randomMatrix`;
    if (out === undefined) {
      throw new InitTypeError(
        argumentMessage(where, 'out', 'be given with offset (the part of the matrix to draw into)', out),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    if (typeof offset !== 'number') {
      throw new InitTypeError(
        argumentMessage(where, 'offset', 'be a non-negative safe integer', offset),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new InitRangeError(
        argumentMessage(where, 'offset', 'be a non-negative safe integer', offset),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    const size = rows * cols;
    const matrix = this.checkFloat64Out(out);
    if (offset + matrix.length > size) {
      throw new InitRangeError(
        argumentMessage(
          where,
          'out',
          `fit the ${rows} × ${cols} matrix from offset ${offset} (at most ${Math.max(size - offset, 0)} elements)`,
          matrix,
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    return matrix;
  }

  /** The matrix `[rows, cols]` that the layout or column axis makes of `fullShape`. */
  private matrixShape(fullShape: readonly number[]): { rows: number; cols: number; axis: number } {
    if (fullShape.length < 2) {
      throw new InitRangeError(
        `${this.where}: shape must have at least 2 dimensions. Received: [${fullShape.join(', ')}].`,
        'ERR_INIT_INVALID_SHAPE',
      );
    }
    const size = sizeOf(this.where, fullShape);
    const rank = fullShape.length;
    if (this.columnAxis < -rank || this.columnAxis >= rank) {
      throw new InitRangeError(
        `${this.where}: columnAxis must name an axis of the shape, from ${-rank} to ${rank - 1}. Received: ${describeValue(this.columnAxis)} for shape [${fullShape.join(', ')}].`,
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    // PyTorch's layout is the matrix [shape[0], rest] read row-major: the last-axis path below.
    const torch = this.layout === 'torch';
    const axis = torch ? rank - 1 : this.columnAxis < 0 ? this.columnAxis + rank : this.columnAxis;
    const rows = torch ? (fullShape[0] as number) : size / (fullShape[axis] as number);
    // A zero dimension makes an empty matrix, whatever the other dimensions are.
    return { rows: size === 0 ? 0 : rows, cols: size === 0 ? 0 : size / rows, axis };
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const { fullShape } = request;
    const where = this.where;
    const { rows, cols, axis } = this.matrixShape(fullShape);
    // Every value has magnitude at most |gain|: if gain fits the dtype, so does the matrix.
    encodeValue(where, 'gain', this.gain, request.dtype);
    // linalg would refuse too, but in its own words; this names the class and core's subpath. Before
    // the size check, so that an empty shape does not hide the missing opt-in until a real one.
    if (this.given === undefined && this.method === 'svd' && !isSvdEnabled()) {
      throw new InitTypeError(
        argumentMessage(
          where,
          "method 'svd'",
          "be enabled first: import { enableSvd } from '@init/core/svd' and call enableSvd() once",
          this.method,
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    if (request.size === 0) return;
    let q: Float64Array;
    if (this.given === undefined) {
      q = allocating(where, fullShape, request.dtype, this.scratchBytes(request), () => {
        const { matrix } = this.randomMatrix(fullShape);
        return orthogonalize(matrix, rows, cols, { method: this.method });
      });
    } else {
      q = this.given;
      if (q.length !== rows * cols) {
        throw new InitRangeError(
          `${where}: the orthogonalized matrix must have rows × cols = ${rows} × ${cols} elements for shape [${fullShape.join(', ')}]. Received: ${q.length}.`,
          'ERR_INIT_INVALID_ARGUMENT',
        );
      }
    }
    const store = floatStorer(request.dtype);
    const gain = this.gain;
    const rank = fullShape.length;
    // The axes after the column axis; 1 for the last axis, where the tensor is the matrix itself.
    let inner = 1;
    for (let later = axis + 1; later < rank; later++) inner *= fullShape[later] as number;
    if (inner === 1 && (request.dtype === 'float32' || request.dtype === 'float64')) {
      // The typed array rounds to its format as store would have it do (float32: to nearest, ties
      // to even, exactly as an element assignment), and gain 1 multiplies nothing (1·x is x, −0
      // included): set() copies natively, several times faster than the loop over a 1024² matrix.
      forEachRun(request.shape, request.partition, (localStart, fullStart, length) => {
        if (gain === 1) {
          out.set(q.subarray(fullStart, fullStart + length), localStart);
        } else {
          for (let k = 0; k < length; k++) out[localStart + k] = gain * (q[fullStart + k] as number);
        }
      });
      return;
    }
    if (inner === 1) {
      forEachRun(request.shape, request.partition, (localStart, fullStart, length) => {
        for (let k = 0; k < length; k++) out[localStart + k] = store(gain * (q[fullStart + k] as number));
      });
      return;
    }
    // Full flat index f = (o·cols + j)·inner + k, with o the index over the axes before the column
    // axis and k over those after it: the matrix row is o·inner + k (the other axes, row-major).
    forEachRun(request.shape, request.partition, (localStart, fullStart, length) => {
      for (let n = 0; n < length; n++) {
        const flat = fullStart + n;
        const k = flat % inner;
        const rest = (flat - k) / inner;
        const j = rest % cols;
        const o = (rest - j) / cols;
        out[localStart + n] = store(gain * (q[(o * inner + k) * cols + j] as number));
      }
    });
  }
}
