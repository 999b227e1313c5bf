import { describe, expect, test } from 'vitest';
import { InitRangeError, InitTypeError } from './errors.js';
import { foldIn, isKey, keyFromSeed, keyFromString, keyToString, split } from './keys.js';

describe('keyFromSeed', () => {
  test.each([
    [0, 'key:0000000000000000'],
    [42, 'key:000000000000002a'],
    [2 ** 32, 'key:0000000100000000'],
    [Number.MAX_SAFE_INTEGER, 'key:001fffffffffffff'],
    [0n, 'key:0000000000000000'],
    [(1n << 64n) - 1n, 'key:ffffffffffffffff'],
    [0xdeadbeefcafebaben, 'key:deadbeefcafebabe'],
  ])('integer seed %s is the 64-bit key of the same value', (seed, text) => {
    expect(keyToString(keyFromSeed(seed))).toBe(text);
  });

  test('a number and a bigint of the same value give equal keys; a string of its digits does not', () => {
    expect(keyToString(keyFromSeed(123456789))).toBe(keyToString(keyFromSeed(123456789n)));
    expect(keyToString(keyFromSeed('123456789'))).not.toBe(keyToString(keyFromSeed(123456789)));
  });

  test('string seeds are hashed: stable, distinct for distinct strings, including the empty one and lone surrogates', () => {
    const texts = [
      '',
      'a',
      'b',
      'ab',
      'ba',
      'a\u0000',
      '\u0000',
      'encoder/layer_3/kernel',
      'é',
      'e\u0301',
      '\ud800',
      '\ufffd',
      '😀',
    ];
    const keys = texts.map((text) => keyToString(keyFromSeed(text)));
    expect(new Set(keys).size).toBe(texts.length);
    expect(keys).toEqual(texts.map((text) => keyToString(keyFromSeed(text))));
  });

  test.each([-1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, -1n, 1n << 64n])('rejects %s with InitRangeError', (seed) => {
    expect(() => keyFromSeed(seed)).toThrow(InitRangeError);
    expect(() => keyFromSeed(seed)).toThrow(
      /^keyFromSeed: seed must be a non-negative safe integer, a bigint below 2\^64 or a string\. Received: /,
    );
  });

  test.each([null, undefined, {}, [1], true, Symbol('s')])('rejects %s with InitTypeError', (seed) => {
    expect(() => keyFromSeed(seed as never)).toThrow(InitTypeError);
  });

  test('keys are frozen, opaque objects that print as their text form', () => {
    const key = keyFromSeed(7);
    expect(Object.isFrozen(key)).toBe(true);
    expect(Object.keys(key)).toEqual([]);
    expect(String(key)).toBe('key:0000000000000007');
    expect(JSON.stringify({ key })).toBe('{"key":"key:0000000000000007"}');
  });
});

describe('isKey', () => {
  test('accepts keys, including those of another installed copy (same global symbol)', () => {
    expect(isKey(keyFromSeed(1))).toBe(true);
    const foreign = Object.freeze({ [Symbol.for('@init/random.key-words')]: Object.freeze([1, 2]) });
    expect(isKey(foreign)).toBe(true);
  });

  test.each([
    null,
    undefined,
    'key:0000000000000001',
    {},
    [0, 1],
    { [Symbol.for('@init/random.key-words')]: [1.5, 2] },
  ])('rejects %s', (value) => {
    expect(isKey(value)).toBe(false);
  });
});

describe('foldIn and split', () => {
  const root = keyFromSeed(42);

  test('are deterministic and give distinct children for distinct data', () => {
    const children = [
      foldIn(root, 0),
      foldIn(root, 1),
      foldIn(root, 2 ** 40),
      foldIn(root, 'a'),
      foldIn(root, 'b'),
      foldIn(root, '0'),
      ...split(root, 3),
    ];
    const texts = children.map(keyToString);
    expect(new Set([...texts, keyToString(root)]).size).toBe(texts.length + 1);
    expect(keyToString(foldIn(root, 'encoder/layer_3/kernel'))).toBe(
      keyToString(foldIn(keyFromSeed(42), 'encoder/layer_3/kernel')),
    );
  });

  test('split(key, n)[j] does not depend on n', () => {
    expect(split(root, 5).map(keyToString).slice(0, 3)).toEqual(split(root, 3).map(keyToString));
    expect(split(root, 0)).toEqual([]);
  });

  test('changing the parent changes every child', () => {
    expect(keyToString(foldIn(keyFromSeed(43), 3))).not.toBe(keyToString(foldIn(root, 3)));
  });

  test.each([-1, 1.5, NaN, Infinity, 2 ** 22 + 1, 1e8, 2 ** 32])('split rejects n = %s', (n) => {
    expect(() => split(root, n)).toThrow(InitRangeError);
    expect(() => split(root, n)).toThrow(/^split: n must be an integer in \[0, 4194304\] .*Received: /);
  });

  test('split with an offset is a window of the endless list', () => {
    expect(split(root, 3, { offset: 5 }).map(keyToString)).toEqual(split(root, 8).slice(5).map(keyToString));
    expect(() => split(root, 1, { offset: -1 })).toThrow(/^split: offset must be a non-negative safe integer/);
    expect(() => split(root, 1, { ofset: 1 } as never)).toThrow(
      /^split: ofset must be a known option \(did you mean offset\?\)/,
    );
    expect(() => split(root, 2, { offset: 2 ** 53 - 2 })).toThrow(InitRangeError);
  });

  test.each([-1, 0.5, NaN])('foldIn rejects data = %s', (data) => {
    expect(() => foldIn(root, data)).toThrow(InitRangeError);
  });

  test('foldIn and split reject non-keys and non-data', () => {
    expect(() => foldIn({} as never, 1)).toThrow(InitTypeError);
    expect(() => split('key:0000000000000001' as never, 1)).toThrow(/^split: key must be a Key/);
    expect(() => foldIn(root, null as never)).toThrow(InitTypeError);
  });
});

describe('keyToString / keyFromString', () => {
  test('round-trip every derived key', () => {
    for (const key of [keyFromSeed(0), keyFromSeed('x'), foldIn(keyFromSeed(9), 'w'), ...split(keyFromSeed(3), 4)]) {
      expect(keyToString(keyFromString(keyToString(key)))).toBe(keyToString(key));
    }
    expect(keyToString(keyFromString('key:DEADBEEFCAFEBABE'))).toBe('key:deadbeefcafebabe');
  });

  test.each([
    '',
    'key:',
    'key:123',
    'key:0123456789abcdef0',
    'KEY:0123456789abcdef',
    'key:0123456789abcdeg',
    ' key:0123456789abcdef',
    42,
  ])('rejects %j with InitTypeError', (text) => {
    expect(() => keyFromString(text as string)).toThrow(InitTypeError);
    expect(() => keyFromString(text as string)).toThrow(
      /^keyFromString: text must be "key:" followed by 16 hex digits/,
    );
  });
});
