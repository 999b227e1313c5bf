// Regression tests for the bad inputs of issue #12 that reach @init/presets.
import { describe, expect, test } from 'vitest';
import { InitRangeError, InitTypeError } from '@init/core';
import { calculateGain } from './calculate-gain.js';
import { get } from './get.js';
import { GlorotUniform, heNormal } from './keras-presets.js';
import { kaimingNormal, kaimingUniform, xavierUniform } from './pytorch.js';
import { orthogonal_initializer } from './tf1.js';

describe('messages name the helper and option the caller wrote', () => {
  test("kaimingUniform({ a: 1e200 }) names kaimingUniform's a, not VarianceScaling's scale of 0", () => {
    expect(() => kaimingUniform({ a: 1e200 })).toThrow(InitRangeError);
    expect(() => kaimingUniform({ a: 1e200 })).toThrow(
      'kaimingUniform: a must give a gain whose square is a positive finite number (|gain| within about 1e-154 to 1e154). Received: 1e+200.',
    );
    expect(() => xavierUniform({ gain: 1e200 })).toThrow(/^xavierUniform: gain must give a gain whose square/);
  });

  test("calculateGain('leaky_relu', 1e200) is √2/1e200, not a silent 0", () => {
    expect(calculateGain('leaky_relu', 1e200)).toBeCloseTo(Math.SQRT2 * 1e-200, 214);
    expect(calculateGain('leaky_relu', 1e200)).toBeGreaterThan(0);
    expect(calculateGain('leaky_relu', -1e300)).toBeGreaterThan(0);
  });

  test("the helpers' seed and dtype errors name the helper", () => {
    expect(() => kaimingNormal({ seed: -1 })).toThrow(/^kaimingNormal: seed must be a non-negative safe integer/);
    expect(() => xavierUniform({ dtype: 'int32' as never })).toThrow(
      /^xavierUniform: dtype must be a floating-point dtype/,
    );
  });
});

describe('options objects', () => {
  test('misspelt and unknown keys are errors with the closest name', () => {
    expect(() => kaimingUniform({ nonlinerity: 'relu' } as never)).toThrow(
      /^kaimingUniform: nonlinerity must be a known option \(did you mean nonlinearity\?\)/,
    );
    expect(() => heNormal({ sed: 1 } as never)).toThrow(
      /^HeNormal: sed must be a known option \(did you mean seed\?\)/,
    );
    expect(() => new orthogonal_initializer({ gian: 2 } as never)).toThrow(
      /^orthogonal_initializer: gian must be a known option \(did you mean gain\?\)/,
    );
  });

  test('null and non-objects are refused', () => {
    expect(() => new GlorotUniform(null as never)).toThrow(InitTypeError);
    expect(() => kaimingNormal(null as never)).toThrow(/^kaimingNormal: options must be a plain object/);
    expect(() => kaimingNormal({ a: null } as never)).toThrow(
      'kaimingNormal: a must be a finite number. Received: null.',
    );
    expect(() => kaimingNormal({ mode: 'fanIn' } as never)).toThrow(
      "kaimingNormal: mode must be one of 'fan_in', 'fan_out' (did you mean 'fan_in'?). Received: \"fanIn\".",
    );
    expect(() => new orthogonal_initializer({ method: null } as never)).toThrow(
      /^Orthogonal: method must be one of 'qr', 'svd'/,
    );
  });

  test('get reads option values in its objects the same way', () => {
    expect(() => get({ className: 'RandomNormal', config: { stdev: 1 } })).toThrow(InitTypeError);
  });
});

describe("dialects: TensorFlow.js's class names LeCunNormal/LeCunUniform in config objects", () => {
  test.each(['LeCunNormal', 'LeCunUniform'])('%s loads with { dialect: tfjs }, and points there without it', (name) => {
    const init = get({ className: name, config: { seed: 4 } }, { dialect: 'tfjs' });
    expect(init.className).toBe(name.replace('LeCun', 'Lecun'));
    expect(init.getConfig()).toMatchObject({ seed: 4, engine: 'tfjs' });
    expect(() => get({ className: name, config: { seed: 4 } })).toThrow(
      new RegExp(`'${name}' is a TensorFlow.js name: pass \\{ dialect: 'tfjs' \\}`),
    );
  });

  test("a Keras id as class name keeps core's config errors (not an unknown-name error)", () => {
    expect(() => get({ class_name: 'he_normal', config: { seed: 1, sede: 2 } })).toThrow(
      /^HeNormal: sede must be a known option \(did you mean seed\?\)/,
    );
  });
});
