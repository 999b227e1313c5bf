import { describe, expect, test } from 'vitest';
import { BLOCK_SIZE, fillBlocks, seedBlock } from './block-stream.js';
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

  test('the stream is cut into blocks of the documented 256 elements, each drawn from its own seeded generator', () => {
    // What fillBlocks asks of the kernel for 3 blocks and a bit, from offset 100: the cuts must fall
    // at multiples of 256 (STREAMS.md §3) and each block must start from seedBlock's state.
    const key = [7, 9] as const;
    const calls: { start: number; end: number; state: number[] }[] = [];
    const record = (_out: Float64Array, start: number, end: number, state: Int32Array): void => {
      calls.push({ start, end, state: Array.from(state) });
    };
    fillBlocks(new Float64Array(3 * 256 + 5 - 100), 100, key, record, undefined);
    // The first block starts inside the slice: regenerated from its start into a scratch array.
    expect(calls.map(({ start, end }) => [start, end])).toEqual([
      [0, 256],
      [156, 412],
      [412, 668],
      [668, 673],
    ]);
    calls.forEach(({ state }, block) => {
      const expected = new Int32Array(4);
      seedBlock(key[0], key[1], block, expected);
      expect(state, `block ${block}`).toEqual(Array.from(expected));
    });
    expect(BLOCK_SIZE).toBe(256);
  });
});
