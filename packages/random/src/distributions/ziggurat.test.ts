import { afterEach, describe, expect, test } from 'vitest';
import { fillNormal, keyFromSeed, setKernels } from '../index.js';
import { requireKeyWords } from '../keys.js';
import { BLOCK_SIZE, seedBlock } from '../engines/block-stream.js';
import { nextXoshiro128 } from '../engines/xoshiro128.js';
import { lastFillKernels } from '../kernels/sampler.js';
import { deterministicExp } from '../math/deterministic-math.js';
import { acceptWedge, sampleTail, zigguratTables } from './ziggurat.js';

afterEach(() => setKernels('auto'));

const TWO_POW_32 = 4294967296;

describe('the wedge test squeeze', () => {
  const tables = zigguratTables();

  test('every wedge layer has bounds that decide (none fell back to the exponential alone)', () => {
    for (let i = 1; i < 256; i++) {
      expect(tables.squeezeLowB[i], `layer ${i}`).toBeGreaterThan(0);
      expect(tables.squeezeHighB[i], `layer ${i}`).toBeGreaterThan(0);
    }
  });

  test('low < exp(w) < high with room, at the candidates of every layer (both magnitudes, both ends)', () => {
    // The candidates x of layer i: 23-bit and 52-bit magnitudes from the acceptance limit to the
    // largest, each x = magnitude·scale as the kernels compute it, and w = (−x/2)·x.
    const failures: string[] = [];
    for (let i = 1; i < 256; i++) {
      const xs: number[] = [];
      const steps = 400;
      for (let k = 0; k <= steps; k++) {
        const m23 = Math.round(tables.accept23[i]! + ((8388607 - tables.accept23[i]!) * k) / steps);
        xs.push(m23 * tables.scale23[i]!);
        const m52 = Math.min(
          4503599627370495,
          Math.round(tables.accept52[i]! + ((4503599627370495 - tables.accept52[i]!) * k) / steps),
        );
        xs.push(m52 * tables.scale52[i]!);
      }
      // Room: a quarter of the bounds' distance 2^-32·F[i], far above every rounding involved.
      const room = tables.heights[i]! * 2 ** -34;
      for (const x of xs) {
        const w = -0.5 * x * x;
        const exact = deterministicExp(w);
        const low = tables.squeezeLowA[i]! + tables.squeezeLowB[i]! * w;
        const high = tables.squeezeHighA[i]! + tables.squeezeHighB[i]! * w;
        if (!(exact - low >= room && high - exact >= room))
          failures.push(`layer ${i}, x ${x}: ${low} ${exact} ${high}`);
      }
    }
    expect(failures).toEqual([]);
  });

  test('leaves under 1% of wedge tests to the exponential (grid over each layer, weighted by its wedge share)', () => {
    let undecided = 0;
    let total = 0;
    for (let i = 1; i < 256; i++) {
      const [floor, top] = [tables.heights[i]!, tables.heights[i + 1]!];
      const share = 1 - tables.accept23[i]! / 8388608; // the layer's candidates that reach the wedge
      const grid = 60;
      let count = 0;
      for (let k = 0; k < grid; k++) {
        const x = (tables.accept23[i]! + ((8388608 - tables.accept23[i]!) * (k + 0.5)) / grid) * tables.scale23[i]!;
        const w = -0.5 * x * x;
        for (let j = 0; j < grid; j++) {
          const y = floor + ((j + 0.5) / grid) * (top - floor);
          const low = tables.squeezeLowA[i]! + tables.squeezeLowB[i]! * w;
          const high = tables.squeezeHighA[i]! + tables.squeezeHighB[i]! * w;
          if (y >= low && y < high) count++;
        }
      }
      undecided += (share * count) / (grid * grid);
      total += share;
    }
    expect(undecided / total).toBeLessThan(0.01);
  });
});

/**
 * The normal fill without kernels, squeeze or batching: each block's generator, the ziggurat's
 * candidate, the tail and the wedge test of ziggurat.ts (which computes the exponential every time).
 */
function referenceNormal(n: number, words: readonly [number, number], wide: boolean): number[] {
  const t = zigguratTables();
  const state = new Int32Array(4);
  const out: number[] = [];
  for (let block = 0; out.length < n; block++) {
    seedBlock(words[0], words[1], block, state);
    const end = Math.min(n, (block + 1) * BLOCK_SIZE);
    while (out.length < end) {
      const first = nextXoshiro128(state);
      const layer = first & 255;
      let z: number;
      let outside: boolean;
      if (wide) {
        const magnitude = (first >>> 12) * TWO_POW_32 + nextXoshiro128(state);
        z = magnitude * t.scale52[layer]!;
        outside = magnitude >= t.accept52[layer]!;
      } else {
        const magnitude = first >>> 9;
        z = magnitude * t.scale23[layer]!;
        outside = magnitude >= t.accept23[layer]!;
      }
      if (outside) {
        if (layer === 0) z = sampleTail(state);
        else if (!acceptWedge(state, layer, z, t.heights)) continue;
      }
      const signed = (first >>> 8) & 1 ? -z : z;
      out.push(wide ? signed : Math.fround(signed));
    }
  }
  return out;
}

describe('normal fills equal the reference sampler without the squeeze', () => {
  // 2^17 elements: about 1800 wedge tests and 130 tails per fill.
  const n = 2 ** 17;
  test.each([
    ['float32', false],
    ['float64', true],
  ] as const)('%s, both kernels, two keys', (_dtype, wide) => {
    for (const seed of [1, 'squeeze']) {
      const key = keyFromSeed(seed);
      const expected = referenceNormal(n, requireKeyWords('test', key), wide);
      for (const kernels of ['auto', 'javascript'] as const) {
        setKernels(kernels);
        const out = fillNormal(wide ? new Float64Array(n) : new Float32Array(n), key);
        expect(lastFillKernels()).toBe(kernels === 'auto' ? 'webassembly-simd' : 'javascript');
        let first = -1;
        for (let i = 0; i < n && first < 0; i++) if (!Object.is(out[i], expected[i])) first = i;
        expect(first, `${kernels}, seed ${seed}`).toBe(-1);
      }
    }
  });
});

describe('tables by layer and sign', () => {
  test('entry j is layer j & 255 with the scale negated for j ≥ 256, so magnitude·scale signs exactly', () => {
    const t = zigguratTables();
    for (let j = 0; j < 512; j++) {
      const layer = j & 255;
      const sign = j < 256 ? 1 : -1;
      expect(t.signedAccept23[j]).toBe(t.accept23[layer]);
      expect(t.signedAccept52[j]).toBe(t.accept52[layer]);
      expect(Object.is(t.signedScale23[j], sign * t.scale23[layer]!)).toBe(true);
      expect(Object.is(t.signedScale52[j], sign * t.scale52[layer]!)).toBe(true);
      // The products the kernels form, against the magnitude's product with the sign applied after
      // (zero, the first and last magnitude of the core, the largest).
      for (const magnitude of [0, 1, t.accept23[layer]! - 1, t.accept23[layer]!, 8388607]) {
        const unsigned = magnitude * t.scale23[layer]!;
        expect(Object.is(magnitude * t.signedScale23[j]!, sign < 0 ? -unsigned : unsigned)).toBe(true);
      }
    }
  });
});
