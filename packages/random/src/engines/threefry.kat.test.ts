import { describe, expect, test } from 'vitest';
import { threefry2x32, threefry2x32x20 } from './threefry.js';

// Random123's published known-answer vectors (examples/kat_vectors): counter c0 c1, key k0 k1 → x0 x1.
const vectors = [
  { rounds: 13, counter: [0x00000000, 0x00000000], key: [0x00000000, 0x00000000], expected: [0x9d1c5ec6, 0x8bd50731] },
  { rounds: 13, counter: [0xffffffff, 0xffffffff], key: [0xffffffff, 0xffffffff], expected: [0xfd36d048, 0x2d17272c] },
  { rounds: 13, counter: [0x243f6a88, 0x85a308d3], key: [0x13198a2e, 0x03707344], expected: [0xba3e4725, 0xf27d669e] },
  { rounds: 20, counter: [0x00000000, 0x00000000], key: [0x00000000, 0x00000000], expected: [0x6b200159, 0x99ba4efe] },
  { rounds: 20, counter: [0xffffffff, 0xffffffff], key: [0xffffffff, 0xffffffff], expected: [0x1cb996fc, 0xbb002be7] },
  { rounds: 20, counter: [0x243f6a88, 0x85a308d3], key: [0x13198a2e, 0x03707344], expected: [0xc4923a9c, 0x483df7a0] },
  { rounds: 32, counter: [0x00000000, 0x00000000], key: [0x00000000, 0x00000000], expected: [0xcee3d47e, 0xa23dfd5c] },
  { rounds: 32, counter: [0xffffffff, 0xffffffff], key: [0xffffffff, 0xffffffff], expected: [0x6e2fe0d0, 0xb1b76f82] },
  { rounds: 32, counter: [0x243f6a88, 0x85a308d3], key: [0x13198a2e, 0x03707344], expected: [0xe2827716, 0xc3c05cdf] },
] as const;

describe('threefry2x32 (Random123 known answers)', () => {
  test.each(vectors)('$rounds rounds, counter $counter', ({ rounds, counter, key, expected }) => {
    const out = threefry2x32(key[0], key[1], counter[0], counter[1], rounds, new Int32Array(2));
    expect([out[0]! >>> 0, out[1]! >>> 0]).toEqual(expected);
  });

  test.each(vectors.filter((vector) => vector.rounds === 20))(
    'unrolled 20 rounds, counter $counter',
    ({ counter, key, expected }) => {
      const out = new Int32Array(4);
      threefry2x32x20(key[0], key[1], counter[0], counter[1], out, 2);
      expect([out[2]! >>> 0, out[3]! >>> 0]).toEqual(expected);
      expect([out[0], out[1]]).toEqual([0, 0]);
    },
  );

  test('the unrolled function equals the specification loop on 1000 pseudo-random inputs', () => {
    const looped = new Int32Array(2);
    const unrolled = new Int32Array(2);
    let x = 0x9e3779b9;
    for (let i = 0; i < 1000; i++) {
      const words = [0, 0, 0, 0].map(() => (x = (Math.imul(x, 1664525) + 1013904223) | 0));
      threefry2x32(words[0]!, words[1]!, words[2]!, words[3]!, 20, looped);
      threefry2x32x20(words[0]!, words[1]!, words[2]!, words[3]!, unrolled, 0);
      expect(Array.from(unrolled)).toEqual(Array.from(looped));
    }
  }, 60_000);
});
