/**
 * Test-only: the cases several test files of @init/linalg draw from (matrices themselves are in
 * gaussian.ts, their checks in matrix.ts). Not shipped: package.json's "files" excludes src/testing.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { TestRandom } from './gaussian.js';

/** A Gaussian matrix of a random shape, each side from 1 to `maxSide`, from a random seed. */
export function gaussianCase(maxSide: number): fc.Arbitrary<{ rows: number; cols: number; a: Float64Array }> {
  return fc
    .tuple(
      fc.integer({ min: 1, max: maxSide }),
      fc.integer({ min: 1, max: maxSide }),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    )
    .map(([rows, cols, seed]) => ({ rows, cols, a: new TestRandom(seed).gaussianMatrix(rows, cols) }));
}

/** An error class as `toThrow` takes it. */
type ErrorClass = new (...args: never[]) => Error;

/**
 * The check of the bad-call tables: `fn(...args)` throws an instance of `type` whose message
 * contains `message`.
 */
export function expectCallThrows(fn: unknown, args: readonly unknown[], type: ErrorClass, message: string): void {
  const call = () => (fn as (...values: unknown[]) => unknown)(...args);
  expect(call).toThrow(type);
  expect(call).toThrow(message);
}

/** The small shapes every factorization is tested on (with their transposes): vectors, a tiny square, tall and wide. */
export const SMALL_SHAPES: readonly (readonly [number, number])[] = [
  [1, 1],
  [1, 7],
  [2, 2],
  [5, 3],
];

/** Each shape and, when it is not square, its transpose: the tests factor both orientations. */
export function andTransposed(shapes: readonly (readonly [number, number])[]): [number, number][] {
  return shapes.flatMap(([rows, cols]): [number, number][] =>
    rows === cols
      ? [[rows, cols]]
      : [
          [rows, cols],
          [cols, rows],
        ],
  );
}
