import { describe, expect, test } from 'vitest';
import { memarg, name, section, signedLeb, unsignedLeb, vector, wasmModule } from './wasm-encoding.js';

// Encodings from the WebAssembly core specification (5.2.2 Integers, 5.5.2 Sections).
describe('LEB128', () => {
  test.each([
    [0, [0x00]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [624485, [0xe5, 0x8e, 0x26]],
    [2 ** 32 - 1, [0xff, 0xff, 0xff, 0xff, 0x0f]],
  ])('unsigned %i', (value, bytes) => {
    expect(unsignedLeb(value)).toEqual(bytes);
  });

  test.each([
    [0, [0x00]],
    [63, [0x3f]],
    [64, [0xc0, 0x00]],
    [-1, [0x7f]],
    [-64, [0x40]],
    [-65, [0xbf, 0x7f]],
    [-123456, [0xc0, 0xbb, 0x78]],
    [2 ** 31 - 1, [0xff, 0xff, 0xff, 0xff, 0x07]],
    [-(2 ** 31), [0x80, 0x80, 0x80, 0x80, 0x78]],
  ])('signed %i', (value, bytes) => {
    expect(signedLeb(value)).toEqual(bytes);
  });
});

test('names, sections, vectors, memory immediates and the module header', () => {
  expect(name('env')).toEqual([3, 0x65, 0x6e, 0x76]);
  expect(section(1, new Array(200).fill(0)).slice(0, 3)).toEqual([1, 0xc8, 0x01]);
  expect(vector([[1, 2], [3]])).toEqual([2, 1, 2, 3]);
  expect(memarg(3, 300)).toEqual([3, 0xac, 0x02]);
  // The smallest valid module: the header alone, which WebAssembly itself accepts.
  const empty = wasmModule([]);
  expect(Array.from(empty)).toEqual([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const { WebAssembly } = globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } };
  expect(WebAssembly.validate(empty)).toBe(true);
});
