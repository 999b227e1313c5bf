import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  capabilities,
  fillNormal,
  fillTruncatedNormal,
  fillUniform,
  fillUniformInt,
  foldIn,
  keyFromSeed,
  prepareNormal,
  prepareTruncatedNormal,
  prepareUniform,
  prepareUniformInt,
  setKernels,
} from '../index.js';
import type { FillDType, Key } from '../index.js';
import { emitJavaScriptKernels } from './emit-js.js';
import { lastFillKernels } from './sampler.js';
import { seedBlock } from '../engines/block-stream.js';
import { WASM_LAYOUT } from './emit-wasm.js';
import { wasmSampling } from './wasm-kernels.js';

afterEach(() => setKernels('auto'));

/** Runs `fill` with the WebAssembly kernels and with the JavaScript ones, checking which ran. */
function bothKernels<T extends ArrayBufferView>(fill: () => T): { wasm: Uint8Array; js: Uint8Array } {
  setKernels('auto');
  const wasm = fill();
  const wasmRan = lastFillKernels();
  setKernels('javascript');
  const js = fill();
  const jsRan = lastFillKernels();
  setKernels('auto');
  expect([wasmRan, jsRan]).toEqual(['webassembly-simd', 'javascript']);
  return {
    wasm: new Uint8Array(wasm.buffer, wasm.byteOffset, wasm.byteLength),
    js: new Uint8Array(js.buffer, js.byteOffset, js.byteLength),
  };
}

/** Index of the first differing byte, or −1: a readable failure instead of a megabyte diff. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function floatArray(dtype: FillDType, length: number): Float32Array | Float64Array | Uint16Array {
  if (dtype === 'float32') return new Float32Array(length);
  if (dtype === 'float64') return new Float64Array(length);
  return new Uint16Array(length);
}

const KEYS: readonly Key[] = [keyFromSeed(0), foldIn(keyFromSeed('kernels'), 'layer/7')];
// Lengths around the block (256) and batch (64 blocks) sizes; offsets inside a block and far out.
const LENGTHS = [1, 255, 257, 1000, 64 * 256 + 300];
const OFFSETS = [0, 3, 256, 2 ** 40 + 129];
const DTYPES: readonly FillDType[] = ['float32', 'float64', 'float16', 'bfloat16'];

// Parameters chosen to reach every path: grid points rounded onto `high` (uniform rejections),
// stored values rounded onto a truncation bound (the `check` path, frequent in bfloat16), the
// ziggurat's tail and wedges (about 1.5% of normal attempts, so thousands here).
const FLOAT_CASES = [
  {
    name: 'uniform [0, 1)',
    fill: (out: Float32Array | Float64Array | Uint16Array, key: Key, dtype: FillDType, offset: number) =>
      fillUniform(out, key, { dtype, offset }),
  },
  {
    name: 'uniform [-3, 5.5)',
    fill: (out: Float32Array | Float64Array | Uint16Array, key: Key, dtype: FillDType, offset: number) =>
      fillUniform(out, key, { low: -3, high: 5.5, dtype, offset }),
  },
  {
    name: 'normal',
    fill: (out: Float32Array | Float64Array | Uint16Array, key: Key, dtype: FillDType, offset: number) =>
      fillNormal(out, key, { dtype, offset }),
  },
  {
    name: 'normal mean 0.5 stddev 3',
    fill: (out: Float32Array | Float64Array | Uint16Array, key: Key, dtype: FillDType, offset: number) =>
      fillNormal(out, key, { mean: 0.5, stddev: 3, dtype, offset }),
  },
  {
    name: 'truncated normal',
    fill: (out: Float32Array | Float64Array | Uint16Array, key: Key, dtype: FillDType, offset: number) =>
      fillTruncatedNormal(out, key, { dtype, offset }),
  },
  {
    name: 'truncated normal mean 1 stddev 0.3',
    fill: (out: Float32Array | Float64Array | Uint16Array, key: Key, dtype: FillDType, offset: number) =>
      fillTruncatedNormal(out, key, { mean: 1, stddev: 0.3, dtype, offset }),
  },
];

describe('kernel source', () => {
  test('js-kernels.generated.ts is what the emitter writes from source.ts (run scripts/generate-kernels.ts)', () => {
    const committed = readFileSync(new URL('./js-kernels.generated.ts', import.meta.url), 'utf8');
    expect(committed).toBe(emitJavaScriptKernels());
  });
});

describe('kernel choice', () => {
  test('importing compiles nothing; the first fill compiles the module once', async () => {
    vi.resetModules();
    // The project's TypeScript libs do not describe WebAssembly (see wasm-kernels.ts).
    const api = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object } }).WebAssembly;
    const compile = vi.spyOn(api, 'Module');
    try {
      const fresh = await import('../index.js');
      expect(compile).not.toHaveBeenCalled();
      fresh.fillUniform(new Float32Array(3), fresh.keyFromSeed(1));
      fresh.fillNormal(new Float32Array(3), fresh.keyFromSeed(1));
      expect(compile).toHaveBeenCalledTimes(1);
    } finally {
      compile.mockRestore();
    }
  });

  test('Node 20 runs the WebAssembly SIMD kernels, and a fill reports that it did', () => {
    expect(capabilities()).toEqual({ simd: true, kernels: 'webassembly-simd' });
    fillNormal(new Float32Array(10), keyFromSeed(1));
    expect(lastFillKernels()).toBe('webassembly-simd');
  });

  test("setKernels('javascript') is reported, and bad choices are refused", () => {
    expect(setKernels('javascript')).toEqual({
      simd: false,
      kernels: 'javascript',
      reason: "setKernels('javascript')",
    });
    expect(capabilities()).toMatchObject({ simd: false, kernels: 'javascript' });
    expect(() => setKernels('wasm' as never)).toThrow(
      "setKernels: choice must be 'auto' or 'javascript'. Received: \"wasm\".",
    );
    fillNormal(new Float32Array(10), keyFromSeed(1));
    expect(lastFillKernels()).toBe('javascript');
  });
});

describe('WebAssembly SIMD and JavaScript kernels give the same bits', () => {
  for (const testCase of FLOAT_CASES) {
    test.each(DTYPES)(`${testCase.name}, %s, every length × offset × key`, (dtype) => {
      for (const key of KEYS) {
        for (const length of LENGTHS) {
          for (const offset of OFFSETS) {
            const { wasm, js } = bothKernels(() => testCase.fill(floatArray(dtype, length), key, dtype, offset));
            expect(firstDifference(wasm, js), `length ${length}, offset ${offset}`).toBe(-1);
          }
        }
      }
    });
  }

  const INT_CASES = [
    { kind: 'Int32Array', make: (n: number) => new Int32Array(n), low: 0, high: 10 },
    { kind: 'Int32Array', make: (n: number) => new Int32Array(n), low: -2147483648, high: 2147483647 },
    { kind: 'Float32Array', make: (n: number) => new Float32Array(n), low: -1000, high: 3000 },
    { kind: 'Float64Array', make: (n: number) => new Float64Array(n), low: -5, high: 3e9 },
    { kind: 'Float64Array', make: (n: number) => new Float64Array(n), low: 7, high: 2 ** 40 + 3 },
  ];
  test.each(INT_CASES)('uniform integers [$low, $high) in a $kind', ({ make, low, high }) => {
    for (const key of KEYS) {
      for (const length of LENGTHS) {
        for (const offset of OFFSETS) {
          const { wasm, js } = bothKernels(() => fillUniformInt(make(length), key, { low, high, offset }));
          expect(firstDifference(wasm, js), `length ${length}, offset ${offset}`).toBe(-1);
        }
      }
    }
  });

  test('many keys, short fills at every offset within a block', () => {
    for (let seed = 0; seed < 40; seed++) {
      const key = keyFromSeed(seed);
      for (const offset of [seed, 255 - seed, 256 * seed + 7]) {
        const { wasm, js } = bothKernels(() => fillTruncatedNormal(new Float32Array(37 + seed), key, { offset }));
        expect(firstDifference(wasm, js)).toBe(-1);
      }
    }
  });
});

describe('the copy out of the module', () => {
  // The sampler starts each batch's blocks at a pad that depends on where the copy lands in out's
  // buffer (sampler.ts, copyPad): every offset within a 64-byte line, for each element size, and a
  // column shard's runs (whose later stretches land at other offsets), against the whole fill.
  test.each(['float32', 'float64'] as const)('views at every offset in a 64-byte line, %s', (dtype) => {
    const bytes = dtype === 'float32' ? 4 : 8;
    const length = 64 * 256 + 700;
    for (const sampler of [prepareNormal(KEYS[1]!, { dtype }), prepareUniform(KEYS[0]!, { dtype })]) {
      const whole = sampler.fill(floatArray(dtype, length + 300), 0);
      for (let view = 0; view < 64 / bytes; view++) {
        for (const offset of [0, 5, 300]) {
          const { wasm, js } = bothKernels(() => {
            const buffer = new ArrayBuffer(bytes * (length + 64));
            const out =
              dtype === 'float32'
                ? new Float32Array(buffer, 4 * view, length)
                : new Float64Array(buffer, 8 * view, length);
            return sampler.fill(out, offset);
          });
          const expected = new Uint8Array(whole.buffer, bytes * offset, bytes * length);
          expect(firstDifference(wasm, expected), `view ${view}, offset ${offset}`).toBe(-1);
          expect(firstDifference(js, expected), `view ${view}, offset ${offset}`).toBe(-1);
        }
      }
    }
  });

  test('a column shard into a view, float32', () => {
    const sampler = prepareNormal(KEYS[0]!);
    const [rows, columns, fullColumns, column0] = [90, 37, 1000, 11];
    const whole = sampler.fill(new Float32Array(rows * fullColumns));
    const runs: number[] = [];
    for (let r = 0; r < rows; r++) runs.push(r * columns, r * fullColumns + column0, columns);
    for (const view of [0, 1, 3, 7, 12]) {
      const { wasm } = bothKernels(() =>
        sampler.fillRuns(new Float32Array(new ArrayBuffer(4 * (rows * columns + 16)), 4 * view, rows * columns), runs),
      );
      const got = new Float32Array(wasm.buffer, wasm.byteOffset, rows * columns);
      for (let r = 0; r < rows; r++) {
        expect(Array.from(got.subarray(r * columns, (r + 1) * columns)), `view ${view}, row ${r}`).toEqual(
          Array.from(whole.subarray(r * fullColumns + column0, r * fullColumns + column0 + columns)),
        );
      }
    }
  });
});

describe('the module seeds blocks as seedBlock does', () => {
  test('four lanes per group, counters up to the last block of 2^53 elements, many keys', () => {
    const wasm = wasmSampling()!;
    const words = wasm.i32;
    const blocks = [0, 1, 2, 255, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 5, 2 ** 40 + 3, 2 ** 45 - 1, 123456789];
    for (let seed = 0; seed < 20; seed++) {
      const [key0, key1] = [Math.imul(seed, 0x9e3779b9) | 0, (seed * 7919) ^ 0x5bd1e995];
      for (let t = 0; t < 4 * 16; t++) {
        const block = blocks[(t + seed) % blocks.length]! + (t >> 4);
        const at = WASM_LAYOUT.counters / 4 + 8 * (t >> 2) + (t & 3);
        words[at] = 2 * block;
        words[at + 4] = Math.floor((2 * block) / 2 ** 32);
      }
      wasm.seedBlocks(16, key0, key1);
      const expected = new Int32Array(4);
      for (let t = 0; t < 4 * 16; t++) {
        const block = blocks[(t + seed) % blocks.length]! + (t >> 4);
        seedBlock(key0, key1, block, expected);
        const at = WASM_LAYOUT.states / 4 + 16 * (t >> 2) + (t & 3);
        expect([words[at], words[at + 4], words[at + 8], words[at + 12]], `seed ${seed}, block ${block}`).toEqual(
          Array.from(expected),
        );
      }
    }
  });

  // Each batch is flushed where its last segment is added; runs of length 0 in the middle and at the
  // end (after which the loop holds segments it has not flushed) must change nothing.
  test.each([
    ['trailing', [0, 100, 300, 300, 20_000, 17_000, 17_300, 50, 0]],
    ['middle and trailing', [0, 100, 0, 0, 100, 300, 300, 40_000, 0, 300, 20_000, 17_000, 17_300, 9, 0, 17_300, 5, 0]],
    ['only', [0, 5, 0]],
  ])('runs of length 0 (%s) leave the other runs equal to the whole fill, with both kernels', (_, runs) => {
    const sampler = prepareUniform(keyFromSeed(11));
    const whole = sampler.fill(new Float32Array(60_000), 0);
    const expected = new Float32Array(17_300);
    for (let run = 0; run < runs.length; run += 3) {
      const [local, full, length] = [runs[run]!, runs[run + 1]!, runs[run + 2]!];
      expected.set(whole.subarray(full, full + length), local);
    }
    const { wasm, js } = bothKernels(() => sampler.fillRuns(new Float32Array(17_300), runs));
    const bytes = new Uint8Array(expected.buffer);
    expect(firstDifference(wasm, bytes)).toBe(-1);
    expect(firstDifference(js, bytes)).toBe(-1);
  });

  test('a shard far out in a 2^53-element tensor equals its JavaScript kernels', () => {
    const sampler = prepareUniform(keyFromSeed(7));
    const runs = [0, 2 ** 53 - 5000, 700, 700, 2 ** 52 + 129, 300, 1000, 2 ** 45 + 17, 64];
    const { wasm, js } = bothKernels(() => sampler.fillRuns(new Float32Array(1064), runs));
    expect(firstDifference(wasm, js)).toBe(-1);
  });
});

describe('prepared samplers', () => {
  const key = keyFromSeed(2024);
  /** The runs of a [rows, columns] shard at (row0, column0) of a [fullRows, fullColumns] tensor. */
  function shardRuns(rows: number, columns: number, row0: number, column0: number, fullColumns: number): number[] {
    const runs: number[] = [];
    for (let r = 0; r < rows; r++) runs.push(r * columns, (row0 + r) * fullColumns + column0, columns);
    return runs;
  }

  test.each(DTYPES)('fill(out, offset) equals the fill functions, %s', (dtype) => {
    const cases = [
      [
        prepareUniform(key, { low: -2, high: 3, dtype }),
        (out: Float32Array | Float64Array | Uint16Array) =>
          fillUniform(out, key, { low: -2, high: 3, dtype, offset: 300 }),
      ],
      [
        prepareNormal(key, { mean: 1, stddev: 2, dtype }),
        (out: Float32Array | Float64Array | Uint16Array) =>
          fillNormal(out, key, { mean: 1, stddev: 2, dtype, offset: 300 }),
      ],
      [
        prepareTruncatedNormal(key, { stddev: 0.5, dtype }),
        (out: Float32Array | Float64Array | Uint16Array) =>
          fillTruncatedNormal(out, key, { stddev: 0.5, dtype, offset: 300 }),
      ],
    ] as const;
    for (const [sampler, fill] of cases) {
      expect(sampler.dtype).toBe(dtype);
      expect(sampler.fill(floatArray(dtype, 999), 300)).toEqual(fill(floatArray(dtype, 999)));
    }
  });

  test('fillRuns of a column shard equals the same slice of the whole tensor, with both kernels', () => {
    const [rows, columns] = [70, 600];
    for (const sampler of [prepareNormal(key), prepareUniform(key), prepareTruncatedNormal(key)]) {
      const whole = sampler.fill(new Float32Array(rows * columns));
      for (const [shardRows, shardColumns, row0, column0] of [
        [70, 64, 0, 0],
        [70, 64, 0, 200],
        [13, 301, 50, 299],
        [1, 600, 69, 0],
      ] as const) {
        const runs = shardRuns(shardRows, shardColumns, row0, column0, columns);
        const { wasm, js } = bothKernels(() => sampler.fillRuns(new Float32Array(shardRows * shardColumns), runs));
        expect(firstDifference(wasm, js)).toBe(-1);
        const shard = new Float32Array(wasm.buffer);
        for (let r = 0; r < shardRows; r++) {
          const start = (row0 + r) * columns + column0;
          expect(shard.subarray(r * shardColumns, (r + 1) * shardColumns)).toEqual(
            whole.subarray(start, start + shardColumns),
          );
        }
      }
    }
  });

  test('prepareUniformInt fills what fillUniformInt fills', () => {
    const sampler = prepareUniformInt(key, { low: -3, high: 40 });
    expect(sampler.fill(new Int32Array(500), 77)).toEqual(
      fillUniformInt(new Int32Array(500), key, { low: -3, high: 40, offset: 77 }),
    );
    const wide = prepareUniformInt(key, { low: 0, high: 2 ** 45, dtype: 'float64' });
    expect(wide.fill(new Float64Array(300), 5)).toEqual(
      fillUniformInt(new Float64Array(300), key, { low: 0, high: 2 ** 45, offset: 5 }),
    );
  });

  test('truncated normals with other bounds (the general samplers) fill runs as fillTruncatedNormal does', () => {
    for (const bounds of [
      { lower: 0, upper: Infinity },
      { lower: -1, upper: 0.5 },
      { lower: 8, upper: 9 },
    ]) {
      const sampler = prepareTruncatedNormal(key, { stddev: 2, ...bounds });
      const whole = fillTruncatedNormal(new Float32Array(40 * 30), key, { stddev: 2, ...bounds });
      const shard = sampler.fillRuns(
        new Float32Array(40 * 7),
        Array.from({ length: 40 }, (_, r) => [r * 7, r * 30 + 11, 7]).flat(),
      );
      for (let r = 0; r < 40; r++)
        expect(shard.subarray(r * 7, r * 7 + 7)).toEqual(whole.subarray(r * 30 + 11, r * 30 + 18));
    }
    expect(() => prepareTruncatedNormal(key, { lower: 3, upper: 1 })).toThrow(/lower must be less than upper/);
  });

  test('a degenerate truncated normal (stddev 0) fills mean in every run', () => {
    const out = prepareTruncatedNormal(key, { mean: 0.25, stddev: 0 }).fillRuns(
      new Float32Array(6),
      [0, 10, 2, 4, 99, 2],
    );
    expect(Array.from(out)).toEqual([0.25, 0.25, 0, 0, 0.25, 0.25]);
  });

  test('bad arguments get clear errors', () => {
    expect(() => prepareUniform(key, { offset: 3 } as never)).toThrow(
      'prepareUniform: offset must be given to fill(out, offset), not to the prepared sampler. Received: 3.',
    );
    expect(() => prepareNormal(key, { dtype: 'int32' as never })).toThrow(/prepareNormal: dtype must be one of/);
    expect(() => prepareUniformInt(key, { low: 0, high: 5, dtype: 'constructor' as never })).toThrow(
      /prepareUniformInt: dtype must be one of/,
    );
    const sampler = prepareNormal(key);
    expect(() => sampler.fill(new Float64Array(3) as never)).toThrow(
      /prepareNormal: out must be a Float32Array for dtype float32/,
    );
    expect(() => sampler.fill(new Float32Array(3), -1)).toThrow(/prepareNormal: offset must be/);
    expect(() => sampler.fillRuns(new Float32Array(3), [0, 0])).toThrow(/runs must be an array of/);
    expect(() => sampler.fillRuns(new Float32Array(3), [1, 0, 3])).toThrow(
      /runs\[0\.\.2\] must be non-negative integers/,
    );
    expect(() => sampler.fillRuns(new Float32Array(3), [0, 2 ** 53 - 1, 2])).toThrow(/inside 2\^53 elements/);
    expect(() => prepareTruncatedNormal(key, { stddev: -1 })).toThrow(
      /prepareTruncatedNormal: stddev must be a non-negative finite number/,
    );
  });
});
