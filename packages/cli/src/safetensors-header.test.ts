// A safetensors header is read as untrusted data: every malformed file below is refused with this
// package's FormatError naming the file, never a raw TypeError/RangeError and never a header that
// reads bytes the file does not have.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { thrownBy } from '../../random/test/errors.js';
import { FormatError, MAX_HEADER_BYTES, readHeader } from './safetensors.js';

const scratch = mkdtempSync(join(tmpdir(), 'init-weights-header-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let files = 0;
/** Writes an 8-byte little-endian header size, the header bytes, then `data` bytes of zeros. */
function file(header: string | Uint8Array, options: { size?: bigint; data?: number } = {}): string {
  const json = typeof header === 'string' ? Buffer.from(header, 'utf8') : Buffer.from(header);
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(options.size ?? BigInt(json.length));
  const path = join(scratch, `case-${files++}.safetensors`);
  writeFileSync(path, Buffer.concat([size, json, Buffer.alloc(options.data ?? 0)]));
  return path;
}

function expectFormatError(path: string, message: RegExp): void {
  const thrown = thrownBy(() => readHeader(path));
  expect(thrown).toBeInstanceOf(FormatError);
  expect((thrown as Error).message.startsWith(`${path}: `)).toBe(true);
  expect((thrown as Error).message).toMatch(message);
}

const f32 = (offsets: unknown, shape: unknown = [2]) => ({ dtype: 'F32', shape, data_offsets: offsets });

describe('readHeader refuses a malformed safetensors header with a FormatError', () => {
  test('a file shorter than the 8-byte size', () => {
    const path = join(scratch, 'short.safetensors');
    writeFileSync(path, Buffer.from([1, 2, 3]));
    expectFormatError(path, /shorter than the 8-byte header size/);
  });

  test('a header size above the cap', () => {
    expectFormatError(file('{}', { size: BigInt(MAX_HEADER_BYTES) + 1n }), /larger than/);
  });

  test('a header size beyond the end of the file', () => {
    expectFormatError(file('{}', { size: 4096n }), /ends inside the header/);
  });

  test.each([
    ['not starting with {', '[1, 2]', /must start with '\{'/],
    ['invalid JSON', '{"a": ', /not valid JSON/],
    ['a tensor that is not an object', '{"w": 3}', /unknown dtype/],
    [
      'an unknown dtype',
      JSON.stringify({ w: { dtype: 'F128', shape: [1], data_offsets: [0, 16] } }),
      /unknown dtype "F128"/,
    ],
    ['a negative dimension', JSON.stringify({ w: f32([0, 8], [-2]) }), /invalid shape/],
    ['a fractional dimension', JSON.stringify({ w: f32([0, 8], [1.5]) }), /invalid shape/],
    ['three offsets', JSON.stringify({ w: f32([0, 4, 8]) }), /invalid data_offsets/],
    ['string offsets', JSON.stringify({ w: f32(['0', '8']) }), /invalid data_offsets/],
    [
      'offsets that do not match dtype and shape',
      JSON.stringify({ w: f32([0, 12]) }),
      /covers 12 bytes, but .* need 8/,
    ],
    ['a hole between tensors', JSON.stringify({ a: f32([0, 8]), b: f32([12, 20]) }), /hole or an overlap at 8/],
    ['overlapping tensors', JSON.stringify({ a: f32([0, 8]), b: f32([4, 12]) }), /hole or an overlap at 8/],
    ['a first tensor not at 0', JSON.stringify({ a: f32([8, 16]) }), /hole or an overlap at 0/],
    ['metadata that is an array', JSON.stringify({ __metadata__: ['x'] }), /__metadata__ must map strings to strings/],
    ['metadata with a number', JSON.stringify({ __metadata__: { a: 1 } }), /__metadata__ must map strings to strings/],
  ])('%s', (_name, header, message) => {
    expectFormatError(file(header, { data: 64 }), message);
  });

  test('a well-formed header is read, tensors in file order with their offsets', () => {
    const path = file(JSON.stringify({ __metadata__: { format: 'pt' }, b: f32([8, 16]), a: f32([0, 8]) }), {
      data: 16,
    });
    const header = readHeader(path);
    expect(header.metadata).toEqual({ format: 'pt' });
    expect(header.tensors.map((t) => [t.name, t.dataOffsets])).toEqual([
      ['b', [8, 16]],
      ['a', [0, 8]],
    ]);
  });
});
