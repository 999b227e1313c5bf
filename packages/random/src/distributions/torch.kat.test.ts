import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { InitRangeError, InitTypeError } from '../errors.js';
import { createTorchGenerator, TorchGenerator } from '../engines/torch-generator.js';
import { fillNormalTorch, fillTruncatedNormalTorch, fillUniformTorch } from './torch.js';
import { erf } from './torch-math.js';
import { expectThrows } from '../../test/errors.js';

/** The committed outputs of scripts/torch_generator_fixtures.py, one file per PyTorch version. */
interface Call {
  op: string;
  a?: number;
  b?: number;
  shape: number[];
  dtype: 'float32' | 'float64';
  low?: number;
  high?: number;
  mean?: number;
  std?: number;
}
type Output = number[] | { head: number[]; sha256: string };
interface GeneratorFixture {
  torch: string;
  cpuCapability: string | null;
  cases: { name: string; calls: Call[]; outputs: Record<string, Output[]> }[];
}

const FIXTURES: GeneratorFixture[] = ['torch-generator-1.13.json', 'torch-generator-2.13.json'].map(
  (name) => JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8')) as GeneratorFixture,
);

function sha256(data: Float32Array | Float64Array): string {
  return createHash('sha256')
    .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    .digest('hex');
}

/** Distance in units in the last place between two doubles of the same sign and binade or so. */
function ulps(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Number(view.getBigInt64(0) - view.getBigInt64(8));
}

/** Runs one fixture case's calls on one generator, as the script ran them on PyTorch's. */
function run(calls: Call[], seed: number): (Float32Array | Float64Array)[] {
  const generator = createTorchGenerator(seed);
  return calls.map((call) => {
    const n = call.shape.reduce((product, size) => product * size, 1);
    const out = call.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
    if (call.op === 'uniform') return fillUniformTorch(out, generator, { low: call.low ?? 0, high: call.high ?? 1 });
    return fillNormalTorch(out, generator, { mean: call.mean ?? 0, stddev: call.std ?? 1 });
  });
}

/*
 * float64 normal_ calls the C library's log, sin and cos (glibc's); JavaScript's Math functions
 * (V8's fdlibm ports) round some results the other way, so float64 normals may differ in the last
 * bits. The largest difference measured over these fixtures is 2 ulps; the test allows 4.
 */
const FLOAT64_NORMAL_ULPS = 4;

describe.each(FIXTURES.map((fixture) => [fixture.torch, fixture] as const))(
  'torch engine parity with PyTorch %s',
  (_, fixture) => {
    const cases = fixture.cases.filter((item) =>
      item.calls.every((call) => call.op === 'uniform' || call.op === 'normal'),
    );
    const rows = cases.flatMap((item) => ['0', '1', '1234'].map((seed) => [item.name, seed, item] as const));

    test('the fixture has uniform_ and normal_ in both dtypes, below, at and above 16 elements', () => {
      const sizes = new Set(
        cases.flatMap((item) =>
          item.calls.map(
            (call) =>
              `${call.op} ${call.dtype} ${call.shape[0]! < 16 ? 'small' : call.shape[0]! % 16 === 0 ? '16k' : 'odd'}`,
          ),
        ),
      );
      for (const op of ['uniform', 'normal']) {
        for (const dtype of ['float32', 'float64']) {
          for (const size of ['small', '16k', 'odd']) expect(sizes).toContain(`${op} ${dtype} ${size}`);
        }
      }
    });

    test.each(rows)('%s, seed %s', (_name, seed, item) => {
      const outputs = run(item.calls, Number(seed));
      item.calls.forEach((call, k) => {
        const actual = outputs[k] as Float32Array | Float64Array;
        const expected = item.outputs[seed]?.[k] as Output;
        const exact = !(call.op === 'normal' && call.dtype === 'float64');
        if (Array.isArray(expected)) {
          if (exact) expect(Array.from(actual), `call ${k}`).toEqual(expected);
          else {
            const worst = Math.max(...expected.map((value, i) => Math.abs(ulps(actual[i] as number, value))));
            expect(worst, `call ${k}`).toBeLessThanOrEqual(FLOAT64_NORMAL_ULPS);
          }
        } else {
          if (exact) {
            expect(Array.from(actual.subarray(0, 16)), `call ${k}`).toEqual(expected.head);
            expect(sha256(actual), `call ${k}`).toBe(expected.sha256);
          } else {
            const worst = Math.max(...expected.head.map((value, i) => Math.abs(ulps(actual[i] as number, value))));
            expect(worst, `call ${k}`).toBeLessThanOrEqual(FLOAT64_NORMAL_ULPS);
          }
        }
      });
    });
  },
);

describe('createTorchGenerator', () => {
  test('MT19937 as C++ std::mt19937: seed 5489 gives 3499211612 first and 4123659995 at the 10000th draw', () => {
    const generator = createTorchGenerator(5489);
    expect(generator.random()).toBe(3499211612);
    for (let i = 2; i < 10000; i++) generator.random();
    expect(generator.random()).toBe(4123659995);
  });

  test('torch.manual_seed keeps the 64-bit seed but seeds the state with its low 32 bits', () => {
    expect(createTorchGenerator(2 ** 32 + 7).initialSeed()).toBe(2n ** 32n + 7n);
    expect(createTorchGenerator(-1).initialSeed()).toBe(2n ** 64n - 1n);
    const a = createTorchGenerator(7);
    const b = createTorchGenerator(2n ** 40n + 7n);
    for (let i = 0; i < 1000; i++) expect(a.random()).toBe(b.random());
  });

  test('float32 uniform_ uses one word, float64 two; manualSeed restarts and clears the cached normal', () => {
    const generator = createTorchGenerator(3);
    const words = createTorchGenerator(3);
    fillUniformTorch(new Float32Array(5), generator);
    fillUniformTorch(new Float64Array(5), generator);
    for (let i = 0; i < 15; i++) words.random();
    expect(generator.random()).toBe(words.random());
    fillNormalTorch(new Float32Array(1), generator); // caches the pair's second value
    const restarted = fillNormalTorch(new Float32Array(3), generator.manualSeed(3));
    expect(restarted).toEqual(fillNormalTorch(new Float32Array(3), createTorchGenerator(3)));
  });

  test('the scalar sampler hands its cached value to the next small call, as PyTorch does', () => {
    const one = createTorchGenerator(11);
    const first = fillNormalTorch(new Float64Array(1), one)[0];
    const second = fillNormalTorch(new Float64Array(1), one)[0];
    const both = fillNormalTorch(new Float64Array(2), createTorchGenerator(11));
    expect([first, second]).toEqual(Array.from(both));
  });

  test('clone() forks the stream', () => {
    const generator = createTorchGenerator(5);
    fillNormalTorch(new Float32Array(3), generator);
    const copy = generator.clone();
    expect(fillNormalTorch(new Float32Array(40), copy)).toEqual(fillNormalTorch(new Float32Array(40), generator));
    expect(TorchGenerator.isInstance(copy)).toBe(true);
  });

  test.each([
    [
      () => createTorchGenerator(1.5),
      InitRangeError,
      'createTorchGenerator: seed must be a safe integer or a bigint in [-2^63, 2^64)',
    ],
    [() => createTorchGenerator(2n ** 64n), InitRangeError, 'createTorchGenerator: seed must be'],
    [() => createTorchGenerator('0' as unknown as number), InitTypeError, 'createTorchGenerator: seed must be'],
    [
      () => fillUniformTorch(new Uint16Array(2) as unknown as Float32Array, createTorchGenerator(0)),
      InitTypeError,
      'fillUniformTorch: out must be a Float32Array or a Float64Array',
    ],
    [
      () => fillUniformTorch(new Float32Array(2), {} as TorchGenerator),
      InitTypeError,
      'fillUniformTorch: generator must be a TorchGenerator',
    ],
    [
      () => fillUniformTorch(new Float32Array(2), createTorchGenerator(0), { low: 1, high: 1 }),
      InitRangeError,
      'fillUniformTorch: low must be less than high',
    ],
    [
      () => fillNormalTorch(new Float32Array(2), createTorchGenerator(0), { stddev: -1 }),
      InitRangeError,
      'fillNormalTorch: stddev must be a non-negative finite number',
    ],
  ] as const)('bad input %#', expectThrows);
});

describe('fillTruncatedNormalTorch: trunc_normal_ of PyTorch ≥ 2.12', () => {
  const fixture = FIXTURES.find((item) => item.torch.startsWith('2.')) as GeneratorFixture;
  const item = fixture.cases.find((entry) => entry.name === 'trunc_normal') as GeneratorFixture['cases'][number];

  test('the fixture has intervals on both sides of p = 0.3 (normal redraws and uniform rejection)', () => {
    const probabilities = item.calls.map((call) => {
      const cdf = (x: number) => (1 + erf(x / Math.SQRT2)) / 2;
      const c = call as Call & { a: number; b: number };
      return cdf((c.b - (c.mean ?? 0)) / (c.std ?? 1)) - cdf((c.a - (c.mean ?? 0)) / (c.std ?? 1));
    });
    expect(probabilities.some((p) => p > 0.3)).toBe(true);
    expect(probabilities.some((p) => p < 0.3)).toBe(true);
  });

  test.each(['0', '1', '1234'])('seed %s: every call bit for bit, on one generator', (seed) => {
    const generator = createTorchGenerator(Number(seed));
    item.calls.forEach((call, k) => {
      const c = call as Call & { a: number; b: number };
      const n = c.shape.reduce((product, size) => product * size, 1);
      const out = c.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
      fillTruncatedNormalTorch(out, generator, { mean: c.mean ?? 0, stddev: c.std ?? 1, a: c.a, b: c.b });
      const expected = item.outputs[seed]?.[k] as Output;
      const head = Array.isArray(expected) ? expected : expected.head;
      if (c.dtype === 'float64' && (c.b - (c.mean ?? 0)) / (c.std ?? 1) - (c.a - (c.mean ?? 0)) / (c.std ?? 1) > 1) {
        // float64 normal_ (the redraw regime): the C library's log/sin/cos, to the same few ulps.
        const worst = Math.max(...head.map((value, i) => Math.abs(ulps(out[i] as number, value))));
        expect(worst, `call ${k}`).toBeLessThanOrEqual(FLOAT64_NORMAL_ULPS);
      } else if (Array.isArray(expected)) expect(Array.from(out), `call ${k}`).toEqual(expected);
      else {
        expect(Array.from(out.subarray(0, 16)), `call ${k}`).toEqual(expected.head);
        expect(sha256(out), `call ${k}`).toBe(expected.sha256);
      }
      for (const value of out) {
        expect(value).toBeGreaterThanOrEqual(Math.fround(c.a));
        expect(value).toBeLessThanOrEqual(Math.fround(c.b));
      }
    });
  });

  test.each([
    [0.1, 0.1124629160182849],
    [1, 0.8427007929497149],
    [2.4, 0.999311486103355],
    [2.6, 0.9997639655834707],
    [3.5, 0.9999992569016276],
    [-1.3, -0.9340079449406524],
  ])('erf(%d) agrees with the C library to 1e-13', (x, expected) => {
    expect(Math.abs(erf(x) - expected)).toBeLessThan(1e-13);
  });
});
