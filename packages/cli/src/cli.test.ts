// End-to-end: the built command (bin/init-weights.js → dist) on a tiny GPT-2-shaped spec, its
// files read back with this package's reader (written from the safetensors specification) and
// compared with apply() of each parameter's initializer, built here independently from the key
// rule foldIn(keyFromSeed(seed), name). The workspace build makes dist first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { enableSvd } from '@init/core/svd';
import { get } from '@init/presets';
import { foldIn, keyFromSeed, keyToString } from '@init/random';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import numpyRead from './__fixtures__/numpy-read.json' with { type: 'json' };
import gpt2Tiny from './__fixtures__/gpt2-tiny.spec.json' with { type: 'json' };
import { inspectFile } from './inspect.js';
import { checkpointFiles, forEachSlice, readHeader } from './read.js';

const bin = fileURLToPath(new URL('../bin/init-weights.js', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'init-weights-'));
const seed = '20261129';

function run(args: readonly string[], shell?: string): { status: number | null; stdout: string; stderr: string } {
  const result =
    shell === undefined
      ? spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: scratch })
      : spawnSync('bash', ['-c', `${shell}; exec "$0" "$@"`, process.execPath, bin, ...args], {
          encoding: 'utf8',
          cwd: scratch,
        });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ok(args: readonly string[]): string {
  const result = run(args);
  if (result.status !== 0) throw new Error(`init-weights ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/** Every tensor of a checkpoint path: name → its bytes (read with the package's reader). */
function tensorsOf(path: string): Map<string, { dtype: string; shape: readonly number[]; bytes: Buffer }> {
  const tensors = new Map<string, { dtype: string; shape: readonly number[]; bytes: Buffer }>();
  for (const file of checkpointFiles(path)) {
    const header = readHeader(file);
    for (const tensor of header.tensors) {
      const parts: Buffer[] = [];
      forEachSlice(file, header, tensor, (bytes) => parts.push(Buffer.from(bytes)));
      tensors.set(tensor.name, { dtype: tensor.dtype, shape: tensor.shape, bytes: Buffer.concat(parts) });
    }
  }
  return tensors;
}

/** Every file of a directory: name → bytes. */
function filesOf(directory: string): Map<string, Buffer> {
  return new Map(readdirSync(directory).map((name) => [name, readFileSync(join(directory, name))]));
}

const specPath = join(scratch, 'gpt2-tiny.json');
const single = join(scratch, 'single.safetensors');
const sharded = join(scratch, 'sharded');

beforeAll(() => {
  writeFileSync(specPath, JSON.stringify(gpt2Tiny));
  ok([specPath, '--seed', seed, '--out', single]);
  ok([specPath, '--seed', seed, '--out', sharded, '--max-shard-size', '200KB']);
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a GPT-2-shaped spec', () => {
  test("one file: every tensor's bytes equal apply() of its initializer seeded with foldIn(keyFromSeed(seed), name)", () => {
    const tensors = tensorsOf(single);
    const parameters = Object.entries(gpt2Tiny.parameters);
    expect([...tensors.keys()]).toEqual(parameters.map(([name]) => name));
    const rules = Object.entries(gpt2Tiny.rules);
    for (const [name, shape] of parameters) {
      // The first rule whose glob matches, by hand: the tiny spec's globs are suffix patterns.
      const init = rules.find(([glob]) =>
        new RegExp(`^${glob.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(name),
      )?.[1];
      const key = keyToString(foldIn(keyFromSeed(Number(seed)), name));
      const initializer =
        typeof init === 'string'
          ? get(init)
          : get({
              ...(init as { className: string; config: object }),
              config: { ...(init as { config: object }).config, seed: { key } },
            });
      const expected = initializer.apply(shape);
      const actual = tensors.get(name);
      expect(actual?.dtype).toBe('F32');
      expect(actual?.shape).toEqual(shape);
      expect(
        actual?.bytes.equals(Buffer.from(expected.data.buffer, expected.data.byteOffset, expected.data.byteLength)),
      ).toBe(true);
    }
  });

  test("the sharded layout: Hugging Face's file names and index, the same tensors byte for byte", () => {
    const names = readdirSync(sharded).sort();
    expect(names.length).toBeGreaterThan(2);
    const count = names.length - 1;
    expect(names).toEqual(
      [
        ...Array.from(
          { length: count },
          (_, k) => `model-${String(k + 1).padStart(5, '0')}-of-${String(count).padStart(5, '0')}.safetensors`,
        ),
        'model.safetensors.index.json',
      ].sort(),
    );
    const index = JSON.parse(readFileSync(join(sharded, 'model.safetensors.index.json'), 'utf8')) as {
      metadata: { total_size: number };
      weight_map: Record<string, string>;
    };
    const fromSingle = tensorsOf(single);
    expect(Object.keys(index.weight_map)).toEqual([...fromSingle.keys()]);
    expect(index.metadata.total_size).toBe(
      [...fromSingle.values()].reduce((sum, tensor) => sum + tensor.bytes.length, 0),
    );
    const fromSharded = tensorsOf(sharded);
    for (const [name, tensor] of fromSingle) expect(fromSharded.get(name)?.bytes.equals(tensor.bytes)).toBe(true);
  });

  test.each([2, 4])('--shard i/%i: the hosts’ files together equal the one-host output byte for byte', (count) => {
    const union = new Map<string, Buffer>();
    for (let index = 0; index < count; index++) {
      const directory = join(scratch, `hosts-${count}-${index}`);
      ok([specPath, '--seed', seed, '--out', directory, '--max-shard-size', '200KB', '--shard', `${index}/${count}`]);
      for (const [name, bytes] of filesOf(directory)) {
        expect(union.has(name)).toBe(false);
        union.set(name, bytes);
      }
    }
    const one = filesOf(sharded);
    expect([...union.keys()].sort()).toEqual([...one.keys()].sort());
    for (const [name, bytes] of one) expect(union.get(name)?.equals(bytes)).toBe(true);
  });

  test('--shard 0/1 writes exactly the one-host output', () => {
    const directory = join(scratch, 'hosts-1-0');
    ok([specPath, '--seed', seed, '--out', directory, '--max-shard-size', '200KB', '--shard', '0/1']);
    const one = filesOf(sharded);
    const written = filesOf(directory);
    expect([...written.keys()].sort()).toEqual([...one.keys()].sort());
    for (const [name, bytes] of one) expect(written.get(name)?.equals(bytes)).toBe(true);
  });

  test('the header follows the specification: size a multiple of 8, JSON padded with spaces, offsets tiling the buffer', () => {
    const bytes = readFileSync(single);
    const size = Number(bytes.readBigUInt64LE(0));
    expect(size % 8).toBe(0);
    const text = bytes.subarray(8, 8 + size).toString('utf8');
    expect(text[0]).toBe('{');
    expect(/^\{.*\} *$/s.test(text)).toBe(true);
    const header = JSON.parse(text) as Record<string, { data_offsets: [number, number] }>;
    expect(header.__metadata__).toEqual({ format: 'pt', seed, layout: 'tf', generator: '@init/cli init-weights' });
    const entries = Object.entries(header).filter(([name]) => name !== '__metadata__');
    let position = 0;
    for (const [, entry] of entries) {
      expect(entry.data_offsets[0]).toBe(position);
      position = entry.data_offsets[1];
    }
    expect(8 + size + position).toBe(bytes.length);
  });
});

describe('read back like NumPy reads it (scripts/numpy_read.py, its output committed)', () => {
  test("the JavaScript reader's shapes, dtypes and moments equal NumPy's for the tiny GPT-2", () => {
    expect(numpyRead.checks).toBe('passed');
    const stats = inspectFile(single);
    expect(stats.map((s) => [s.name, s.dtype, s.shape])).toEqual(
      numpyRead.files['gpt2-tiny'].map((s) => [s.name, s.dtype, s.shape]),
    );
    for (const [i, s] of stats.entries()) {
      const reference = numpyRead.files['gpt2-tiny'][i] as (typeof numpyRead.files)['gpt2-tiny'][number];
      expect([s.min, s.max]).toEqual([reference.min, reference.max]);
      // float64 sums in another order (NumPy's pairwise, Chan's merge here): equal to ~1e-12.
      expect(Math.abs(s.mean - reference.mean)).toBeLessThanOrEqual(1e-12 + 1e-9 * reference.std);
      expect(Math.abs(s.std - reference.std)).toBeLessThanOrEqual(1e-12 + 1e-9 * reference.std);
    }
  });

  test('float64, float16 and bfloat16 files too', () => {
    const spec = join(scratch, 'dtypes.json');
    writeFileSync(spec, JSON.stringify(numpyRead.dtypeSpec));
    const out = join(scratch, 'dtypes.safetensors');
    ok([spec, '--seed', seed, '--out', out]);
    const stats = inspectFile(out);
    expect(stats.map((s) => [s.name, s.dtype, s.shape, s.min, s.max])).toEqual(
      numpyRead.files.dtypes.map((s) => [s.name, s.dtype, s.shape, s.min, s.max]),
    );
    for (const [i, s] of stats.entries()) {
      const reference = numpyRead.files.dtypes[i] as (typeof numpyRead.files.dtypes)[number];
      expect(Math.abs(s.mean - reference.mean)).toBeLessThanOrEqual(1e-12 + 1e-9 * reference.std);
      expect(Math.abs(s.std - reference.std)).toBeLessThanOrEqual(1e-12 + 1e-9 * reference.std);
    }
  });
});

describe('inspect and verify', () => {
  test('inspect prints name, shape, dtype, mean, std, min, max per tensor', () => {
    const lines = ok(['inspect', single]).trim().split('\n');
    expect(lines[0]).toBe(single);
    expect(lines[1]?.split(/\s+/)).toEqual(['name', 'shape', 'dtype', 'mean', 'std', 'min', 'max']);
    expect(lines).toHaveLength(2 + Object.keys(gpt2Tiny.parameters).length);
    expect(lines.find((line) => line.startsWith('transformer.h.0.ln_1.weight '))?.split(/\s+/)).toEqual([
      'transformer.h.0.ln_1.weight',
      '[64]',
      'F32',
      '1.000000',
      '0',
      '1.000000',
      '1.000000',
    ]);
  });

  test('verify recomputes every tensor and finds them equal; one changed byte fails it', () => {
    const verified = ok(['verify', specPath, sharded]);
    expect(verified.trim().split('\n').at(-1)).toBe(
      `${Object.keys(gpt2Tiny.parameters).length} of ${Object.keys(gpt2Tiny.parameters).length} tensors match`,
    );
    const tampered = join(scratch, 'tampered.safetensors');
    const bytes = readFileSync(single);
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] as number) ^ 1;
    writeFileSync(tampered, bytes);
    const result = run(['verify', specPath, tampered]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('FAILED   transformer.ln_f.bias: values differ');
    // Another seed is another checkpoint.
    expect(run(['verify', specPath, single, '--seed', '7']).status).toBe(1);
  });
});

describe("TF1's SVD Orthogonal (opt-in in @init/core): the CLI enables it when a spec asks for it", () => {
  test('writes apply() of the initializer byte for byte, and verify agrees', () => {
    const svdSpec = join(scratch, 'svd.json');
    const svdOut = join(scratch, 'svd.safetensors');
    const init = { className: 'Orthogonal', config: { gain: 2, method: 'svd' } };
    writeFileSync(svdSpec, JSON.stringify({ parameters: { 'rnn.weight': { shape: [6, 4], init } } }));
    ok([svdSpec, '--seed', seed, '--out', svdOut]);
    // This process computes the expected values itself, so it opts in as any program would.
    enableSvd();
    const key = keyToString(foldIn(keyFromSeed(Number(seed)), 'rnn.weight'));
    const expected = get({ ...init, config: { ...init.config, seed: { key } } }).apply([6, 4]).data;
    expect(tensorsOf(svdOut).get('rnn.weight')?.bytes.equals(Buffer.from(expected.buffer))).toBe(true);
    expect(ok(['verify', svdSpec, svdOut]).trim().split('\n').at(-1)).toBe('1 of 1 tensors match');
  });
});

describe('a tensor larger than one slice is written in slices', () => {
  test('[4200, 2048] float32 (34 MB > 32 MiB): the bytes equal apply()', () => {
    const spec = join(scratch, 'big.json');
    writeFileSync(spec, JSON.stringify({ parameters: { 'big.weight': [4200, 2048] }, rules: { '*': 'he_uniform' } }));
    const out = join(scratch, 'big.safetensors');
    ok([spec, '--seed', '3', '--out', out, '--workers', '2']);
    const key = keyToString(foldIn(keyFromSeed(3), 'big.weight'));
    const expected = get({ className: 'HeUniform', config: { seed: { key }, layout: 'torch' } }).apply([
      4200, 2048,
    ]).data;
    expect(
      tensorsOf(out)
        .get('big.weight')
        ?.bytes.equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength)),
    ).toBe(true);
    rmSync(out);
  });
});

describe('errors: a clear message, a non-zero exit, nothing under the final name', () => {
  function expectFailure(args: readonly string[], message: string | RegExp, final: string, shell?: string): void {
    const result = run(args, shell);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      typeof message === 'string'
        ? new RegExp(`^init-weights: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
        : message,
    );
    expect(existsSync(final)).toBe(false);
    expect(readdirSync(scratch).filter((name) => name.endsWith('.partial'))).toEqual([]);
  }

  test.each([
    ['invalid JSON', '{"parameters": ', /^init-weights: .*bad\.json: the spec is not valid JSON: /],
    [
      'an unknown id',
      '{"parameters": {"w": [3]}, "rules": {"*": "glorot_uniformm"}}',
      /^init-weights: parameter "w" \(rule "\*" → glorot_uniformm\): get: identifier must name a known initializer/,
    ],
    [
      'no matching rule',
      '{"parameters": {"w": [3]}, "rules": {"*.bias": "zeros"}}',
      /^init-weights: .*bad\.json: parameter "w" matches no rule and has no init/,
    ],
    [
      'a shape the initializer cannot make',
      '{"parameters": {"w": [3, 4, 5]}, "rules": {"*": "identity"}}',
      /^init-weights: parameter "w": Identity: shape must be 2-D\. Received: \[3, 4, 5\]\./,
    ],
    [
      'a negative dim',
      '{"parameters": {"w": [3, -4]}, "rules": {"*": "zeros"}}',
      /^init-weights: .*bad\.json: spec\.parameters\["w"\] must be an array of non-negative integers\. Received: \[3,-4\]\./,
    ],
  ])('%s', (_, text, message) => {
    const spec = join(scratch, 'bad.json');
    writeFileSync(spec, text);
    const out = join(scratch, 'bad.safetensors');
    expectFailure([spec, '--seed', '1', '--out', out], message, out);
  });

  test('an unwritable path (a file where a directory should be)', () => {
    const out = join(single, 'model.safetensors');
    expectFailure(
      [specPath, '--seed', '1', '--out', out],
      /^init-weights: cannot write .*single\.safetensors: a file is in the way of the directory \(EEXIST\)\. Nothing was left under that name\./,
      out,
    );
  });

  test('the disk filling up (a 100 KiB file-size limit: EFBIG, as ENOSPC would be)', () => {
    const out = join(scratch, 'full.safetensors');
    expectFailure(
      [specPath, '--seed', '1', '--out', out],
      `cannot write ${out}: the file is larger than this system allows (EFBIG). Nothing was left under that name.`,
      out,
      'ulimit -f 100',
    );
  });

  test('bad options: seed, shard, size, layout', () => {
    const out = join(scratch, 'x.safetensors');
    expectFailure([specPath, '--out', out], '--seed is required', out);
    expectFailure([specPath, '--seed', '1', '--out', out, '--shard', '2/2'], '--shard must be i/n with 0 ≤ i < n', out);
    expectFailure(
      [specPath, '--seed', '1', '--out', out, '--max-shard-size', 'lots'],
      '--max-shard-size must be a positive size',
      out,
    );
    expect(run([specPath, '--seed', '1', '--out', out, '--layout', 'jax']).status).toBe(2);
  });
});
