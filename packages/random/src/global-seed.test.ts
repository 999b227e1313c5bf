import { afterEach, describe, expect, test } from 'vitest';
import { InitRangeError } from './errors.js';
import { freshKey, setGlobalSeed } from './global-seed.js';
import { keyFromSeed, keyToString } from './keys.js';
import { fillUniformTfjs } from './distributions/tfjs.js';

afterEach(() => setGlobalSeed(null));

describe('freshKey and setGlobalSeed', () => {
  test('without a global seed, every key is fresh (64 bits from crypto.getRandomValues)', () => {
    const texts = Array.from({ length: 32 }, () => keyToString(freshKey()));
    expect(new Set(texts).size).toBe(32);
  });

  test('after setGlobalSeed the sequence is reproducible, and setting the seed again restarts it', () => {
    setGlobalSeed(1234);
    const first = Array.from({ length: 5 }, () => keyToString(freshKey()));
    setGlobalSeed(1234);
    const second = Array.from({ length: 5 }, () => keyToString(freshKey()));
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(5);
    setGlobalSeed('1234');
    expect(keyToString(freshKey())).not.toBe(first[0]);
  });

  test('the sequence is not the seed key itself nor its split/foldIn children', () => {
    setGlobalSeed(5);
    expect(keyToString(freshKey())).not.toBe(keyToString(keyFromSeed(5)));
  });

  test('unseeded tfjs calls draw their seed from the sequence', () => {
    setGlobalSeed(99);
    const first = fillUniformTfjs(new Float32Array(8), undefined);
    setGlobalSeed(99);
    expect(fillUniformTfjs(new Float32Array(8), undefined)).toEqual(first);
  });

  test('rejects bad seeds like keyFromSeed, naming setGlobalSeed', () => {
    expect(() => setGlobalSeed(-1)).toThrow(InitRangeError);
    expect(() => setGlobalSeed(-1)).toThrow(/^setGlobalSeed: seed must be/);
  });
});
