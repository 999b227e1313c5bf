import { describe, expect, test } from 'vitest';
import { deterministicExp, deterministicLog } from './deterministic-math.js';

/** Distance in units in the last place between two positive finite doubles. */
function ulps(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  const difference = view.getBigInt64(0) - view.getBigInt64(8);
  return Number(difference < 0n ? -difference : difference);
}

describe('deterministic log and exp', () => {
  test('log is within 4 ulp of Math.log on (0, 1], the tail sampler’s domain, and beyond', () => {
    let worst = 0;
    for (let i = 1; i <= 100000; i++) {
      for (const x of [i / 100000, (i / 100000) ** 9, 1 + i * 0.37]) {
        const reference = Math.log(x);
        if (reference === 0) expect(deterministicLog(x)).toBe(0);
        else worst = Math.max(worst, ulps(Math.abs(deterministicLog(x)), Math.abs(reference)));
      }
    }
    expect(worst).toBeLessThanOrEqual(4);
  }, 120_000);

  test('exp is within 4 ulp of Math.exp on [−40, 40] (the wedge test needs [−6.7, 0])', () => {
    let worst = 0;
    for (let i = -400000; i <= 400000; i++) {
      const x = i / 10000;
      worst = Math.max(worst, ulps(deterministicExp(x), Math.exp(x)));
    }
    expect(worst).toBeLessThanOrEqual(4);
  }, 120_000);

  test.each([
    [0, -Infinity],
    [-1, NaN],
    [NaN, NaN],
    [Infinity, Infinity],
    [5e-324, -744.4400719213812],
  ])('log(%s) = %s', (x, expected) => {
    const value = deterministicLog(x);
    if (Number.isNaN(expected)) expect(value).toBeNaN();
    else expect(ulps(Math.abs(value), Math.abs(expected))).toBeLessThanOrEqual(4);
  });

  test.each([
    [0, 1],
    [-Infinity, 0],
    [Infinity, Infinity],
    [-800, 0],
    [800, Infinity],
  ])('exp(%s) = %s', (x, expected) => {
    expect(deterministicExp(x)).toBe(expected);
  });
});
