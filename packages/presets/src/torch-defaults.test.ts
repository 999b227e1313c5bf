import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createTorchGenerator,
  InitRangeError,
  InitTypeError,
  Ones,
  RandomUniform,
  VarianceScaling,
  Zeros,
  type Tensor,
} from '@init/core';
import { describe, expect, test } from 'vitest';
import {
  kaimingNormal,
  kaimingUniform,
  materializeTorchDefaults,
  TORCH_MODULES,
  torchDefaults,
  type TorchModule,
  truncNormal,
  xavierNormal,
  xavierUniform,
} from './index.js';

/** The committed outputs of scripts/torch_module_fixtures.py, one file per PyTorch version. */
interface StateEntry {
  shape: number[];
  dtype: string;
  sha256: string;
  head: number[];
  values?: number[];
}
interface ModuleFixture {
  torch: string;
  seeds: number[];
  cases: { module: TorchModule; options: Record<string, unknown>; outputs: Record<string, [string, StateEntry][]> }[];
}

const FIXTURES: ModuleFixture[] = ['torch-modules-1.13.json', 'torch-modules-2.13.json'].map(
  (name) => JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')) as ModuleFixture,
);

function sha256(tensor: Tensor): string {
  const data = tensor.data;
  return createHash('sha256')
    .update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    .digest('hex');
}

function build(module: TorchModule, options: Record<string, unknown>, seed: number): Record<string, Tensor> {
  const generator = createTorchGenerator(seed);
  // biome-ignore lint/suspicious/noExplicitAny: the fixture's options are checked by torchDefaults itself.
  return materializeTorchDefaults(torchDefaults(module, { ...options, engine: 'torch', generator } as any));
}

describe.each(FIXTURES.map((fixture) => [fixture.torch, fixture] as const))(
  'torchDefaults parity with PyTorch %s',
  (_, fixture) => {
    test('the fixture covers every module', () => {
      expect(new Set(fixture.cases.map((item) => item.module))).toEqual(new Set(TORCH_MODULES));
      expect(fixture.seeds).toEqual([0, 1, 1234]);
    });

    const rows = fixture.cases.flatMap((item) =>
      fixture.seeds.map((seed) => [item.module, JSON.stringify(item.options), seed, item] as const),
    );
    test.each(rows)('%s %s seed %i: keys, shapes and values bit for bit', (module, _options, seed, item) => {
      const expected = item.outputs[String(seed)] as [string, StateEntry][];
      const state = build(module, item.options, seed);
      expect(new Set(Object.keys(state))).toEqual(new Set(expected.map(([key]) => key)));
      if (module !== 'MultiheadAttention') expect(Object.keys(state)).toEqual(expected.map(([key]) => key));
      for (const [key, entry] of expected) {
        const tensor = state[key] as Tensor;
        expect(tensor.shape, key).toEqual(entry.shape);
        if (entry.dtype === 'int64') {
          // num_batches_tracked: a 0-d int64 in PyTorch, an int32 here; both start at 0.
          expect(Array.from(tensor.data), key).toEqual(entry.values);
          continue;
        }
        expect(tensor.dtype, key).toBe(entry.dtype);
        expect(Array.from(tensor.data.subarray(0, 8)), key).toEqual(entry.head);
        if (entry.values !== undefined) expect(Array.from(tensor.data), key).toEqual(entry.values);
        expect(sha256(tensor), key).toBe(entry.sha256);
      }
    });
  },
);

describe('torchDefaults', () => {
  test('nn.Linear(300, 100): kaiming_uniform_(a=√5) weight and a ±1/√300 bias, in that order', () => {
    const defaults = torchDefaults('Linear', { inFeatures: 300, outFeatures: 100 });
    expect(Object.keys(defaults)).toEqual(['weight', 'bias']);
    expect(defaults.weight?.shape).toEqual([100, 300]);
    expect(defaults.weight?.initializer).toBeInstanceOf(VarianceScaling);
    const bias = defaults.bias?.initializer as RandomUniform;
    expect(bias).toBeInstanceOf(RandomUniform);
    expect(bias.maxval).toBe(1 / Math.sqrt(300));
    // The weight's bound: √3 · gain / √fanIn with gain √(2 / (1 + 5)) is also 1/√300.
    const weight = materializeTorchDefaults(defaults).weight as Tensor;
    expect(Math.max(...Array.from(weight.data, Math.abs))).toBeLessThan(1 / Math.sqrt(300) + 1e-7);
  });

  test('MultiheadAttention lists out_proj first, with the bias draw PyTorch discards', () => {
    const defaults = torchDefaults('MultiheadAttention', { embedDim: 8, numHeads: 2, engine: 'torch', seed: 0 });
    expect(Object.keys(defaults)).toEqual(['out_proj.weight', 'out_proj.bias', 'in_proj_weight', 'in_proj_bias']);
    expect(defaults['out_proj.bias']?.initializer).toBeInstanceOf(Zeros);
    expect(defaults['out_proj.bias']?.discardedDraws).toHaveLength(1);
    // The counter engine has no stream to advance, so nothing is discarded.
    expect(
      torchDefaults('MultiheadAttention', { embedDim: 8, numHeads: 2 })['out_proj.bias']?.discardedDraws,
    ).toBeUndefined();
  });

  test('BatchNorm keeps its running statistics as buffers', () => {
    const defaults = torchDefaults('BatchNorm2d', { numFeatures: 3 });
    expect(Object.entries(defaults).map(([key, entry]) => [key, entry.kind, entry.dtype])).toEqual([
      ['weight', 'parameter', 'float32'],
      ['bias', 'parameter', 'float32'],
      ['running_mean', 'buffer', 'float32'],
      ['running_var', 'buffer', 'float32'],
      ['num_batches_tracked', 'buffer', 'int32'],
    ]);
    expect(defaults.running_var?.initializer).toBeInstanceOf(Ones);
  });

  test('Embedding zeroes the padding row, counting a negative index from the end', () => {
    const state = materializeTorchDefaults(
      torchDefaults('Embedding', { numEmbeddings: 6, embeddingDim: 5, paddingIdx: -2, seed: 3 }),
    );
    const weight = state.weight as Tensor;
    expect(Array.from(weight.data.subarray(20, 25))).toEqual([0, 0, 0, 0, 0]);
    expect(Array.from(weight.data.subarray(15, 20)).every((value) => value !== 0)).toBe(true);
  });

  test('a numeric seed with engine torch is torch.manual_seed(seed) before the constructor', () => {
    const fromSeed = materializeTorchDefaults(
      torchDefaults('GRU', { inputSize: 3, hiddenSize: 4, engine: 'torch', seed: 1 }),
    );
    const generator = createTorchGenerator(1);
    const fromGenerator = materializeTorchDefaults(
      torchDefaults('GRU', { inputSize: 3, hiddenSize: 4, engine: 'torch', generator }),
    );
    expect(fromSeed).toEqual(fromGenerator);
  });

  test('one generator across modules continues the stream as PyTorch does', () => {
    // torch.manual_seed(0); a = nn.Linear(300, 100); b = nn.Linear(5, 3, bias=False): b's weight is
    // drawn after a's 30 100 values, which the fixtures' first seed-0 case pins.
    const generator = createTorchGenerator(0);
    materializeTorchDefaults(
      torchDefaults('Linear', { inFeatures: 300, outFeatures: 100, engine: 'torch', generator }),
    );
    const second = materializeTorchDefaults(
      torchDefaults('Linear', { inFeatures: 5, outFeatures: 3, bias: false, engine: 'torch', generator }),
    );
    const fresh = materializeTorchDefaults(
      torchDefaults('Linear', { inFeatures: 5, outFeatures: 3, bias: false, engine: 'torch', seed: 0 }),
    );
    expect(second.weight?.data).not.toEqual(fresh.weight?.data);
    // And the 30 100 + 15 draws are the same stream as one 30 115-element uniform_ would give.
    expect(generator.random()).toBe(
      (() => {
        const replay = createTorchGenerator(0);
        for (let i = 0; i < 30115; i++) replay.random();
        return replay.random();
      })(),
    );
  });

  test('the counter engine derives one seed per key, so entries differ and repeat', () => {
    const first = materializeTorchDefaults(torchDefaults('LSTM', { inputSize: 3, hiddenSize: 2, seed: 'model' }));
    const again = materializeTorchDefaults(torchDefaults('LSTM', { inputSize: 3, hiddenSize: 2, seed: 'model' }));
    expect(first).toEqual(again);
    expect(first.bias_ih_l0?.data).not.toEqual(first.bias_hh_l0?.data);
  });

  test.each([
    [
      'Linear',
      { inFeatures: 0, outFeatures: 3 },
      InitRangeError,
      'torchDefaults: inFeatures must be a positive integer. Received: 0.',
    ],
    [
      'Conv2d',
      { inChannels: 3, outChannels: 4, kernelSize: 3, groups: 2 },
      InitRangeError,
      'inChannels must be divisible by groups (2)',
    ],
    [
      'Conv2d',
      { inChannels: 4, outChannels: 4, kernelSize: [3] },
      InitTypeError,
      'kernelSize must be a positive integer or 2 positive integers',
    ],
    ['Linear', { inFeatures: 3, outFeatures: 3, stride: 1 }, InitTypeError, 'options must have only the keys'],
    [
      'LSTM',
      { inputSize: 3, hiddenSize: 2, projSize: 2 },
      InitRangeError,
      'projSize must be smaller than hiddenSize (2)',
    ],
    ['MultiheadAttention', { embedDim: 6, numHeads: 4 }, InitRangeError, 'embedDim must be divisible by numHeads (4)'],
    [
      'Embedding',
      { numEmbeddings: 4, embeddingDim: 2, paddingIdx: 4 },
      InitRangeError,
      'paddingIdx must be an integer in [-4, 4) or null',
    ],
    [
      'Linear',
      { inFeatures: 3, outFeatures: 3, engine: 'torch' },
      InitTypeError,
      "generator must be given (or a numeric seed) with engine 'torch'",
    ],
    [
      'Linear',
      { inFeatures: 3, outFeatures: 3, generator: createTorchGenerator(0) },
      InitTypeError,
      "generator must be absent unless engine is 'torch'",
    ],
    ['Linear', { inFeatures: 3, outFeatures: 3, engine: 'tfjs' }, InitTypeError, "engine must be 'counter' or 'torch'"],
    ['Dense', { units: 3 }, InitTypeError, "module must be one of 'Linear'"],
  ] as const)('%s %o throws %o', (module, options, kind, message) => {
    // biome-ignore lint/suspicious/noExplicitAny: bad input on purpose.
    expect(() => torchDefaults(module as any, options as any)).toThrow(kind);
    // biome-ignore lint/suspicious/noExplicitAny: bad input on purpose.
    expect(() => torchDefaults(module as any, options as any)).toThrow(message);
  });
});

/** The nn.init calls of @init/random's generator fixtures (scripts/torch_generator_fixtures.py). */
interface InitCall {
  op: string;
  shape: number[];
  dtype: 'float32' | 'float64';
  a?: number;
  mode?: 'fan_in' | 'fan_out';
  nonlinearity?: 'leaky_relu' | 'relu';
  gain?: number;
}
const GENERATOR_FIXTURES = ['torch-generator-1.13.json', 'torch-generator-2.13.json'].map(
  (name) =>
    JSON.parse(readFileSync(new URL(`../../random/src/__fixtures__/${name}`, import.meta.url), 'utf8')) as {
      torch: string;
      cases: {
        name: string;
        calls: InitCall[];
        outputs: Record<string, (number[] | { head: number[]; sha256: string })[]>;
      }[];
    },
);

describe.each(GENERATOR_FIXTURES.map((fixture) => [fixture.torch, fixture] as const))(
  "kaiming_* and xavier_* with engine 'torch' equal PyTorch %s",
  (_, fixture) => {
    const item = fixture.cases.find((entry) => entry.name === 'kaiming and xavier');
    test.each(['0', '1', '1234'])('seed %s, nine calls on one generator', (seed) => {
      const generator = createTorchGenerator(Number(seed));
      item?.calls.forEach((call, k) => {
        const common = { engine: 'torch' as const, generator };
        const initializer =
          call.op === 'kaiming_uniform'
            ? kaimingUniform({
                a: call.a ?? 0,
                mode: call.mode ?? 'fan_in',
                nonlinearity: call.nonlinearity ?? 'leaky_relu',
                ...common,
              })
            : call.op === 'kaiming_normal'
              ? kaimingNormal({
                  a: call.a ?? 0,
                  mode: call.mode ?? 'fan_in',
                  nonlinearity: call.nonlinearity ?? 'leaky_relu',
                  ...common,
                })
              : call.op === 'xavier_uniform'
                ? xavierUniform({ gain: call.gain ?? 1, ...common })
                : xavierNormal({ gain: call.gain ?? 1, ...common });
        const tensor = initializer.apply(call.shape, call.dtype);
        const expected = item.outputs[seed]?.[k];
        if (Array.isArray(expected)) expect(Array.from(tensor.data), `${call.op} ${k}`).toEqual(expected);
        else {
          expect(Array.from(tensor.data.subarray(0, 16)), `${call.op} ${k}`).toEqual(expected?.head);
          expect(sha256(tensor), `${call.op} ${k}`).toBe(expected?.sha256);
        }
      });
    });
  },
);

describe("truncNormal with engine 'torch' equals trunc_normal_ of PyTorch 2.13", () => {
  const fixture = GENERATOR_FIXTURES.find((entry) => entry.torch.startsWith('2.'));
  const item = fixture?.cases.find((entry) => entry.name === 'trunc_normal');
  test.each(['0', '1', '1234'])('seed %s: the float32 calls on one generator', (seed) => {
    const generator = createTorchGenerator(Number(seed));
    item?.calls.forEach((call, k) => {
      const c = call as InitCall & { mean: number; std: number; a: number; b: number };
      const tensor = truncNormal({ mean: c.mean, std: c.std, a: c.a, b: c.b, engine: 'torch', generator }).apply(
        c.shape,
        c.dtype,
      );
      const expected = item.outputs[seed]?.[k];
      if (c.dtype === 'float64') return; // float64 normal_ agrees to a few ulps only (@init/random's README)
      if (Array.isArray(expected)) expect(Array.from(tensor.data), `call ${k}`).toEqual(expected);
      else {
        expect(Array.from(tensor.data.subarray(0, 16)), `call ${k}`).toEqual(expected?.head);
        expect(sha256(tensor), `call ${k}`).toBe(expected?.sha256);
      }
    });
  });
});
