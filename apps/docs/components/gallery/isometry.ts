// The orthogonal convolutions' figure: the operator a kernel defines, applied to random signals.
// ‖x ⊛ k‖ / ‖x‖ for each signal, with circular padding (exactly |gain| for DeltaOrthogonal and
// ConvolutionOrthogonal) and with zero ('same') padding (exact for a delta kernel; a little less for
// ConvolutionOrthogonal, whose borders lose what would wrap around).
// Computed in the browser by a direct convolution, from the tensor the page just made.
import { fillNormal, keyFromSeed } from '@init/random';
import { kernelChannels } from './catalog.js';

export interface Isometry {
  /** Spatial size of the signals. */
  readonly signal: readonly number[];
  readonly circular: readonly number[];
  readonly zeroPadded: readonly number[];
  /** max |ratio − |gain|| over the circular trials. */
  readonly maxDeviation: number;
  readonly gain: number;
}

/** At most this many multiply-adds for the whole figure; larger kernels use fewer signals. */
const BUDGET = 2.5e7;

/**
 * Applies the kernel (values as numbers, in `layout`) to `trials` random signals. The signal side
 * is twice the kernel side (at least 6) per spatial axis, so the circular wrap-around is visible in
 * the zero-padded ratios. Returns undefined when even one signal would exceed the budget.
 */
export function isometry(
  values: Float64Array,
  shape: readonly number[],
  layout: string,
  gain: number,
  trials = 32,
): Isometry | undefined {
  const { inChannels, outChannels, spatial } = kernelChannels(shape, layout);
  if (spatial.length < 1 || spatial.length > 3 || inChannels === 0 || outChannels === 0) return undefined;
  const signal = spatial.map((side) => Math.max(6, 2 * side));
  const positions = signal.reduce((a, b) => a * b, 1);
  const taps = spatial.reduce((a, b) => a * b, 1);
  const cost = positions * taps * inChannels * outChannels;
  const count = Math.min(trials, Math.floor(BUDGET / Math.max(1, cost)));
  if (count < 1) return undefined;
  // The kernel in TF layout [...taps, in, out].
  const kernel = new Float64Array(values.length);
  for (let t = 0; t < taps; t++) {
    for (let i = 0; i < inChannels; i++) {
      for (let o = 0; o < outChannels; o++) {
        kernel[(t * inChannels + i) * outChannels + o] = (
          layout === 'torch' ? values[(o * inChannels + i) * taps + t] : values[(t * inChannels + i) * outChannels + o]
        ) as number;
      }
    }
  }
  const unflatten = (flat: number, sizes: readonly number[]): number[] => {
    const index = new Array<number>(sizes.length);
    for (let a = sizes.length - 1; a >= 0; a--) {
      index[a] = flat % (sizes[a] as number);
      flat = Math.floor(flat / (sizes[a] as number));
    }
    return index;
  };
  const circular: number[] = [];
  const zeroPadded: number[] = [];
  for (let trial = 0; trial < count; trial++) {
    const x = new Float64Array(positions * inChannels);
    fillNormal(x, keyFromSeed(`gallery/isometry/${trial}`));
    let inputNorm = 0;
    for (const value of x) inputNorm += value * value;
    const yCircular = new Float64Array(positions * outChannels);
    const yZero = new Float64Array(positions * outChannels);
    for (let n = 0; n < positions; n++) {
      const position = unflatten(n, signal);
      for (let t = 0; t < taps; t++) {
        const tap = unflatten(t, spatial);
        let source = 0;
        let inside = true;
        for (let a = 0; a < signal.length; a++) {
          // 'same' padding: tap t reads position n + t − ⌊(k − 1) / 2⌋ (the centre tap reads n itself).
          const side = signal[a] as number;
          const raw = (position[a] as number) + (tap[a] as number) - Math.floor(((spatial[a] as number) - 1) / 2);
          if (raw < 0 || raw >= side) inside = false;
          source = source * side + (((raw % side) + side) % side);
        }
        for (let i = 0; i < inChannels; i++) {
          const xi = x[source * inChannels + i] as number;
          for (let o = 0; o < outChannels; o++) {
            const product = xi * (kernel[(t * inChannels + i) * outChannels + o] as number);
            yCircular[n * outChannels + o] = (yCircular[n * outChannels + o] as number) + product;
            if (inside) yZero[n * outChannels + o] = (yZero[n * outChannels + o] as number) + product;
          }
        }
      }
    }
    let circularNorm = 0;
    let zeroNorm = 0;
    for (const value of yCircular) circularNorm += value * value;
    for (const value of yZero) zeroNorm += value * value;
    circular.push(Math.sqrt(circularNorm / inputNorm));
    zeroPadded.push(Math.sqrt(zeroNorm / inputNorm));
  }
  const maxDeviation = Math.max(...circular.map((ratio) => Math.abs(ratio - Math.abs(gain))));
  return { signal, circular, zeroPadded, maxDeviation, gain };
}
