import { describe, expect, test } from 'vitest';
import { fnmatch } from './fnmatch.js';

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
  ])('%j matches %j: %s', (name, glob, expected) => {
    expect(fnmatch(name, glob)).toBe(expected);
  });
});
