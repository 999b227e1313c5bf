/**
 * Measures candidate constructions for the default engine's uniform float32 stream, each written as
 * a tight inline loop so the comparison is of the generators, not of call overhead:
 *
 * - Threefry2x32-20 per pair of elements (fully counter-based, 2 elements per block cipher call),
 * - Threefry2x32-13 per pair (Random123's minimum Crush-resistant round count),
 * - Philox4x32-10 per 4 elements (its 32×32→64 multiply done in 16-bit halves),
 * - Threefry2x32-20 keyed per block of 256 elements, xoshiro128** within the block (the chosen one).
 *
 * Run: `pnpm exec tsx bench/constructions.bench.ts`. Self-contained (it measures the building blocks,
 * not the package), so it does not need a build. Prints ns per element, best of several rounds.
 */

const n = 1 << 24;
const out = new Float32Array(n);
const K0 = 0x13198a2e | 0;
const K1 = 0x03707344 | 0;

function threefryPerPair(rounds: 13 | 20): void {
  const ks2 = (K0 ^ K1 ^ 0x1bd11bda) | 0;
  const ks = [K0, K1, ks2];
  const rot = [13, 15, 26, 6, 17, 29, 16, 24];
  for (let pair = 0; pair < n / 2; pair++) {
    let x0 = (pair + K0) | 0;
    let x1 = K1;
    for (let r = 0; r < rounds; r++) {
      const R = rot[r & 7]!;
      x0 = (x0 + x1) | 0;
      x1 = ((x1 << R) | (x1 >>> (32 - R))) ^ x0;
      if ((r & 3) === 3) {
        const i = (r >>> 2) + 1;
        x0 = (x0 + ks[i % 3]!) | 0;
        x1 = (x1 + ks[(i + 1) % 3]! + i) | 0;
      }
    }
    out[2 * pair] = (x0 >>> 8) * 5.960464477539063e-8;
    out[2 * pair + 1] = (x1 >>> 8) * 5.960464477539063e-8;
  }
}

function threefry20Unrolled(): void {
  const k0 = K0,
    k1 = K1,
    k2 = (K0 ^ K1 ^ 0x1bd11bda) | 0;
  for (let pair = 0; pair < n / 2; pair++) {
    let x0 = (pair + k0) | 0;
    let x1 = k1;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
    x0 = (x0 + k1) | 0;
    x1 = (x1 + k2 + 1) | 0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
    x0 = (x0 + k2) | 0;
    x1 = (x1 + k0 + 2) | 0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
    x0 = (x0 + k0) | 0;
    x1 = (x1 + k1 + 3) | 0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
    x0 = (x0 + k1) | 0;
    x1 = (x1 + k2 + 4) | 0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
    x0 = (x0 + x1) | 0;
    x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
    x0 = (x0 + k2) | 0;
    x1 = (x1 + k0 + 5) | 0;
    out[2 * pair] = (x0 >>> 8) * 5.960464477539063e-8;
    out[2 * pair + 1] = (x1 >>> 8) * 5.960464477539063e-8;
  }
}

function mulhi(a: number, b: number): number {
  // High 32 bits of the 64-bit product a·b, from 16-bit halves (JavaScript has no 32×32→64 multiply).
  const a0 = a & 0xffff,
    a1 = a >>> 16,
    b0 = b & 0xffff,
    b1 = b >>> 16;
  const lo = a0 * b0;
  const mid1 = a1 * b0 + (lo >>> 16);
  const mid2 = a0 * b1 + (mid1 & 0xffff);
  return (a1 * b1 + (mid1 >>> 16) + (mid2 >>> 16)) >>> 0;
}

function philox4x32(): void {
  const M0 = 0xd2511f53,
    M1 = 0xcd9e8d57,
    W0 = 0x9e3779b9,
    W1 = 0xbb67ae85;
  for (let block = 0; block < n / 4; block++) {
    let c0 = block,
      c1 = 0,
      c2 = 0,
      c3 = 0;
    let k0 = K0 >>> 0,
      k1 = K1 >>> 0;
    for (let r = 0; r < 10; r++) {
      const hi0 = mulhi(M0, c0),
        lo0 = Math.imul(M0, c0);
      const hi1 = mulhi(M1, c2),
        lo1 = Math.imul(M1, c2);
      const n0 = (hi1 ^ c1 ^ k0) >>> 0,
        n2 = (hi0 ^ c3 ^ k1) >>> 0;
      c0 = n0;
      c1 = lo1 >>> 0;
      c2 = n2;
      c3 = lo0 >>> 0;
      k0 = (k0 + W0) >>> 0;
      k1 = (k1 + W1) >>> 0;
    }
    out[4 * block] = (c0 >>> 8) * 5.960464477539063e-8;
    out[4 * block + 1] = (c1 >>> 8) * 5.960464477539063e-8;
    out[4 * block + 2] = (c2 >>> 8) * 5.960464477539063e-8;
    out[4 * block + 3] = (c3 >>> 8) * 5.960464477539063e-8;
  }
}

const blockWords = new Int32Array(2);

/** Threefry2x32-20 of counter (c0, c1) under the fixed key, unrolled, written to blockWords. */
function threefry20(c0: number, c1: number): void {
  const k0 = K0,
    k1 = K1,
    k2 = (K0 ^ K1 ^ 0x1bd11bda) | 0;
  let x0 = (c0 + k0) | 0;
  let x1 = (c1 + k1) | 0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + k1) | 0;
  x1 = (x1 + k2 + 1) | 0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  x0 = (x0 + k2) | 0;
  x1 = (x1 + k0 + 2) | 0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + k0) | 0;
  x1 = (x1 + k1 + 3) | 0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 17) | (x1 >>> 15)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 29) | (x1 >>> 3)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 16) | (x1 >>> 16)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 24) | (x1 >>> 8)) ^ x0;
  x0 = (x0 + k1) | 0;
  x1 = (x1 + k2 + 4) | 0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 13) | (x1 >>> 19)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 15) | (x1 >>> 17)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 26) | (x1 >>> 6)) ^ x0;
  x0 = (x0 + x1) | 0;
  x1 = ((x1 << 6) | (x1 >>> 26)) ^ x0;
  x0 = (x0 + k2) | 0;
  x1 = (x1 + k0 + 5) | 0;
  blockWords[0] = x0;
  blockWords[1] = x1;
}

function threefryKeyedXoshiro(blockSize: number): void {
  for (let start = 0, block = 0; start < n; start += blockSize, block++) {
    threefry20(2 * block, 0);
    let s0 = blockWords[0]!,
      s1 = blockWords[1]!;
    threefry20(2 * block + 1, 0);
    let s2 = blockWords[0]!,
      s3 = blockWords[1]!;
    const end = Math.min(n, start + blockSize);
    for (let i = start; i < end; i++) {
      const m = Math.imul(s1, 5);
      const result = Math.imul((m << 7) | (m >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      out[i] = (result >>> 8) * 5.960464477539063e-8;
    }
  }
}

function threefryPairsViaFunction(): void {
  for (let pair = 0; pair < n / 2; pair++) {
    threefry20(pair, 0);
    out[2 * pair] = (blockWords[0]! >>> 8) * 5.960464477539063e-8;
    out[2 * pair + 1] = (blockWords[1]! >>> 8) * 5.960464477539063e-8;
  }
}

function measure(name: string, run: () => void, rounds = 5): void {
  run();
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  let sum = 0;
  for (let i = 0; i < n; i += 4099) sum += out[i]!;
  if (!(sum > 0)) throw new Error(`${name}: output is empty`);
  console.log(`${name.padEnd(48)} ${((best * 1e6) / n).toFixed(2)} ns/element`);
}

measure('Float32Array.fill (floor)', () => out.fill(0.5));
measure('threefry2x32-20 per pair (looped rounds)', () => threefryPerPair(20));
measure('threefry2x32-20 per pair (unrolled)', threefry20Unrolled);
measure('threefry2x32-13 per pair (looped rounds)', () => threefryPerPair(13));
measure('philox4x32-10 per 4 elements', philox4x32);
measure('threefry2x32-20 per pair (unrolled function)', threefryPairsViaFunction);
measure('threefry-keyed xoshiro128** block=64', () => threefryKeyedXoshiro(64));
measure('threefry-keyed xoshiro128** block=256', () => threefryKeyedXoshiro(256));
measure('threefry-keyed xoshiro128** block=1024', () => threefryKeyedXoshiro(1024));
