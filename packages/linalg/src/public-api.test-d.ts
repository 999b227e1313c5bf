// Type tests of @init/linalg's public API (Vitest typecheck mode: `expectTypeOf` and
// `@ts-expect-error` are checked by the compiler, not run).
import { describe, expectTypeOf, test } from 'vitest';
import {
  isSvdEnabled,
  type MatrixInput,
  type OrthogonalizeMethod,
  type OrthogonalizeOptions,
  orthogonalize,
  type QrResult,
  qr,
} from './index.js';
import { enableSvd, type SvdResult, svd } from './svd-index.js';

describe('@init/linalg', () => {
  test('inputs are row-major Float64Arrays, Float32Arrays or number arrays', () => {
    expectTypeOf<MatrixInput>().toEqualTypeOf<Float64Array | Float32Array | readonly number[]>();
    expectTypeOf(qr).parameters.toEqualTypeOf<[MatrixInput, number, number]>();
    // @ts-expect-error an Int32Array is not a matrix input
    qr(new Int32Array(4), 2, 2);
  });

  test('results are Float64Arrays', () => {
    expectTypeOf(qr([1, 0, 0, 1], 2, 2)).toEqualTypeOf<QrResult>();
    expectTypeOf<QrResult['q']>().toEqualTypeOf<Float64Array>();
    expectTypeOf(svd([1, 0, 0, 1], 2, 2)).toEqualTypeOf<SvdResult>();
    expectTypeOf<SvdResult['s']>().toEqualTypeOf<Float64Array>();
    expectTypeOf(orthogonalize([3, 1, 4, 2], 2, 2)).toEqualTypeOf<Float64Array>();
  });

  test('orthogonalize takes a method', () => {
    expectTypeOf<OrthogonalizeMethod>().toEqualTypeOf<'qr' | 'svd'>();
    expectTypeOf<OrthogonalizeOptions['method']>().toEqualTypeOf<OrthogonalizeMethod | undefined>();
    orthogonalize([3, 1, 4, 2], 2, 2, { method: 'svd' });
    // @ts-expect-error not a method
    orthogonalize([3, 1, 4, 2], 2, 2, { method: 'lq' });
  });

  test("'@init/linalg/svd' holds svd and enableSvd; the package says whether it ran", () => {
    expectTypeOf(enableSvd).toEqualTypeOf<() => void>();
    expectTypeOf(isSvdEnabled).toEqualTypeOf<() => boolean>();
    expectTypeOf(svd).parameters.toEqualTypeOf<[MatrixInput, number, number]>();
  });
});
