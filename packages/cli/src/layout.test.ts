import { describe, expect, test } from 'vitest';
import { existsSync } from 'node:fs';
import { filesOfHost, indexJson, OptionError, parseShard, parseSize, planFiles } from './layout.js';
import { parseSpec } from './spec.js';
import { writeCheckpoint } from './write.js';
import { parseSeed } from './seed.js';

describe('--max-shard-size', () => {
  test.each([
    ['5GB', 5e9],
    ['500MB', 5e8],
    ['2GiB', 2 * 2 ** 30],
    ['1.5kb', 1500],
    ['1024', 1024],
    ['10 MiB', 10 * 2 ** 20],
  ])('%s is %i bytes', (text, bytes) => expect(parseSize(text)).toBe(bytes));

  test.each(['', '0', '-5GB', '5XB', 'GB', '1e3'])('%j is refused', (text) => {
    expect(() => parseSize(text)).toThrow(
      `--max-shard-size must be a positive size such as 5GB, 500MB, 2GiB or a number of bytes. Received: ${JSON.stringify(text)}.`,
    );
  });
});

describe('--shard', () => {
  test.each([
    ['0/1', { index: 0, count: 1 }],
    ['3/4', { index: 3, count: 4 }],
  ])('%s', (text, expected) => expect(parseShard(text)).toEqual(expected));
  test.each(['4/4', '1', '-1/2', '1/0', 'a/b'])('%j is refused', (text) => {
    expect(() => parseShard(text)).toThrow(/--shard must be i\/n with 0 ≤ i < n/);
  });
});

describe('flags given as non-strings (found by the fuzz suite)', () => {
  // Regression: parseShard(0) threw a raw "text.trim is not a function" and parseSeed(1e21)
  // returned the number 1e21 unchecked; each now refuses a non-string with an OptionError naming its flag.
  test.each([
    ['--shard', parseShard],
    ['--max-shard-size', parseSize],
    ['--seed', parseSeed],
  ] as const)('%s refuses numbers, null, symbols, bigints and objects', (flag, parse) => {
    for (const value of [0, 1e21, null, undefined, Symbol('x'), 3n, ['0/1'], { text: '1' }]) {
      expect(() => parse(value as never)).toThrow(OptionError);
      expect(() => parse(value as never)).toThrow(`${flag} must be a string. Received: `);
    }
  });
});

describe('planFiles', () => {
  const tensors = [
    { name: 'a', shape: [10], dtype: 'float32' as const },
    { name: 'b', shape: [30], dtype: 'float32' as const },
    { name: 'c', shape: [5], dtype: 'float64' as const },
    { name: 'd', shape: [100], dtype: 'float32' as const },
    { name: 'e', shape: [1], dtype: 'bfloat16' as const },
  ];
  test('one file without a size', () => {
    expect(planFiles(tensors, undefined, 'out.safetensors')).toEqual({
      files: [{ name: 'out.safetensors', tensors: expect.any(Array) }],
      index: undefined,
      totalBytes: 40 + 120 + 40 + 400 + 2,
    });
  });
  test("greedy in order, a tensor larger than the size alone in its file, Hugging Face's names", () => {
    const plan = planFiles(tensors, 160, 'x');
    expect(plan.files.map((file) => [file.name, file.tensors.map((tensor) => tensor.name)])).toEqual([
      ['model-00001-of-00004.safetensors', ['a', 'b']],
      ['model-00002-of-00004.safetensors', ['c']],
      ['model-00003-of-00004.safetensors', ['d']],
      ['model-00004-of-00004.safetensors', ['e']],
    ]);
    expect(plan.index).toBe('model.safetensors.index.json');
    expect(JSON.parse(indexJson(plan))).toEqual({
      metadata: { total_size: 602 },
      weight_map: {
        a: 'model-00001-of-00004.safetensors',
        b: 'model-00001-of-00004.safetensors',
        c: 'model-00002-of-00004.safetensors',
        d: 'model-00003-of-00004.safetensors',
        e: 'model-00004-of-00004.safetensors',
      },
    });
  });
  test('everything fits one shard: model.safetensors, no index', () => {
    expect(planFiles(tensors, 10_000, 'x')).toMatchObject({ files: [{ name: 'model.safetensors' }], index: undefined });
  });
  test('hosts take files round robin; host 0 writes the index; together every file once', () => {
    const plan = planFiles(tensors, 50, 'x');
    for (const count of [1, 2, 3, 4, 7]) {
      const names = Array.from({ length: count }, (_, index) =>
        filesOfHost(plan, index, count).files.map((file) => file.name),
      ).flat();
      expect(names.sort()).toEqual(plan.files.map((file) => file.name).sort());
      expect(Array.from({ length: count }, (_, index) => filesOfHost(plan, index, count).writesIndex)).toEqual(
        Array.from({ length: count }, (_, index) => index === 0),
      );
    }
  });
});

// Regressions: numbers built in code (not parsed from flags) that planned nothing or nonsense
// without a word: a shard size of 0 put every tensor alone, NaN put all in model.safetensors, and a
// host outside its count was given no files.
describe('the library forms of --max-shard-size and --shard are checked', () => {
  const tensors = [{ name: 'a', shape: [10], dtype: 'float32' as const }];
  test.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '5GB', null])('planFiles maxShardSize %s', (size) => {
    expect(() => planFiles(tensors, size as number, 'x')).toThrow(OptionError);
    expect(() => planFiles(tensors, size as number, 'x')).toThrow(
      /^planFiles: maxShardSize must be a positive whole number of bytes\. Received: /,
    );
  });
  test.each([
    [2, 2],
    [-1, 2],
    [0, 0],
    [0.5, 2],
    [0, Number.NaN],
    ['0', 1],
  ])('filesOfHost index %s of count %s', (index, count) => {
    const plan = planFiles(tensors, undefined, 'x');
    expect(() => filesOfHost(plan, index as number, count as number)).toThrow(OptionError);
    expect(() => filesOfHost(plan, index as number, count as number)).toThrow(
      'filesOfHost: index and count must be whole numbers with 0 ≤ index < count. Received: index ',
    );
  });
  test('writeCheckpoint checks them (and out) before it writes anything', async () => {
    const spec = parseSpec('{ "parameters": { "w": { "shape": [2, 2], "init": "zeros" } } }');
    await expect(writeCheckpoint(spec, { seed: 1, out: '', maxShardSize: 10 })).rejects.toThrow(
      'writeCheckpoint: out must be a non-empty path. Received: "".',
    );
    await expect(writeCheckpoint(spec, { seed: 1, out: 'never-written', maxShardSize: 0 })).rejects.toThrow(
      'writeCheckpoint: maxShardSize must be a positive whole number of bytes. Received: 0.',
    );
    await expect(
      writeCheckpoint(spec, { seed: 1, out: 'never-written.safetensors', shard: { index: 2, count: 2 } }),
    ).rejects.toThrow(
      'writeCheckpoint: shard must be whole numbers with 0 ≤ index < count. Received: index 2, count 2.',
    );
    expect(existsSync('never-written')).toBe(false);
    expect(existsSync('never-written.safetensors')).toBe(false);
  });
});
