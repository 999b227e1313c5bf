// Method 'svd' is opt-in: before enableSvd() it throws a TypeError that says what to import and
// call (never a wrong matrix), 'qr' does not depend on it, and afterwards the values are the SVD's.
import { beforeEach, describe, expect, test, vi } from 'vitest';

// Fresh modules per test: the enabled SVD is module state, and these tests start without it.
async function fresh() {
  vi.resetModules();
  const [{ orthogonalize }, backend, { enableSvd, svd }] = await Promise.all([
    import('./orthogonalize.js'),
    import('./svd-backend.js'),
    import('./svd.js'),
  ]);
  return { orthogonalize, isSvdEnabled: backend.isSvdEnabled, enableSvd, svd };
}

const NOT_ENABLED =
  "orthogonalize: method 'svd' must be enabled first: import { enableSvd } from '@init/linalg/svd' and call enableSvd() once. Received: \"svd\".";

describe("orthogonalize's method 'svd' before and after enableSvd()", () => {
  let modules: Awaited<ReturnType<typeof fresh>>;
  beforeEach(async () => {
    modules = await fresh();
  });

  test.each([
    [[3, 1, 4, 2], 2, 2],
    [[1, 2, 3, 4, 5, 6], 3, 2],
    [[1, 2, 3, 4, 5, 6], 2, 3],
    [[], 4, 0],
  ])('%j (%i × %i) throws a TypeError naming the import before enableSvd()', (a, rows, cols) => {
    const { orthogonalize, isSvdEnabled } = modules;
    expect(isSvdEnabled()).toBe(false);
    const call = () => orthogonalize(a, rows, cols, { method: 'svd' });
    expect(call).toThrow(TypeError);
    expect(call).toThrow(NOT_ENABLED);
  });

  test("method 'qr' (the default) needs no SVD", () => {
    const { orthogonalize, isSvdEnabled } = modules;
    const q = orthogonalize([3, 1, 4, 2], 2, 2);
    expect(Array.from(q)).toEqual(Array.from(orthogonalize([3, 1, 4, 2], 2, 2, { method: 'qr' })));
    expect(q[0]).toBeCloseTo(0.6, 14);
    expect(isSvdEnabled()).toBe(false);
  });

  test('an unknown method is still reported as one, SVD or not', () => {
    const { orthogonalize } = modules;
    expect(() => orthogonalize([1], 1, 1, { method: 'lu' as 'qr' })).toThrow(
      `orthogonalize: method must be one of 'qr', 'svd'. Received: "lu".`,
    );
  });

  test("after enableSvd() (once or twice) method 'svd' gives U (tall) or Vᵀ (square, wide) of svd()", () => {
    const { orthogonalize, isSvdEnabled, enableSvd, svd } = modules;
    enableSvd();
    enableSvd();
    expect(isSvdEnabled()).toBe(true);
    // The README's example, to the last bit.
    expect(Array.from(orthogonalize([3, 1, 4, 2], 2, 2, { method: 'svd' }))).toEqual([
      0.9145142956773045, 0.4045535848337569, 0.4045535848337569, -0.9145142956773045,
    ]);
    const tall = [1, 2, 3, 4, 5, 7];
    expect(Array.from(orthogonalize(tall, 3, 2, { method: 'svd' }))).toEqual(Array.from(svd(tall, 3, 2).u));
    expect(orthogonalize([], 4, 0, { method: 'svd' }).length).toBe(0);
  });
});
