// Type tests of @init/parallel's public API (Vitest typecheck mode: checked by the compiler, not run).
import type { DType, Tensor, TypedArray } from '@init/core';
import { describe, expectTypeOf, test } from 'vitest';
import type * as browser from './index.browser.js';
import type * as node from './index.js';
import { applyParallel, fillParallel, sharedArray, type ParallelOptions } from './index.js';

describe('the two entries', () => {
  test('the browser entry exports what the Node.js entry exports, with the same types', () => {
    // One declaration file serves both entries (package.json `types`), so they must agree.
    expectTypeOf<typeof browser>().toEqualTypeOf<typeof node>();
  });
});

describe('applyParallel and fillParallel', () => {
  test('return promises of a Tensor and of nothing', () => {
    expectTypeOf(applyParallel).returns.toEqualTypeOf<Promise<Tensor>>();
    expectTypeOf(fillParallel).returns.toEqualTypeOf<Promise<void>>();
  });

  test('options are read-only and typed', () => {
    expectTypeOf<ParallelOptions['workers']>().toEqualTypeOf<number | undefined>();
    // @ts-expect-error workers is a number
    const wrong: ParallelOptions = { workers: '2' };
    void wrong;
  });
});

describe('sharedArray', () => {
  test('returns a typed array for a dtype and a length', () => {
    expectTypeOf(sharedArray).parameters.toEqualTypeOf<[DType, number]>();
    expectTypeOf(sharedArray).returns.toEqualTypeOf<TypedArray>();
  });
});
