import { describe, expect, test } from 'vitest';
import { parseSpec } from './spec.js';

describe('parseSpec', () => {
  test("a parameter's own init wins; else the first matching rule in the order written", () => {
    const spec = parseSpec(
      JSON.stringify({
        parameters: {
          'a.weight': [2, 3],
          'a.bias': { shape: [3], dtype: 'float64' },
          'b.norm.weight': [3],
          'c.weight': { shape: [3, 3], init: 'orthogonal' },
        },
        rules: { '*.bias': 'zeros', '*norm*.weight': 'ones', '*.weight': 'glorot_uniform', '*': 'he_normal' },
        dtype: 'bfloat16',
      }),
    );
    expect(spec.layout).toBe('torch');
    expect(spec.parameters.map((p) => [p.name, p.shape, p.dtype, p.init, p.source])).toEqual([
      ['a.weight', [2, 3], 'bfloat16', 'glorot_uniform', '*.weight'],
      ['a.bias', [3], 'float64', 'zeros', '*.bias'],
      ['b.norm.weight', [3], 'bfloat16', 'ones', '*norm*.weight'],
      ['c.weight', [3, 3], 'bfloat16', 'orthogonal', 'init'],
    ]);
  });

  test("parameters as PyTorch's state_dict shapes; --layout overrides the spec's", () => {
    const spec = parseSpec(
      JSON.stringify({ parameters: { 'fc.weight': [4, 2], 'fc.bias': [4] }, rules: { '*': 'zeros' }, layout: 'torch' }),
      { layout: 'tf' },
    );
    expect(spec.parameters.map((p) => p.name)).toEqual(['fc.weight', 'fc.bias']);
    expect(spec.layout).toBe('tf');
  });

  test.each([
    ['{"parameters": ', /^the spec is not valid JSON: /],
    ['[1, 2]', 'the spec must be a JSON object. Received: [1,2].'],
    [
      '{"parameters": {"w": [2, -1]}, "rules": {"*": "zeros"}}',
      'spec.parameters["w"] must be an array of non-negative integers. Received: [2,-1].',
    ],
    [
      '{"parameters": {"w": [2.5]}, "rules": {"*": "zeros"}}',
      'spec.parameters["w"] must be an array of non-negative integers. Received: [2.5].',
    ],
    [
      '{"parameters": {"w": [2]}, "rules": {"*.bias": "zeros"}}',
      'parameter "w" matches no rule and has no init: add a rule whose glob matches it (rules: "*.bias").',
    ],
    [
      '{"parameters": {"w": [2]}}',
      'parameter "w" matches no rule and has no init: add a rule whose glob matches it (rules: none).',
    ],
    [
      '{"parameters": {"w": {"shape": [2], "dtype": "float8"}}, "rules": {"*": "zeros"}}',
      'spec.parameters["w"].dtype must be one of float32, float64, float16, bfloat16, int32, uint8, bool. Received: "float8".',
    ],
    [
      '{"parameters": {"w": {"shape": [2], "init": 3}}}',
      'spec.parameters["w"].init must be an initializer id (a string) or a { className, config } object. Received: 3.',
    ],
    [
      '{"parameters": {"w": [2]}, "rules": {"*": "zeros"}, "layout": "jax"}',
      "the layout must be 'torch' or 'tf'. Received: \"jax\".",
    ],
    [
      '{"parameters": {"w": [2]}, "rulez": {}}',
      'the spec must have only the keys parameters, rules, dtype, layout. Received: the key "rulez".',
    ],
    ['{"parameters": {}}', 'spec.parameters must name at least one parameter. Received: {}.'],
  ])('%s is refused', (text, message) => {
    expect(() => parseSpec(text)).toThrow(message);
  });
});

describe('parseSpec options that are not an object (found by the fuzz suite)', () => {
  // Regression: parseSpec(text, null) threw a raw "Cannot read properties of null (reading 'layout')".
  const text = JSON.stringify({ parameters: { w: [2] }, rules: { '*': 'zeros' } });
  test.each([null, 0, 'tf', true, Symbol('options'), 3n])('%s is refused with a SpecError naming options', (value) => {
    expect(() => parseSpec(text, value as never)).toThrow(
      /^parseSpec: options must be an object \{ layout\? \}\. Received: /,
    );
  });
  test('a bigint layout is refused with a SpecError (describing it threw a raw TypeError)', () => {
    expect(() => parseSpec(text, { layout: 12n as never })).toThrow(
      "the layout must be 'torch' or 'tf'. Received: 12n.",
    );
  });
  test('undefined options still read the spec', () => {
    expect(parseSpec(text, undefined).layout).toBe('torch');
  });
});
