import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { calculateGain, NONLINEARITIES, type Nonlinearity } from './index.js';

interface GainRow {
  readonly nonlinearity: Nonlinearity;
  readonly param: number | null;
  readonly gain: number;
}

// Written by scripts/torch-reference.py from PyTorch's own torch.nn.init.calculate_gain.
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/torch-reference.json', import.meta.url), 'utf8')) as {
  torch: string;
  calculateGain: GainRow[];
};

describe(`calculateGain against torch ${fixture.torch}`, () => {
  test('the fixture covers every nonlinearity', () => {
    expect(new Set(fixture.calculateGain.map((row) => row.nonlinearity))).toEqual(new Set(NONLINEARITIES));
  });

  test.each(fixture.calculateGain.map((row) => [row.nonlinearity, row.param, row.gain] as const))(
    '%s, param %s → %d',
    (nonlinearity, param, gain) => {
      // Exact: the same double-precision operations in the same order.
      expect(calculateGain(nonlinearity, param ?? undefined)).toBe(gain);
    },
  );
});

describe("PyTorch's table", () => {
  test.each([
    ['linear', 1],
    ['conv2d', 1],
    ['conv_transpose3d', 1],
    ['sigmoid', 1],
    ['tanh', 5 / 3],
    ['relu', Math.SQRT2],
    ['selu', 0.75],
  ] as const)('%s → %d', (nonlinearity, gain) => {
    expect(calculateGain(nonlinearity)).toBe(gain);
  });

  test('leaky_relu: √(2 / (1 + slope²)), slope 0.01 by default', () => {
    expect(calculateGain('leaky_relu')).toBe(Math.sqrt(2 / (1 + 0.01 ** 2)));
    expect(calculateGain('leaky_relu', 0)).toBe(Math.SQRT2);
    expect(calculateGain('leaky_relu', 1)).toBe(1);
    expect(calculateGain('leaky_relu', -0.2)).toBe(calculateGain('leaky_relu', 0.2));
  });

  test('documented examples', () => {
    expect(calculateGain('relu')).toBe(Math.SQRT2);
    expect(calculateGain('leaky_relu', 0.2)).toBe(1.3867504905630728);
    expect(calculateGain('tanh')).toBe(1.6666666666666667);
  });
});

describe('errors', () => {
  test('an unknown nonlinearity lists the valid ones', () => {
    expect(() => calculateGain('gelu' as Nonlinearity)).toThrow(
      "calculateGain: nonlinearity must be one of 'linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu' (did you mean 'relu'?). Received: \"gelu\".",
    );
    expect(() => calculateGain('ReLU' as Nonlinearity)).toThrow(
      expect.objectContaining({ name: 'InitTypeError', code: 'ERR_INIT_UNKNOWN_IDENTIFIER' }),
    );
    expect(() => calculateGain(undefined as never)).toThrow(/Received: undefined\./);
  });

  test.each([
    [Number.NaN, 'InitRangeError', 'NaN'],
    [Number.POSITIVE_INFINITY, 'InitRangeError', 'Infinity'],
    [true, 'InitTypeError', 'true'],
    ['0.2', 'InitTypeError', '"0.2"'],
    [null, 'InitTypeError', 'null'],
  ])('a bad param (%s) throws %s', (param, name, shown) => {
    expect(() => calculateGain('leaky_relu', param as never)).toThrow(
      expect.objectContaining({
        name,
        code: 'ERR_INIT_INVALID_ARGUMENT',
        message: `calculateGain: param must be a finite number. Received: ${shown}.`,
      }),
    );
    expect(() => calculateGain('relu', param as never)).toThrow(expect.objectContaining({ name }));
  });
});
