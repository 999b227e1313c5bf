import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { aleaState } from './alea.js';

describe('Alea seeding and inline stepping', () => {
  test.each(['42', '0', '-7', '1.5', '1e+21', 'hello'])(
    'stepping the state by hand reproduces seedrandom.alea(%j)',
    (seed) => {
      const reference = seedrandom.alea(seed);
      const state = aleaState(seed);
      let [c, s0, s1, s2] = Array.from(state) as [number, number, number, number];
      for (let i = 0; i < 1000; i++) {
        const t = 2091639 * s0 + c * 2.3283064365386963e-10;
        s0 = s1;
        s1 = s2;
        c = t | 0;
        s2 = t - c;
        expect(s2).toBe(reference());
      }
    },
  );
});
