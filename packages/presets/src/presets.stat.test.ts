// The variance of every preset and alias at a dense and a convolution shape, against theory.
// Z_LIMIT = 5 standard errors (two-sided false-alarm rate ≈ 5.7e-7 per check, see
// packages/core/test/moments.ts); each check has its own fixed seed, so the suite is deterministic
// and the rate says how unlucky a seed would have to be for a correct implementation to fail.
import { computeFans } from '@init/core';
import { describe, expect, test } from 'vitest';
import {
  expectMoments,
  normalMoments,
  truncatedNormalMoments,
  uniformMoments,
  type Moments,
} from '../../core/test/moments.js';
import {
  get,
  glorot_normal_initializer,
  glorot_uniform_initializer,
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  kaimingNormal,
  kaimingUniform,
  LecunNormal,
  LecunUniform,
  random_normal_initializer,
  random_uniform_initializer,
  truncated_normal_initializer,
  uniform_unit_scaling_initializer,
  variance_scaling_initializer,
  xavierNormal,
  xavierUniform,
} from './index.js';

const TRUNCATION = 0.87962566103423978;
const DENSE = [256, 128];
const CONV = [3, 3, 64, 128];

/** The moments of VarianceScaling's draw with variance `v` = scale / n. */
function varianceScalingMoments(distribution: 'uniform' | 'corrected' | 'uncorrected' | 'plain', v: number): Moments {
  if (distribution === 'uniform') return uniformMoments(-Math.sqrt(3 * v), Math.sqrt(3 * v));
  if (distribution === 'plain') return normalMoments(0, Math.sqrt(v));
  return truncatedNormalMoments(0, Math.sqrt(v) / (distribution === 'corrected' ? TRUNCATION : 1));
}

function fanOf(
  shape: readonly number[],
  mode: 'fan_in' | 'fan_out' | 'fan_avg',
  layout: 'tf' | 'torch' = 'tf',
): number {
  const { fanIn, fanOut } = computeFans(shape, layout);
  return mode === 'fan_in' ? fanIn : mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
}

const keras = [
  ['GlorotUniform', (seed: number) => new GlorotUniform({ seed }), 1, 'fan_avg', 'uniform'],
  ['GlorotNormal', (seed: number) => new GlorotNormal({ seed }), 1, 'fan_avg', 'corrected'],
  ['HeUniform', (seed: number) => new HeUniform({ seed }), 2, 'fan_in', 'uniform'],
  ['HeNormal', (seed: number) => new HeNormal({ seed }), 2, 'fan_in', 'corrected'],
  ['LecunUniform', (seed: number) => new LecunUniform({ seed }), 1, 'fan_in', 'uniform'],
  ['LecunNormal', (seed: number) => new LecunNormal({ seed }), 1, 'fan_in', 'corrected'],
  [
    "GlorotNormal engine 'tfjs'",
    (seed: number) => new GlorotNormal({ seed, engine: 'tfjs' }),
    1,
    'fan_avg',
    'uncorrected',
  ],
  ["HeNormal engine 'tfjs'", (seed: number) => new HeNormal({ seed, engine: 'tfjs' }), 2, 'fan_in', 'uncorrected'],
  [
    "LecunNormal engine 'tfjs'",
    (seed: number) => new LecunNormal({ seed, engine: 'tfjs' }),
    1,
    'fan_in',
    'uncorrected',
  ],
  ["HeUniform engine 'tfjs'", (seed: number) => new HeUniform({ seed, engine: 'tfjs' }), 2, 'fan_in', 'uniform'],
  ['glorot_uniform_initializer', (seed: number) => glorot_uniform_initializer(seed), 1, 'fan_avg', 'uniform'],
  ['glorot_normal_initializer', (seed: number) => glorot_normal_initializer(seed), 1, 'fan_avg', 'uncorrected'],
  [
    'variance_scaling_initializer',
    (seed: number) => new variance_scaling_initializer({ seed }),
    1,
    'fan_in',
    'uncorrected',
  ],
  ["get('variance_scaling') (Keras 3)", (seed: number) => withSeed('variance_scaling', seed), 1, 'fan_in', 'corrected'],
  ["get('he_normal')", (seed: number) => withSeed('he_normal', seed), 2, 'fan_in', 'corrected'],
  ["get('heNormal') (TensorFlow.js)", (seed: number) => withSeed('heNormal', seed), 2, 'fan_in', 'uncorrected'],
] as const;

function withSeed(id: string, seed: number) {
  const init = get(id);
  return get({ className: init.className, config: { ...init.getConfig(), seed } });
}

describe.each(keras)('%s', (_, make, scale, mode, distribution) => {
  test.each([
    ['dense', DENSE, 101],
    ['conv', CONV, 202],
  ] as const)('%s %j: variance scale/n', (__, shape, seed) => {
    const values = make(seed).apply(shape, 'float64').data;
    expectMoments(values, varianceScalingMoments(distribution, scale / fanOf(shape, mode)));
  });
});

// PyTorch's layout: a Linear(64 → 512) weight is [512, 64], a Conv2d(64 → 128, 3×3) weight [128, 64, 3, 3].
const TORCH_DENSE = [512, 64];
const TORCH_CONV = [128, 64, 3, 3];
const torch = [
  ['xavierUniform', (seed: number) => xavierUniform({ seed }), 1, 'fan_avg', 'uniform'],
  ['xavierUniform gain 5/3', (seed: number) => xavierUniform({ seed, gain: 5 / 3 }), 25 / 9, 'fan_avg', 'uniform'],
  ['xavierNormal', (seed: number) => xavierNormal({ seed }), 1, 'fan_avg', 'plain'],
  ['kaimingUniform', (seed: number) => kaimingUniform({ seed }), 2, 'fan_in', 'uniform'],
  ['kaimingUniform a=√5', (seed: number) => kaimingUniform({ seed, a: Math.sqrt(5) }), 1 / 3, 'fan_in', 'uniform'],
  ['kaimingNormal', (seed: number) => kaimingNormal({ seed }), 2, 'fan_in', 'plain'],
  [
    'kaimingNormal fan_out relu',
    (seed: number) => kaimingNormal({ seed, mode: 'fan_out', nonlinearity: 'relu' }),
    2,
    'fan_out',
    'plain',
  ],
] as const;

describe.each(torch)('%s', (_, make, scale, mode, distribution) => {
  test.each([
    ['dense', TORCH_DENSE, 303],
    ['conv', TORCH_CONV, 404],
  ] as const)('%s %j: variance gain²/n with torch fans', (__, shape, seed) => {
    const values = make(seed).apply(shape, 'float64').data;
    expectMoments(values, varianceScalingMoments(distribution, scale / fanOf(shape, mode, 'torch')));
  });
});

describe("the other TF1 aliases, with TF1's defaults", () => {
  test.each([
    ['dense', DENSE],
    ['conv', CONV],
  ] as const)('%s %j', (_, shape) => {
    expectMoments(new random_uniform_initializer({ seed: 1 }).apply(shape, 'float64').data, uniformMoments(0, 1));
    expectMoments(new random_normal_initializer({ seed: 2 }).apply(shape, 'float64').data, normalMoments(0, 1));
    expectMoments(
      new truncated_normal_initializer({ seed: 3 }).apply(shape, 'float64').data,
      truncatedNormalMoments(0, 1),
    );
    const inputSize = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const bound = Math.sqrt(3 / inputSize);
    const unit = new uniform_unit_scaling_initializer({ seed: 4 }).apply(shape, 'float64').data;
    expectMoments(unit, uniformMoments(-bound, bound));
    expect(Math.max(...unit.map(Math.abs))).toBeLessThan(bound);
  });

  test("Keras ids have Keras 3's defaults: random_normal σ 0.05, random_uniform ±0.05, truncated_normal σ 0.05", () => {
    expectMoments(withSeed('random_normal', 5).apply(DENSE, 'float64').data, normalMoments(0, 0.05));
    expectMoments(withSeed('random_uniform', 6).apply(DENSE, 'float64').data, uniformMoments(-0.05, 0.05));
    expectMoments(withSeed('truncated_normal', 7).apply(DENSE, 'float64').data, truncatedNormalMoments(0, 0.05));
  });
});
