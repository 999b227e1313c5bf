// TensorFlow.js's Orthogonal, drawn from the same random matrix but factored in double precision.
import {
  argumentMessage,
  Initializer,
  InitRangeError,
  InitTypeError,
  type DType,
  type FillRequest,
  type FloatDType,
  type TypedArray,
} from '@init/core';
import { orthogonalize } from '@init/linalg';
import { fillNormalTfjs } from '@init/random';

/** Options of {@link TfjsOrthogonal}: TensorFlow.js's `{ gain, seed }`. */
export interface TfjsOrthogonalOptions {
  readonly gain?: number;
  readonly seed?: number;
}

/**
 * `tf.initializers.orthogonal({ gain, seed })` as @init computes it for `installTfjs({ engine: 'tfjs' })`.
 *
 * TensorFlow.js flattens the shape to `rows × cols` (all dims but the last, the last), draws a
 * `max(rows, cols) × min(rows, cols)` matrix with `tf.randomNormal(…, seed)`, takes its QR with
 * `tf.linalg.qr` (Householder reflections, each a chain of float32 tensor ops), multiplies column
 * j of Q by sign(R[j][j]), transposes when rows < cols and multiplies by gain.
 *
 * This class draws exactly the same float32 matrix (the 'tfjs' engine of @init/random, bit for bit)
 * and does the same steps, but the QR is @init/linalg's blocked Householder in float64, rounded to
 * float32 once at the end. So the result is the same orthogonal matrix up to TensorFlow.js's
 * float32 rounding errors (a few ulps of float32 per element at small sizes, growing slowly with
 * the size), not bit for bit: matching those errors would mean replaying every float32 tensor op
 * of `tf.linalg.qr`, which is what makes it take ~54 s at 512×512. Ours is the more accurate of
 * the two (its QᵀQ is the identity to float32 rounding).
 */
export class TfjsOrthogonal extends Initializer {
  static override readonly className: string = 'TfjsOrthogonal';
  readonly dtype: FloatDType = 'float32';
  readonly gain: number;
  readonly seed: number | undefined;

  constructor(options: TfjsOrthogonalOptions = {}) {
    super();
    const gain = options.gain ?? 1;
    if (typeof gain !== 'number' || !Number.isFinite(gain)) {
      throw new InitRangeError(
        argumentMessage('Orthogonal', 'gain', 'be a finite number', gain),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    const seed = options.seed;
    if (seed !== undefined && (typeof seed !== 'number' || !Number.isFinite(seed))) {
      throw new InitTypeError(
        argumentMessage('Orthogonal', 'seed', "be a finite number (or absent) with engine 'tfjs'", seed),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    this.gain = gain;
    this.seed = seed;
  }

  getConfig(): { gain: number; seed: number | null } {
    return { gain: this.gain, seed: this.seed ?? null };
  }

  protected override checkDType(dtype: DType): DType {
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new InitTypeError(
        argumentMessage('Orthogonal', 'dtype', "be 'float32' or 'float64' with engine 'tfjs'", dtype),
        'ERR_INIT_INVALID_DTYPE',
      );
    }
    return dtype;
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const { shape } = request;
    if (request.partition !== undefined) {
      throw new InitRangeError(
        `Orthogonal: partitionInfo must be absent with engine 'tfjs', whose stream is sequential. Received: ${JSON.stringify(request.partition)}.`,
        'ERR_INIT_INVALID_PARTITION',
      );
    }
    if (shape.length < 2) {
      throw new InitRangeError(
        `Orthogonal: shape must have at least 2 dimensions. Received: [${shape.join(', ')}].`,
        'ERR_INIT_INVALID_SHAPE',
      );
    }
    if (request.size === 0) return;
    const cols = shape[shape.length - 1] as number;
    const rows = request.size / cols;
    const tall = Math.max(rows, cols);
    const wide = Math.min(rows, cols);
    // tf.randomNormal([tall, wide], 0, 1, 'float32', seed): the same float32 values, same order.
    const normal = fillNormalTfjs(new Float32Array(tall * wide), this.seed);
    // Q of the tall matrix, column j times sign(R[j][j]): what tfjs's mul(q, diag(r).sign()) does.
    const q = orthogonalize(Float64Array.from(normal), tall, wide, { method: 'qr' });
    const gain = this.gain;
    if (rows >= cols) {
      for (let i = 0; i < out.length; i++) out[i] = gain * (q[i] as number);
    } else {
      // rows < cols: TensorFlow.js transposes the tall Q into the rows × cols result.
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) out[i * cols + j] = gain * (q[j * wide + i] as number);
      }
    }
  }
}
