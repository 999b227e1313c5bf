import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { isInitError } from '@init/core';
import { fnmatch, globToRegExp } from './fnmatch.js';

// Expected answers are Python's fnmatch.fnmatchcase (checked by hand against CPython 3.11).
describe('fnmatch, with fnmatchcase semantics', () => {
  test.each([
    ['h.0.attn.c_attn.bias', '*.bias', true],
    ['bias', '*.bias', false],
    ['encoder/layer_3/kernel', '*kernel', true],
    ['h.0.ln_1.weight', '*ln_*.weight', true],
    ['h.0.ln_1.weight', '*norm*.weight', false],
    ['model.norm.weight', '*norm*.weight', true],
    ['h.10.mlp.c_fc.weight', 'h.?.mlp.*', false],
    ['h.1.mlp.c_fc.weight', 'h.?.mlp.*', true],
    ['h.1.mlp', 'h.[0-4].mlp', true],
    ['h.7.mlp', 'h.[0-4].mlp', false],
    ['h.7.mlp', 'h.[!0-4].mlp', true],
    ['a]b', 'a[]]b', true],
    ['a[b', 'a[b', true],
    ['weight', 'weight', true],
    ['Weight', 'weight', false],
    ['a.b', 'a?b', true],
    ['a+b(c)', 'a+b(c)', true],
    ['x\ny', 'x*y', true],
    // Classes Python reads in its own way (regression: out-of-order ranges threw a SyntaxError).
    ['x', '[z-a]', false],
    ['x', '[!z-a]', true],
    ['x', '[a--]', false],
    ['-', '[-a]', true],
    ['-', '[a-b-c]', true],
    ['\\', '[\\]', true],
    ['^', '[^]', true],
    ['😀', '?', true],
    ['😀', '[😀]', true],
  ])('%j matches %j: %s', (name, glob, expected) => {
    expect(fnmatch(name, glob)).toBe(expected);
  });
});

// 3000 (name, glob) pairs with CPython's answers, written by scripts/fnmatch_cases.py from random
// globs full of class syntax (ranges in and out of order, '!', '^', ']', '\', set-operation characters).
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/fnmatch-cases.json', import.meta.url), 'utf8')) as {
  python: string;
  cases: Array<[string, string, boolean]>;
};

describe(`fnmatch against CPython ${fixture.python}'s fnmatchcase`, () => {
  test(`${fixture.cases.length} cases, both answers well represented`, () => {
    const wrong = fixture.cases.filter(([name, glob, expected]) => fnmatch(name, glob) !== expected);
    expect(wrong).toEqual([]);
    const matches = fixture.cases.filter(([, , expected]) => expected).length;
    expect(matches).toBeGreaterThan(200);
    expect(fixture.cases.length - matches).toBeGreaterThan(200);
  });
});

describe('fnmatch refuses what is not text', () => {
  test.each([
    ['name', () => fnmatch(3 as unknown as string, '*'), 'fnmatch: name must be a string. Received: 3.'],
    ['glob', () => fnmatch('a', null as unknown as string), 'fnmatch: glob must be a string. Received: null.'],
    ['glob', () => globToRegExp(['*'] as unknown as string), 'globToRegExp: glob must be a string.'],
  ])('%s', (_, call, message) => {
    let caught: unknown;
    try {
      call();
    } catch (error) {
      caught = error;
    }
    expect(isInitError(caught)).toBe(true);
    expect((caught as Error).message).toContain(message);
  });
});
