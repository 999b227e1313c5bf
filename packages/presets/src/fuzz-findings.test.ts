// Regression tests for what the cross-package fuzz suite (tooling/fuzz) found in @init/presets, one
// named test per finding: each failed before its fix. The rule they hold: an error found at
// construction or at apply names the function the caller called and the option the caller wrote,
// with the caller's value, never the core class inside or its options (scale, lower, upper, stddev).
import { describe, expect, test } from 'vitest';
import { InitRangeError } from '@init/core';
import { sparse, truncNormal, xavierNormal, xavierUniform } from './pytorch.js';

describe('fuzz findings in @init/presets', () => {
  test('xavierUniform({ gain: 3.5e38 }) names xavierUniform and gain at apply, not VarianceScaling and scale', () => {
    const init = xavierUniform({ gain: 3.5e38, seed: 1 });
    expect(() => init.apply([1, 2])).toThrow(InitRangeError);
    expect(() => init.apply([1, 2])).toThrow(
      /^xavierUniform: gain must give bounds \[.*\) that are finite in float32 and hold at least one float32 value\. Received: 3\.5e\+38\.$/,
    );
  });

  test('xavierNormal({ gain: 1e39 }) names xavierNormal and gain at apply', () => {
    expect(() => xavierNormal({ gain: 1e39, seed: 1 }).apply([1, 2])).toThrow(
      'xavierNormal: gain must keep mean ± 13.71·stddev (the widest sample) within the finite range of float32. Received: 1e+39.',
    );
  });

  test("with engine 'torch', a gain whose bound overflows float32 names the helper and gain, not fillUniformTorch's low", () => {
    expect(() => xavierUniform({ gain: 3e38, engine: 'torch', seed: 1 }).apply([2, 2])).toThrow(
      /^xavierUniform: gain must give bounds .* Received: 3e\+38\.$/,
    );
    expect(() => xavierNormal({ gain: 1e38, engine: 'torch', seed: 1 }).apply([2, 2])).toThrow(
      /^xavierNormal: gain must keep mean ± 13\.71·stddev .* Received: 1e\+38\.$/,
    );
  });

  test('truncNormal({ mean: 1.8e308, a: -3.43, b: 3.43 }) names mean, the input at fault, not b - a', () => {
    const options = { mean: 1.7976931348623157e308, std: 1.71, a: -3.43, b: 3.43 };
    expect(() => truncNormal(options)).toThrow(InitRangeError);
    expect(() => truncNormal(options)).toThrow(
      /^truncNormal: mean must lie near enough to \[a, b\] that a and b stay apart in units of std: .* Received: 1\.7976931348623157e\+308\.$/,
    );
    // With the mean inside [a, b], only a huge std can merge the two: then std is named.
    expect(() => truncNormal({ std: 1e300, a: -1e-300, b: 1e-300 })).toThrow(
      /^truncNormal: std must be small enough that a and b stay apart in units of std: \(b - a\)\/std underflows .* Received: 1e\+300\.$/,
    );
  });

  test("truncNormal's apply-time errors name a, b and std with the caller's values, not lower, upper and stddev", () => {
    expect(() => truncNormal({ a: -1e5, b: 1, seed: 1 }).apply([4], 'float16')).toThrow(
      'truncNormal: a must keep a (-100000) within the finite range of float16 (mean 0, std 1). Received: -100000.',
    );
    expect(() => truncNormal({ std: 1e5, a: -2e5, b: 2e5, seed: 1 }).apply([4], 'float16')).toThrow(
      /^truncNormal: std must keep mean ± 2·stddev within the finite range of float16\. Received: 100000\.$/,
    );
    expect(() => truncNormal({ b: Infinity, engine: 'torch', seed: 1 })).toThrow(
      "truncNormal: a and b must be finite, with std > 0, with engine 'torch' (PyTorch's trunc_normal_ draws uniform_(a, b)). Received: [-2, Infinity].",
    );
  });

  test("truncNormal's far-tail bounds refused after 2^20 redraws are said in truncNormal's words, not fillTruncatedNormal's", () => {
    // N(2^53, 1) truncated to [-2, 2]: its mass sits within 1e-16 of b, where float32 has no value
    // strictly below b that the sampler can reach.
    expect(() => truncNormal({ mean: 2 ** 53, std: 1, a: -2, b: 2, seed: 1 }).apply([4])).toThrow(
      'truncNormal: a and b must leave measurable probability on float32 values strictly between the bounds they give (mean 9007199254740992, std 1); an element was redrawn 2^20 times. Received: a=-2, b=2.',
    );
  });

  test("sparse's std that float16 cannot hold is named std, with the caller's value", () => {
    expect(() => sparse({ sparsity: 0.5, std: 1e4, seed: 1 }).apply([3, 4], 'float16')).toThrow(
      /^sparse: std must keep mean ± 13\.71·stddev \(the widest sample\) within the finite range of float16\. Received: 10000\.$/,
    );
  });
});
