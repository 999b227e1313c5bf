// Regression tests for the bad inputs of issue #12 that reach @init/random directly.
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { InitRangeError, InitTypeError } from './errors.js';
import { fillNormal, fillTruncatedNormal } from './distributions/normal.js';
import { fillNormalTfjs, fillTruncatedNormalTfjs, fillUniformTfjs } from './distributions/tfjs.js';
import { fillUniform } from './distributions/uniform.js';
import { fillUniformInt } from './distributions/uniform-int.js';
import { keyFromSeed, MAX_SPLIT, split } from './keys.js';
import { readOptions } from './rules.js';

const key = keyFromSeed(1);

function detached(): Float32Array {
  const buffer = new ArrayBuffer(16);
  const array = new Float32Array(buffer);
  structuredClone(buffer, { transfer: [buffer] });
  return array;
}

describe("the 'tfjs' fills refuse what the dtype cannot hold", () => {
  test('fillUniformTfjs(new Int32Array(4), 1, { low: 3e9, high: 4e9 }) is refused, not wrapped to negative numbers', () => {
    const out = new Int32Array(4).fill(7);
    expect(() => fillUniformTfjs(out, 1, { low: 3e9, high: 4e9 })).toThrow(InitRangeError);
    expect(() => fillUniformTfjs(out, 1, { low: 3e9, high: 4e9 })).toThrow(
      'fillUniformTfjs: low must lie within [-2^31, 2^31] for an Int32Array. Received: 3000000000.',
    );
    expect(Array.from(out)).toEqual([7, 7, 7, 7]);
    // The widest valid range still works, and every value is an int32 in it.
    const wide = fillUniformTfjs(new Int32Array(64), 1, { low: -(2 ** 31), high: 2 ** 31 });
    expect(wide.every((value) => value >= -(2 ** 31) && value < 2 ** 31)).toBe(true);
  });

  test('float16 normals and uniforms that would overflow are refused on both engines', () => {
    expect(() => fillNormalTfjs(new Uint16Array(4), 1, { stddev: 1e5, dtype: 'float16' })).toThrow(
      /^fillNormalTfjs: stddev must keep mean ± 9\.30·stddev/,
    );
    expect(() => fillNormal(new Uint16Array(4), key, { stddev: 1e5, dtype: 'float16' })).toThrow(
      /^fillNormal: stddev must keep mean ± 13\.71·stddev/,
    );
    expect(() => fillTruncatedNormalTfjs(new Uint16Array(4), 1, { stddev: 4e4, dtype: 'float16' })).toThrow(
      /^fillTruncatedNormalTfjs: stddev must keep mean ± 2·stddev/,
    );
    expect(() => fillUniformTfjs(new Float32Array(4), 1, { high: 1e39 })).toThrow(
      'fillUniformTfjs: high must be within the finite range of float32. Received: 1e+39.',
    );
    expect(() => fillUniformTfjs(new Float64Array(4), 1, { high: 1e39 })).toThrow(
      /^fillUniformTfjs: high must be within the finite range of float32/,
    );
  });

  test('seeds TensorFlow.js takes (−5, 2.5) are taken', () => {
    expect(fillUniformTfjs(new Float32Array(3), -5).every((value) => value >= 0 && value < 1)).toBe(true);
    expect(Array.from(fillNormalTfjs(new Float32Array(3), 2.5))).toEqual(
      Array.from(fillNormalTfjs(new Float32Array(3), 2.5)),
    );
  });
});

describe('options', () => {
  test('a misspelt option is an error suggesting the closest name', () => {
    expect(() => fillUniform(new Float32Array(2), key, { hihg: 2 } as never)).toThrow(
      'fillUniform: hihg must be a known option (did you mean high?); fillUniform takes low, high, offset, dtype. Received: 2.',
    );
    expect(() => fillNormal(new Float32Array(2), key, { stdev: 2 } as never)).toThrow(
      /^fillNormal: stdev must be a known option \(did you mean stddev\?\)/,
    );
  });

  test('null is refused where the type says number', () => {
    expect(() => fillUniform(new Float32Array(2), key, { high: null } as never)).toThrow(InitTypeError);
    expect(() => fillUniform(new Float32Array(2), key, { high: null } as never)).toThrow(
      'fillUniform: high must be a finite number. Received: null.',
    );
    expect(() => fillNormal(new Float32Array(2), key, null as never)).toThrow(
      /^fillNormal: options must be a plain object/,
    );
  });

  test('readOptions reads each value once and refuses class instances', () => {
    let reads = 0;
    const options = {
      get low(): number {
        reads++;
        return 0;
      },
    };
    expect(readOptions('f', options, ['low'])).toEqual({ low: 0 });
    expect(reads).toBe(1);
    expect(() => readOptions('f', new (class Options {})(), ['low'])).toThrow(
      /^f: options must be a plain object .* Received: an object of type Object\.$/,
    );
    expect(() => readOptions('f', { weird: 1 }, [])).toThrow(
      'f: weird must be a known option; f takes no options. Received: 1.',
    );
  });
});

describe('split', () => {
  test('split(key, 1e8) is refused before any key is made, instead of exhausting the heap', () => {
    expect(() => split(key, 1e8)).toThrow(InitRangeError);
    expect(() => split(key, 1e8)).toThrow(
      /^split: n must be an integer in \[0, 4194304\] \(2\^22 keys, about 550 MB; ask for more in batches with options\.offset\)\. Received: 100000000\.$/,
    );
    expect(MAX_SPLIT).toBe(2 ** 22);
  });

  test('keys beyond the bound come in batches, equal to the endless list', () => {
    const batch = split(key, 2, { offset: 2 ** 40 });
    expect(batch.map(String)).toEqual(
      [...split(key, 1, { offset: 2 ** 40 }), ...split(key, 1, { offset: 2 ** 40 + 1 })].map(String),
    );
    expect(split(key, 3, { offset: 4 }).map(String)).toEqual(split(key, 7).slice(4).map(String));
  });
});

describe('buffers: detached, other realm, shared and offset views alike', () => {
  test.each([
    ['fillUniform', () => fillUniform(detached(), key)],
    ['fillNormal', () => fillNormal(detached(), key)],
    ['fillTruncatedNormal', () => fillTruncatedNormal(detached(), key)],
    ['fillUniformTfjs', () => fillUniformTfjs(detached(), 1)],
    ['fillNormalTfjs', () => fillNormalTfjs(detached(), 1)],
    ['fillUniformInt', () => fillUniformInt(detached(), key, { low: 0, high: 2 })],
  ])('%s refuses a detached buffer', (name, call) => {
    expect(call).toThrow(InitTypeError);
    expect(call).toThrow(
      `${name}: out must not be detached (its buffer was transferred). Received: a detached Float32Array.`,
    );
  });

  test('another realm, a SharedArrayBuffer and an offset subarray give the same values', () => {
    const expected = Array.from(fillNormal(new Float32Array(5), key));
    const foreign = runInNewContext('new Float32Array(5)') as Float32Array;
    expect(Array.from(fillNormal(foreign, key))).toEqual(expected);
    expect(Array.from(fillNormal(new Float32Array(new SharedArrayBuffer(40)).subarray(3, 8), key))).toEqual(expected);
    expect(Array.from(fillNormal(new Float32Array(9).subarray(1, 6), key))).toEqual(expected);
    const foreignInt = runInNewContext('new Int32Array(4)') as Int32Array;
    expect(Array.from(fillUniformInt(foreignInt, key, { low: 0, high: 9 }))).toEqual(
      Array.from(fillUniformInt(new Int32Array(4), key, { low: 0, high: 9 })),
    );
  });
});
