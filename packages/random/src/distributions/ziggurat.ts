/**
 * The 256-layer ziggurat of Marsaglia & Tsang (2000), "The Ziggurat Method for Generating Random
 * Variables", J. Stat. Softw. 5(8), with a separate layer index (Doornik 2005's fix for the original's
 * reuse of the same bits for layer and value) laid out as in NumPy's `random_standard_normal_f`.
 *
 * The tables are computed on first use, with the deterministic logarithm and exponential, so they are
 * bit-identical on every engine (they are part of the stream contract, STREAMS.md §4).
 */

import { deterministicExp, deterministicLog } from '../math/deterministic-math.js';
import { nextOpenClosed53 } from '../engines/xoshiro128.js';

/** Right edge of the base layer (the tail starts here), for 256 layers of equal area. */
export const ZIGGURAT_R = 3.6541528853610088;
/** The common area of the 256 layers under f(x) = exp(−x²/2) on x ≥ 0. */
const ZIGGURAT_V = 0.00492867323399;

export interface ZigguratTables {
  /** X[0..256]: layer i spans [0, X[i]] horizontally; X[0] = V/f(R) is the base layer's virtual width. */
  readonly edges: Float64Array;
  /** F[i] = f(X[i]) = exp(−X[i]²/2), F[256] = 1. */
  readonly heights: Float64Array;
  /** F[i + 1], i = 0..255: the wedge test's upper height, indexed by layer like the others. */
  readonly heightsNext: Float64Array;
  /** ⌈2^23·X[i+1]/X[i]⌉: a 23-bit magnitude below it lies inside the layer's core rectangle. */
  readonly accept23: Int32Array;
  /** X[i]·2^-23, the value of one unit of a 23-bit magnitude in layer i. */
  readonly scale23: Float64Array;
  /** ⌈2^52·X[i+1]/X[i]⌉, for 52-bit magnitudes. */
  readonly accept52: Float64Array;
  /** X[i]·2^-52. */
  readonly scale52: Float64Array;
  /**
   * The same four indexed by layer and sign bit together, j = layer + 256·sign (a word's low 9 bits):
   * accept of layer j & 255, and scale of layer j & 255 negated for j ≥ 256, so that
   * magnitude·signedScale[j] is the signed sample in one multiplication (exactly −(magnitude·scale)).
   */
  readonly signedAccept23: Int32Array;
  readonly signedScale23: Float64Array;
  readonly signedAccept52: Float64Array;
  readonly signedScale52: Float64Array;
  /**
   * The wedge test's squeeze (see {@link squeezeTables}): for layer i ≥ 1 and w = (−x/2)·x of a
   * candidate x of the layer, `squeezeLowA[i] + squeezeLowB[i]·w` lies below and
   * `squeezeHighA[i] + squeezeHighB[i]·w` above the exponential e^w the test computes.
   */
  readonly squeezeLowA: Float64Array;
  readonly squeezeLowB: Float64Array;
  readonly squeezeHighA: Float64Array;
  readonly squeezeHighB: Float64Array;
  /** Where the out-of-line slow path leaves its sample (returning a double from a call would box it). */
  readonly result: Float64Array;
}

let tables: ZigguratTables | undefined;

function density(x: number): number {
  return deterministicExp(-0.5 * x * x);
}

/** The tables, built once. */
export function zigguratTables(): ZigguratTables {
  if (tables !== undefined) return tables;
  const edges = new Float64Array(257);
  const heights = new Float64Array(257);
  edges[0] = ZIGGURAT_V / density(ZIGGURAT_R);
  edges[1] = ZIGGURAT_R;
  for (let i = 1; i < 255; i++) {
    const x = edges[i]!;
    // Layer i has area V: X[i]·(f(X[i+1]) − f(X[i])) = V, solved for X[i+1].
    edges[i + 1] = Math.sqrt(-2 * deterministicLog(ZIGGURAT_V / x + density(x)));
  }
  edges[256] = 0;
  for (let i = 0; i < 257; i++) heights[i] = i === 256 ? 1 : density(edges[i]!);
  const accept23 = new Int32Array(256);
  const scale23 = new Float64Array(256);
  const accept52 = new Float64Array(256);
  const scale52 = new Float64Array(256);
  for (let i = 0; i < 256; i++) {
    const ratio = edges[i + 1]! / edges[i]!;
    accept23[i] = Math.ceil(ratio * 8388608);
    scale23[i] = edges[i]! * 1.1920928955078125e-7; // 2^-23
    accept52[i] = Math.ceil(ratio * 4503599627370496);
    scale52[i] = edges[i]! * 2.220446049250313e-16; // 2^-52
  }
  const signedAccept23 = new Int32Array(512);
  const signedScale23 = new Float64Array(512);
  const signedAccept52 = new Float64Array(512);
  const signedScale52 = new Float64Array(512);
  for (let j = 0; j < 512; j++) {
    const i = j & 255;
    const sign = j < 256 ? 1 : -1;
    signedAccept23[j] = accept23[i]!;
    signedScale23[j] = sign * scale23[i]!;
    signedAccept52[j] = accept52[i]!;
    signedScale52[j] = sign * scale52[i]!;
  }
  tables = {
    edges,
    heights,
    heightsNext: heights.subarray(1),
    accept23,
    scale23,
    accept52,
    scale52,
    signedAccept23,
    signedScale23,
    signedAccept52,
    signedScale52,
    ...squeezeTables(edges, heights),
    result: new Float64Array(1),
  };
  return tables;
}

/** Bounds that decide nothing (e^w lies in (0, 1] and y in [0, 1]): the exponential decides. */
const UNDECIDED = { lowA: -1, lowB: 0, highA: 2, highB: 0 };

/**
 * Linear bounds on the wedge test's exponential, so that the kernels compute it only for the
 * candidates between them (about 0.5% of wedge tests instead of all). The test accepts when
 * y < e^w, w = (−x/2)·x as computed; e^w is convex in w, so on layer i's range of w, [−X[i]²/2,
 * −X[i+1]²/2], the chord lies above it and the tangent at the middle below it. Each is moved away
 * from e^w by δ = 2^-32·F[i], far more than the rounding of the coefficients, of the bounds'
 * evaluation and of the deterministic exponential (together below 1e-13·F[i]), so `y ≥ high`
 * implies y ≥ exp(w) and `y < low` implies y < exp(w) exactly as computed: the decisions, hence the
 * values, are those of the test without the squeeze.
 *
 * Checked here on the layer's range of w widened by 2^-48 of itself (a candidate x = magnitude·scale
 * may lie an ulp or two outside [X[i+1], X[i]]): chord minus e^w is concave, so its minimum is at the
 * ends; e^w minus the tangent is convex with its minimum at the tangent point. A layer whose bounds fail the check (none does) gets bounds
 * that decide nothing.
 */
function squeezeTables(
  edges: Float64Array,
  heights: Float64Array,
): Pick<ZigguratTables, 'squeezeLowA' | 'squeezeLowB' | 'squeezeHighA' | 'squeezeHighB'> {
  const squeezeLowA = new Float64Array(256);
  const squeezeLowB = new Float64Array(256);
  const squeezeHighA = new Float64Array(256);
  const squeezeHighB = new Float64Array(256);
  for (let i = 0; i < 256; i++) {
    let bounds = UNDECIDED;
    if (i > 0) {
      // w from wLow (x = X[i]) to wHigh (x = X[i+1]); e^w from F[i] to F[i+1].
      const wLow = -0.5 * edges[i]! * edges[i]!;
      const wHigh = -0.5 * edges[i + 1]! * edges[i + 1]!;
      const delta = heights[i]! * 2.3283064365386963e-10; // 2^-32
      const slope = (heights[i + 1]! - heights[i]!) / (wHigh - wLow);
      const middle = 0.5 * (wLow + wHigh);
      const atMiddle = deterministicExp(middle);
      const candidate = {
        lowA: atMiddle * (1 - middle) - delta,
        lowB: atMiddle,
        highA: heights[i + 1]! - slope * wHigh + delta,
        highB: slope,
      };
      const ends = [wLow * (1 + 3.552713678800501e-15), wHigh * (1 - 3.552713678800501e-15)]; // 2^-48
      const holds =
        ends.every((w) => candidate.highA + candidate.highB * w - deterministicExp(w) >= delta / 2) &&
        [...ends, middle].every((w) => deterministicExp(w) - (candidate.lowA + candidate.lowB * w) >= delta / 2);
      if (holds) bounds = candidate;
    }
    squeezeLowA[i] = bounds.lowA;
    squeezeLowB[i] = bounds.lowB;
    squeezeHighA[i] = bounds.highA;
    squeezeHighB[i] = bounds.highB;
  }
  return { squeezeLowA, squeezeLowB, squeezeHighA, squeezeHighB };
}

/**
 * A sample from the tail x > R of the normal, by Marsaglia's (1964) method: x = R − ln(u1)/R,
 * accepted when −2·ln(u2) > (x − R)². Each attempt draws two 53-bit uniforms (four words).
 */
export function sampleTail(state: Int32Array): number {
  for (;;) {
    const excess = -deterministicLog(nextOpenClosed53(state)) / ZIGGURAT_R;
    const exponential = -deterministicLog(nextOpenClosed53(state));
    if (exponential + exponential > excess * excess) return ZIGGURAT_R + excess;
  }
}

/**
 * The wedge test of layer i ≥ 1 for a candidate |x| in [X[i+1], X[i]): draws a 53-bit uniform u
 * (two words) and accepts when F[i] + u·(F[i+1] − F[i]) < exp(−x²/2).
 */
export function acceptWedge(state: Int32Array, layer: number, x: number, heights: Float64Array): boolean {
  const floor = heights[layer]!;
  const y = floor + nextOpenClosed53(state) * (heights[layer + 1]! - floor);
  return y < density(x);
}
