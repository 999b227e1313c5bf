import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { blocksOfRange, shrinkingRanges, splitRange } from './blocks.js';

// Every element of [start, end) exactly once, in order, with each block's offset naming the flat
// position its start claims: the blocks are exact partitionInfo slices of the range.
function covered(shape: readonly number[], start: number, end: number): number[] {
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  const flat: number[] = [];
  for (const block of blocksOfRange(shape, start, end)) {
    expect(block.shape.reduce((a, b) => a * b, 1)).toBe(block.size);
    expect(block.offset.reduce((sum, index, axis) => sum + index * (strides[axis] as number), 0)).toBe(block.start);
    for (const [axis, index] of block.offset.entries()) {
      expect(index + (block.shape[axis] as number)).toBeLessThanOrEqual(shape[axis] as number);
    }
    for (let i = 0; i < block.size; i++) flat.push(block.start + i);
  }
  return flat;
}

describe('blocksOfRange', () => {
  test.each([
    [[10, 7], 0, 70, 1],
    [[10, 7], 7, 21, 1],
    [[10, 7], 3, 21, 2],
    [[10, 7], 3, 25, 3],
    [[4, 5, 6], 7, 113, 5],
    [[4, 5, 6], 1, 2, 1],
    [[9], 2, 7, 1],
  ])('shape %j, range [%i, %i) is %i contiguous blocks', (shape, start, end, count) => {
    expect(covered(shape, start, end)).toEqual(Array.from({ length: end - start }, (_, i) => start + i));
    expect(blocksOfRange(shape, start, end)).toHaveLength(count);
  });

  test('a scalar is one block; an empty range none', () => {
    expect(blocksOfRange([], 0, 1)).toEqual([{ start: 0, size: 1, shape: [], offset: [] }]);
    expect(blocksOfRange([3, 0, 2], 0, 0)).toEqual([]);
  });

  test('any range of any shape: every element once, in order, at most 2·rank − 1 blocks', () => {
    const shapes = fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(shapes, fc.nat(), fc.nat(), (shape, a, b) => {
        const size = shape.reduce((x, y) => x * y, 1);
        const [start, end] = [a % (size + 1), b % (size + 1)].sort((x, y) => x - y) as [number, number];
        expect(covered(shape, start, end)).toEqual(Array.from({ length: end - start }, (_, i) => start + i));
        expect(blocksOfRange(shape, start, end).length).toBeLessThanOrEqual(Math.max(1, 2 * shape.length - 1));
      }),
    );
  });
});

describe('splitRange', () => {
  test.each([
    [10_000, 4, 1024],
    [1 << 20, 8, 1024],
    [1000, 4, 1024],
    [5000, 3, 1],
  ])('splits %i into at most %i ranges on %i-element steps', (size, parts, grain) => {
    const ranges = splitRange(size, parts, grain);
    expect(ranges.length).toBeLessThanOrEqual(parts);
    expect(ranges[0]?.[0]).toBe(0);
    expect(ranges.at(-1)?.[1]).toBe(size);
    ranges.forEach(([start, end], index) => {
      expect(end).toBeGreaterThan(start);
      expect(start % grain).toBe(0);
      if (index > 0) expect(start).toBe(ranges[index - 1]?.[1]);
    });
  });
});

describe('shrinkingRanges', () => {
  test('2^24 elements for two workers: 19 parts from a quarter of the whole down to 64 Ki', () => {
    const sizes = shrinkingRanges(2 ** 24, 2, 1024, 2 ** 16).map(([start, end]) => (end - start) / 1024);
    expect(sizes).toEqual([
      4096, 3072, 2304, 1728, 1296, 972, 729, 547, 410, 308, 231, 173, 130, 97, 73, 64, 64, 64, 26,
    ]);
  });

  test('any size, workers, grain and least: consecutive, on grain steps, shrinking, none below least but the last', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1 << 22 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 4096 }),
        fc.integer({ min: 0, max: 1 << 18 }),
        (size, workers, grain, least) => {
          const ranges = shrinkingRanges(size, workers, grain, least);
          expect(ranges.length === 0).toBe(size === 0);
          let previous = Number.POSITIVE_INFINITY;
          ranges.forEach(([start, end], index) => {
            expect(start).toBe(index === 0 ? 0 : ranges[index - 1]?.[1]);
            expect(start % grain).toBe(0);
            expect(end).toBeGreaterThan(start);
            if (index < ranges.length - 1) {
              expect(end - start).toBeGreaterThanOrEqual(Math.max(grain, least));
              expect(end - start).toBeLessThanOrEqual(previous);
            }
            previous = end - start;
          });
          if (size > 0) expect(ranges.at(-1)?.[1]).toBe(size);
        },
      ),
    );
  });
});
