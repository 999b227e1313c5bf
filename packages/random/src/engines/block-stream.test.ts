import { describe, expect, test } from 'vitest';
import { BLOCK_SIZE, seedBlock } from './block-stream.js';
import { threefry2x32 } from './threefry.js';

describe('block seeding', () => {
  test('block b is seeded by Threefry2x32-20 at counters 2b and 2b + 1 (low word, high word)', () => {
    const key = [0x12345678, -0x1234568] as const;
    for (const block of [0, 1, 255, 2 ** 31, 2 ** 44 + 3]) {
      const state = new Int32Array(4);
      seedBlock(key[0], key[1], block, state);
      const first = threefry2x32(
        key[0],
        key[1],
        (2 * block) % 2 ** 32,
        Math.floor((2 * block) / 2 ** 32),
        20,
        new Int32Array(2),
      );
      const second = threefry2x32(
        key[0],
        key[1],
        (2 * block + 1) % 2 ** 32,
        Math.floor((2 * block + 1) / 2 ** 32),
        20,
        new Int32Array(2),
      );
      expect(Array.from(state)).toEqual([...first, ...second]);
    }
  });

  test('the block size is the documented 256', () => {
    expect(BLOCK_SIZE).toBe(256);
  });
});
