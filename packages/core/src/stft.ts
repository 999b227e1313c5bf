import {
  argumentMessage,
  describeValue,
  InitRangeError,
  InitTypeError,
  quotedList,
  booleanValue,
  oneOf,
  readOptions,
} from '@init/random';
import { assertFloatDType, type DType, type FloatDType, type TypedArray } from './dtype.js';
import { Initializer, type FillRequest } from './initializer.js';
import { forEachRun } from './partition.js';
import { floatStorer } from './values.js';
import { WINDOW_NAMES, type WindowName, windowValues } from './windows.js';

/** Which part of the complex DFT basis the kernel holds. */
export type STFTSide = 'real' | 'imag';
/** How the window is normalized: by its L2 norm (`'density'`) or its L1 norm (`'spectrum'`); null for not at all. */
export type STFTScaling = 'density' | 'spectrum';

/** Options of {@link STFT}. */
export interface STFTOptions {
  /** `'real'` (default): cos; `'imag'`: sin, of the DFT basis. */
  readonly side?: STFTSide;
  /**
   * A window name of SciPy's `get_window` that needs no parameters (`'hann'`, default, `'hamming'`,
   * `'blackman'`, …), the window's values (as many as the frame length), or null for none.
   */
  readonly window?: WindowName | readonly number[] | null;
  /** `'density'` (default): divide by √(Σ window²); `'spectrum'`: by Σ |window|; null: no scaling. Ignored without a window. */
  readonly scaling?: STFTScaling | null;
  /** Periodic (DFT-even) window instead of symmetric (SciPy's `fftbins`). Default `false`. */
  readonly periodic?: boolean;
  /** The default dtype. Default `'float32'`. */
  readonly dtype?: FloatDType;
}

/** The config of an STFT initializer: Keras 3's keys, and the dtype. */
export type STFTConfig = {
  side: STFTSide;
  window: WindowName | number[] | null;
  scaling: STFTScaling | null;
  periodic: boolean;
  dtype: FloatDType;
};

const SIDES: readonly STFTSide[] = ['real', 'imag'];
const SCALINGS: readonly STFTScaling[] = ['density', 'spectrum'];
const STFT_OPTIONS = ['side', 'window', 'scaling', 'periodic', 'dtype'] as const;

/**
 * The window option: null, a window name, or a list of finite values, copied (each element read
 * once) before it is checked, and frozen.
 */
function readWindow(where: string, window: unknown): WindowName | readonly number[] | null {
  if (window === null) return null;
  if (Array.isArray(window)) {
    const values: unknown[] = Array.from(window as unknown[]);
    if (!values.every((value) => typeof value === 'number' && Number.isFinite(value))) {
      throw new InitTypeError(
        argumentMessage(where, 'window', 'hold finite numbers only', values),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    return Object.freeze(values as number[]);
  }
  if (typeof window !== 'string' || !(WINDOW_NAMES as readonly string[]).includes(window)) {
    throw new InitTypeError(
      argumentMessage(
        where,
        'window',
        `be null, a list of values, or a window name of SciPy's get_window without parameters (${quotedList(WINDOW_NAMES)})`,
        window,
      ),
      'ERR_INIT_UNKNOWN_IDENTIFIER',
    );
  }
  return window as WindowName;
}

/**
 * The kernel of a short-time Fourier transform as a 1-D convolution (Keras 3's `STFT`, saved as
 * `STFTInitializer` by older Keras): shape `[frameLength, 1, bins]` with `bins = fftLength / 2 + 1`,
 * and `kernel[t, 0, f] = cos(−2π·t·f / fftLength) · w[t] / s` (`side: 'real'`) or the same with sin
 * (`'imag'`), where `fftLength = 2·(bins − 1)`, `w` the window and `s` its scaling (`√(Σ w²)` for
 * `'density'`, `Σ |w|` for `'spectrum'`, 1 for none). The values are exact: the phase `t·f` is
 * reduced modulo `fftLength` in integers before the cosine, so large frames lose no precision.
 * Deterministic (no seed). With `partitionInfo`, each shard is its slice.
 *
 * @example
 * ```ts
 * // 512-sample frames, a 512-point FFT: 257 bins, Hann window normalized to unit energy.
 * const real = new STFT().apply([512, 1, 257]);
 * const imag = new STFT({ side: 'imag' }).apply([512, 1, 257]);
 * ```
 * @throws InitTypeError for an unknown side, window or scaling, a non-boolean periodic, or a non-float
 *   dtype; InitRangeError for a shape other than `[frameLength, 1, bins ≥ 2]`, window values of
 *   another length, or a window whose scaling is 0.
 */
export class STFT extends Initializer {
  static override readonly className: string = 'STFT';
  /** Config keys whose null means something (no window, no scaling): `deserialize` keeps their nulls. */
  static readonly nullableConfigKeys: readonly string[] = ['window', 'scaling'];
  readonly dtype: FloatDType;
  readonly side: STFTSide;
  readonly window: WindowName | readonly number[] | null;
  readonly scaling: STFTScaling | null;
  readonly periodic: boolean;

  /**
   * @throws InitTypeError for options that are not a plain object, an unknown key, an unknown side,
   *   window or scaling, window values that are not finite numbers, a non-boolean periodic, or a
   *   non-float dtype.
   */
  constructor(options?: STFTOptions) {
    super();
    const where = this.where;
    const read = readOptions(where, options, STFT_OPTIONS);
    this.dtype = assertFloatDType(where, read.dtype === undefined ? 'float32' : read.dtype);
    this.side = oneOf(where, 'side', read.side, SIDES, 'real');
    this.window = readWindow(where, read.window === undefined ? 'hann' : read.window);
    this.scaling = read.scaling === null ? null : oneOf(where, 'scaling', read.scaling, SCALINGS, 'density');
    this.periodic = booleanValue(where, 'periodic', read.periodic, false);
  }

  getConfig(): STFTConfig {
    return {
      side: this.side,
      window: this.window === null || typeof this.window === 'string' ? this.window : [...this.window],
      scaling: this.scaling,
      periodic: this.periodic,
      dtype: this.dtype,
    };
  }

  protected override checkDType(dtype: DType): FloatDType {
    return assertFloatDType(this.where, dtype);
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const where = this.where;
    const { fullShape } = request;
    if (fullShape.length !== 3 || fullShape[1] !== 1 || (fullShape[2] as number) < 2) {
      throw new InitRangeError(
        `${where}: shape must be [frameLength, 1, fftLength / 2 + 1] with at least 2 frequency bins, as Keras's STFTSpectrogram kernel. Received: [${fullShape.join(', ')}].`,
        'ERR_INIT_INVALID_SHAPE',
      );
    }
    const frameLength = fullShape[0] as number;
    const bins = fullShape[2] as number;
    const fftLength = 2 * (bins - 1);
    // weights[t] = w[t] / s: the window and its scaling, folded together.
    const weights = new Float64Array(frameLength).fill(1);
    if (this.window !== null) {
      const window =
        typeof this.window === 'string'
          ? windowValues(this.window, frameLength, this.periodic)
          : Float64Array.from(this.window);
      if (window.length !== frameLength) {
        throw new InitRangeError(
          `${where}: window must have as many values as the frame length ${frameLength} (shape[0]). Received: ${window.length} values.`,
          'ERR_INIT_INVALID_ARGUMENT',
        );
      }
      let scale = 1;
      if (this.scaling === 'density') scale = Math.sqrt(window.reduce((sum, value) => sum + value * value, 0));
      else if (this.scaling === 'spectrum') scale = window.reduce((sum, value) => sum + Math.abs(value), 0);
      if (!(scale > 0) || !Number.isFinite(scale)) {
        // Keras would divide by zero and fill the kernel with NaN (e.g. a symmetric 'bartlett' of length 2 is [0, 0]).
        throw new InitRangeError(
          `${where}: window must not be all zeros with scaling ${describeValue(this.scaling)}, which divides by its norm. ` +
            `Received: ${describeValue(this.window)} of length ${frameLength}${typeof this.window === 'string' ? ` (periodic: ${this.periodic})` : ''}.`,
          'ERR_INIT_INVALID_ARGUMENT',
        );
      }
      for (let t = 0; t < frameLength; t++) weights[t] = (window[t] as number) / scale;
    }
    const store = floatStorer(request.dtype);
    const basis = this.side === 'real' ? Math.cos : Math.sin;
    // Flat index i = t·bins + f (the channel axis has size 1).
    forEachRun(request.shape, request.partition, (localStart, fullStart, length) => {
      for (let k = 0; k < length; k++) {
        const flat = fullStart + k;
        const f = flat % bins;
        const t = (flat - f) / bins;
        // −2π·t·f / N with t·f reduced mod N exactly (t·f < 2^53 for any tensor that fits in memory).
        const phase = ((t * f) % fftLength) / fftLength;
        out[localStart + k] = store(basis(-2 * Math.PI * phase) * (weights[t] as number));
      }
    });
  }
}
