import { readFileSync } from 'node:fs';
import {
  computeFans,
  Dirac,
  deserialize,
  Identity,
  Orthogonal,
  Sparse,
  serialize,
  TruncatedNormal,
  VarianceScaling,
} from '@init/core';
import { describe, expect, test } from 'vitest';
import { sampleMoments, Z_LIMIT } from '../../core/test/moments.js';
import * as presets from './index.js';

type Helper = 'xavierUniform' | 'xavierNormal' | 'kaimingUniform' | 'kaimingNormal';
interface BoundRow {
  readonly helper: Helper;
  readonly options: presets.XavierOptions & presets.KaimingOptions;
  readonly shape: number[];
  readonly bound?: number;
  readonly std?: number;
}
interface EmpiricalRow extends BoundRow {
  readonly n: number;
  readonly mean: number;
  readonly std: number;
  readonly maxAbs: number;
}

// Written by scripts/torch-reference.py from PyTorch's own torch.nn.init.
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/torch-reference.json', import.meta.url), 'utf8')) as {
  torch: string;
  fans: { shape: number[]; fanIn: number; fanOut: number }[];
  bounds: BoundRow[];
  empirical: EmpiricalRow[];
};

function make(helper: Helper, options: presets.XavierOptions & presets.KaimingOptions, seed?: number): VarianceScaling {
  const withSeed = seed === undefined ? options : { ...options, seed };
  return helper.startsWith('xavier')
    ? (helper === 'xavierUniform' ? presets.xavierUniform : presets.xavierNormal)(withSeed as presets.XavierOptions)
    : (helper === 'kaimingUniform' ? presets.kaimingUniform : presets.kaimingNormal)(
        withSeed as presets.KaimingOptions,
      );
}

describe(`fans of the [out, in, ...kernel] layout against torch ${fixture.torch}`, () => {
  test.each(fixture.fans.map((row) => [row.shape, row.fanIn, row.fanOut] as const))(
    '%j → fanIn %i, fanOut %i',
    (shape, fanIn, fanOut) => {
      expect(computeFans(shape, 'torch')).toEqual({ fanIn, fanOut });
    },
  );
});

describe(`bounds and standard deviations against torch ${fixture.torch}`, () => {
  test.each(fixture.bounds.map((row) => [row.helper, row.options, row.shape, row] as const))(
    '%s %j at %j',
    (helper, options, shape, row) => {
      const init = make(helper, options);
      const variance = init.variance(shape);
      // VarianceScaling computes √(3·gain²/n) where PyTorch computes √3·gain/√n: equal up to a few
      // ulps of float64, thousands of times below float32's resolution.
      if (row.bound !== undefined) {
        expect(init.distribution).toBe('uniform');
        expect(Math.abs(Math.sqrt(3 * variance) - row.bound) / row.bound).toBeLessThan(1e-14);
      } else {
        expect(init.distribution).toBe('untruncated_normal');
        expect(Math.abs(Math.sqrt(variance) - (row.std as number)) / (row.std as number)).toBeLessThan(1e-14);
      }
    },
  );
});

// Each row compares our sample variance with the variance of torch's own init on the same shape:
// two independent estimates of one σ², whose difference has standard error
// √((μ4 − σ⁴)/n₁ + (μ4 − σ⁴)/n₂) (μ4 = 9σ⁴/5 for a uniform, 3σ⁴ for a normal). At Z_LIMIT = 5 the
// two-sided false-alarm rate is about 5.7e-7 per check; the seeds are fixed, so the test is
// deterministic. Both are also checked against the formula's σ² and torch's max |x| against the bound.
describe(`empirical moments against torch ${fixture.torch}'s own init`, () => {
  test.each(fixture.empirical.map((row, index) => [row.helper, row.options, row, index] as const))(
    '%s %j',
    (helper, options, row, index) => {
      const values = make(helper, options, 2000 + index).apply(row.shape, 'float64').data;
      const ours = sampleMoments(values);
      const uniform = helper.endsWith('Uniform');
      const theory = uniform ? (row.bound as number) ** 2 / 3 : (row.std as number) ** 2;
      const excess = uniform ? 0.8 : 2; // (μ4 − σ⁴) / σ⁴
      const torchVariance = row.std ** 2;
      const twoSample = theory * Math.sqrt((excess * 2) / row.n);
      expect(Math.abs(ours.variance - torchVariance)).toBeLessThanOrEqual(Z_LIMIT * twoSample);
      expect(Math.abs(ours.variance - theory)).toBeLessThanOrEqual(Z_LIMIT * theory * Math.sqrt(excess / row.n));
      expect(Math.abs(torchVariance - theory)).toBeLessThanOrEqual(Z_LIMIT * theory * Math.sqrt(excess / row.n));
      expect(Math.abs(ours.mean)).toBeLessThanOrEqual(Z_LIMIT * Math.sqrt(theory / values.length));
      if (uniform) {
        let maxAbs = 0;
        for (const value of values) maxAbs = Math.max(maxAbs, Math.abs(value));
        expect(maxAbs).toBeLessThan(row.bound as number);
        expect(row.maxAbs).toBeLessThanOrEqual(row.bound as number);
        // With n ≈ 3e5 draws, the largest |x| is within bound·(1 − 20/n) except with probability e^-20.
        expect(maxAbs).toBeGreaterThan((row.bound as number) * (1 - 20 / row.n));
      }
    },
  );
});

describe('the helpers', () => {
  test('return VarianceScaling with layout torch and scale gain², which round-trips through core', () => {
    const init = presets.kaimingNormal({ a: 0.2, mode: 'fan_out', seed: 3 });
    expect(init).toBeInstanceOf(VarianceScaling);
    expect(init.getConfig()).toEqual({
      scale: 2 / (1 + 0.2 * 0.2),
      mode: 'fan_out',
      distribution: 'untruncated_normal',
      layout: 'torch',
      seed: 3,
      dtype: 'float32',
      engine: 'counter',
    });
    expect(deserialize(serialize(init)).apply([8, 4, 3, 3]).data).toEqual(init.apply([8, 4, 3, 3]).data);
    expect(presets.xavierUniform({ gain: 2 }).scale).toBe(4);
    expect(presets.xavierNormal().getConfig()).toMatchObject({
      scale: 1,
      mode: 'fan_avg',
      distribution: 'untruncated_normal',
      layout: 'torch',
    });
  });

  test("kaiming's defaults are PyTorch's: a = 0, fan_in, leaky_relu → the ReLU gain √2", () => {
    expect(presets.kaimingUniform().getConfig()).toMatchObject({ scale: 2, mode: 'fan_in', distribution: 'uniform' });
    expect(presets.kaimingUniform({ nonlinearity: 'relu', a: 0.5 }).scale).toBe(2);
    for (const nonlinearity of presets.NONLINEARITIES) {
      expect(presets.kaimingNormal({ nonlinearity, a: 0.3 }).scale).toBeCloseTo(
        presets.calculateGain(nonlinearity, 0.3) ** 2,
        15,
      );
    }
    expect(presets.kaimingUniform().variance([128, 64])).toBeCloseTo(2 / 64, 15);
    // nn.Linear's own reset_parameters: kaiming_uniform_(a=√5) = U(±1/√fanIn).
    expect(Math.sqrt(3 * presets.kaimingUniform({ a: Math.sqrt(5) }).variance([128, 64]))).toBeCloseTo(1 / 8, 15);
  });

  test('read fans from [out, in, ...kernel], not [..., in, out]', () => {
    // A Conv2d(32 → 64, 3×3) weight: fanIn 288, fanOut 576.
    expect(presets.kaimingNormal().variance([64, 32, 3, 3])).toBeCloseTo(2 / 288, 15);
    expect(presets.kaimingNormal({ mode: 'fan_out' }).variance([64, 32, 3, 3])).toBeCloseTo(2 / 576, 15);
  });

  test('refuse bad options, naming the helper', () => {
    expect(() => presets.xavierUniform({ gain: 0 })).toThrow(
      'xavierUniform: gain must be a positive finite number. Received: 0.',
    );
    expect(() => presets.xavierNormal({ gain: Number.NaN })).toThrow(
      expect.objectContaining({ name: 'InitRangeError' }),
    );
    expect(() => presets.xavierNormal({ gain: '1' as never })).toThrow(
      expect.objectContaining({ name: 'InitTypeError' }),
    );
    expect(() => presets.kaimingUniform({ mode: 'fan_avg' as never })).toThrow(
      "kaimingUniform: mode must be one of 'fan_in', 'fan_out'. Received: \"fan_avg\".",
    );
    expect(() => presets.kaimingNormal({ nonlinearity: 'gelu' as never })).toThrow(
      /kaimingNormal: nonlinearity must be one of 'linear'/,
    );
    expect(() => presets.kaimingNormal({ a: Number.POSITIVE_INFINITY })).toThrow(
      'kaimingNormal: a must be a finite number. Received: Infinity.',
    );
    expect(() => presets.kaimingNormal({ seed: -3 })).toThrow(/seed must be/);
  });
});

describe("PyTorch's other nn.init functions", () => {
  test("truncNormal({ std: 0.02 }): PyTorch's absolute bounds ±2, so the std stays 0.0200 (within 1% at n = 2^20)", () => {
    const values = presets.truncNormal({ std: 0.02, seed: 21 }).apply([1024, 1024], 'float64').data;
    let squares = 0;
    let sum = 0;
    let largest = 0;
    for (const x of values) {
      sum += x;
      squares += x * x;
      largest = Math.max(largest, Math.abs(x));
    }
    expect(largest).toBeLessThanOrEqual(2);
    const mean = sum / values.length;
    const std = Math.sqrt(squares / values.length - mean * mean);
    // PyTorch's value is the std of N(0, 0.02²) cut at ±100σ: 0.02 to within 1e-2000.
    expect(Math.abs(std / 0.02 - 1)).toBeLessThan(0.01);
    // The same in σ units is TruncatedNormal's ±100, where core's default ±2σ gives 0.0176.
    expect(presets.truncNormal({ std: 0.02 }).getConfig()).toMatchObject({
      mean: 0,
      stddev: 0.02,
      lower: -100,
      upper: 100,
    });
  }, 60_000);

  test('truncNormal converts absolute bounds to units of std, and round-trips', () => {
    const init = presets.truncNormal({ mean: 1, std: 2, a: 0, b: 3, seed: 4 });
    expect(init).toBeInstanceOf(TruncatedNormal);
    expect([init.lower, init.upper]).toEqual([-0.5, 1]);
    const values = init.apply([5000], 'float32').data;
    expect(values.every((x) => x >= 0 && x <= 3)).toBe(true);
    expect(deserialize(JSON.parse(JSON.stringify(serialize(init)))).apply([50]).data).toEqual(init.apply([50]).data);
    expect(
      presets
        .truncNormal({ a: 0, b: Number.POSITIVE_INFINITY, seed: 1 })
        .apply([2000])
        .data.every((x) => x >= 0),
    ).toBe(true);
    // Far in a tail, where PyTorch's inverse CDF in float32 breaks down: exact here.
    expect(
      presets
        .truncNormal({ a: 8, b: 9, seed: 1 })
        .apply([2000])
        .data.every((x) => x >= 8 && x <= 9),
    ).toBe(true);
    expect(Array.from(presets.truncNormal({ mean: 0.5, std: 0, a: 0, b: 1 }).apply([3]).data)).toEqual([0.5, 0.5, 0.5]);
  });

  test('truncNormal refuses bad options, naming its own arguments', () => {
    expect(() => presets.truncNormal({ a: 1, b: 1 })).toThrow(
      'truncNormal: b must be a number greater than a (1). Received: 1.',
    );
    expect(() => presets.truncNormal({ a: Number.NaN })).toThrow(
      'truncNormal: a must be a number (-Infinity for no lower bound). Received: NaN.',
    );
    expect(() => presets.truncNormal({ std: -1 })).toThrow(
      'truncNormal: std must be a non-negative finite number. Received: -1.',
    );
    expect(() => presets.truncNormal({ mean: '0' as never })).toThrow(
      expect.objectContaining({ name: 'InitTypeError' }),
    );
    expect(() => presets.truncNormal({ mean: 3, std: 0 })).toThrow(
      'truncNormal: mean must lie strictly between a (-2) and b (2) when std is 0. Received: 3.',
    );
  });

  test("orthogonal: PyTorch's flattening, rows orthonormal times gain", () => {
    const init = presets.orthogonal({ gain: 2, seed: 3 });
    expect(init).toBeInstanceOf(Orthogonal);
    expect(init.getConfig()).toEqual({ gain: 2, method: 'qr', layout: 'torch', seed: 3, dtype: 'float32' });
    const w = init.apply([8, 2, 3, 3], 'float64').data;
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        let dot = 0;
        for (let k = 0; k < 18; k++) dot += (w[i * 18 + k] as number) * (w[j * 18 + k] as number);
        expect(Math.abs(dot - (i === j ? 4 : 0))).toBeLessThan(1e-13);
      }
    }
    expect(() => presets.orthogonal({ gain: Number.NaN })).toThrow(
      'orthogonal: gain must be a finite number. Received: NaN.',
    );
  });

  test('eye, dirac and sparse are the core classes with PyTorch semantics', () => {
    expect(Array.from(presets.eye().apply([2, 3]).data)).toEqual([1, 0, 0, 0, 1, 0]);
    expect(presets.eye()).toBeInstanceOf(Identity);
    const d = presets.dirac({ groups: 2 });
    expect(d).toBeInstanceOf(Dirac);
    expect(d.apply([4, 2, 3]).data).toEqual(new Dirac({ groups: 2, layout: 'torch' }).apply([4, 2, 3]).data);
    const s = presets.sparse({ sparsity: 0.3, std: 0.5, seed: 2 });
    expect(s).toBeInstanceOf(Sparse);
    expect(s.getConfig()).toEqual({ sparsity: 0.3, stddev: 0.5, seed: 2, dtype: 'float32' });
    const values = s.apply([10, 6]).data;
    for (let c = 0; c < 6; c++) {
      let zeros = 0;
      for (let r = 0; r < 10; r++) if (values[r * 6 + c] === 0) zeros++;
      expect(zeros).toBe(3);
    }
    expect(() => presets.sparse(undefined as never)).toThrow(
      'sparse: options must be an object such as { sparsity: 0.1 }. Received: undefined.',
    );
    expect(() => presets.sparse({} as never)).toThrow('sparse: sparsity must be a number in [0, 1]');
  });

  test("kaiming's mode in any case, as PyTorch lower-cases it", () => {
    expect(presets.kaimingNormal({ mode: 'FAN_IN' }).variance([64, 3, 7, 7])).toBe(
      presets.kaimingNormal({ mode: 'fan_in' }).variance([64, 3, 7, 7]),
    );
    expect(presets.kaimingUniform({ mode: 'Fan_Out' as never }).mode).toBe('fan_out');
    expect(presets.kaimingNormal({ mode: 'FAN_OUT' }).getConfig()).toMatchObject({ mode: 'fan_out' });
  });
});

// Found by the cross-package fuzz suite (tooling/fuzz).
test("fuzz finding: sparse({ std: -1 }) names PyTorch's std, not the stddev of the Sparse inside", () => {
  expect(() => presets.sparse({ sparsity: 0.5, std: -1 })).toThrow(
    'sparse: std must be a non-negative finite number. Received: -1.',
  );
  expect(() => presets.sparse({ sparsity: 0.5, std: null as never })).toThrow(/^sparse: std must be/);
  expect(presets.sparse({ sparsity: 0.5, std: 0.5, seed: 1 }).getConfig().stddev).toBe(0.5);
});
