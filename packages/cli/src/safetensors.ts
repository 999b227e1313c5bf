// The safetensors format, written from its published specification:
//
//   8 bytes    N, the header's size, an unsigned little-endian 64-bit integer
//   N bytes    the header: UTF-8 JSON that starts with '{' and may be padded at the end with
//              spaces (0x20); { NAME: { "dtype", "shape", "data_offsets": [BEGIN, END] }, …,
//              "__metadata__"?: { string: string } }
//   the rest   the byte buffer: every tensor's bytes, little-endian, row-major, at
//              [BEGIN, END) relative to the buffer's start; the buffer is entirely indexed, no holes.
//
// The header is padded so that N is a multiple of 8, which puts the buffer (and so every tensor
// whose offset is a multiple of its element size) on an 8-byte boundary, as the reference writer does.
import { closeSync, openSync, readSync } from 'node:fs';
import type { DType } from '@init/core';

/** safetensors' dtype names for the dtypes @init makes. */
export const SAFETENSORS_DTYPES: Readonly<Record<DType, string>> = {
  float32: 'F32',
  float64: 'F64',
  float16: 'F16',
  bfloat16: 'BF16',
  int32: 'I32',
  uint8: 'U8',
  bool: 'BOOL',
};

/** Bytes per element of each safetensors dtype this package reads. */
export const DTYPE_BYTES: Readonly<Record<string, number>> = {
  F32: 4,
  F64: 8,
  F16: 2,
  BF16: 2,
  I32: 4,
  U8: 1,
  BOOL: 1,
};

/** One tensor as a header lists it. */
export interface TensorEntry {
  readonly name: string;
  readonly dtype: string;
  readonly shape: readonly number[];
  /** [BEGIN, END) in the byte buffer. */
  readonly dataOffsets: readonly [number, number];
}

/** A parsed header, with where the byte buffer starts in the file. */
export interface Header {
  readonly tensors: readonly TensorEntry[];
  readonly metadata: Readonly<Record<string, string>>;
  /** 8 + N: the file offset of the byte buffer. */
  readonly dataStart: number;
}

/** The reference implementation refuses headers larger than this; so does the reader here. */
export const MAX_HEADER_BYTES = 100_000_000;

/**
 * The header bytes (the 8-byte size included) for tensors laid out in order, contiguously.
 * @returns the bytes and the size of the byte buffer.
 */
export function encodeHeader(
  tensors: ReadonlyArray<{ name: string; dtype: DType; shape: readonly number[] }>,
  metadata: Readonly<Record<string, string>>,
): { bytes: Uint8Array; dataBytes: number; offsets: Array<readonly [number, number]> } {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  const offsets: Array<readonly [number, number]> = [];
  for (const tensor of tensors) {
    const size = tensor.shape.reduce((a, b) => a * b, 1);
    const end = offset + size * bytesOf(tensor.dtype);
    header[tensor.name] = { dtype: SAFETENSORS_DTYPES[tensor.dtype], shape: tensor.shape, data_offsets: [offset, end] };
    offsets.push([offset, end]);
    offset = end;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  const bytes = new Uint8Array(8 + padded).fill(0x20, 8 + json.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(padded), true);
  bytes.set(json, 8);
  return { bytes, dataBytes: offset, offsets };
}

/** Bytes per element of an @init dtype in a safetensors file. */
export function bytesOf(dtype: DType): number {
  return DTYPE_BYTES[SAFETENSORS_DTYPES[dtype]] as number;
}

/** A file that is not a valid safetensors file; the message says what is wrong. */
export class FormatError extends Error {
  override readonly name = 'FormatError';
}

/**
 * Reads and checks the header of a safetensors file: the size against the file, the JSON, each
 * entry's dtype, shape and offsets, and that the offsets tile the byte buffer with no hole.
 * @throws FormatError
 */
export function readHeader(path: string): Header {
  const fd = openSync(path, 'r');
  try {
    const sizeBytes = Buffer.alloc(8);
    if (readSync(fd, sizeBytes, 0, 8, 0) !== 8) throw new FormatError(`${path}: shorter than the 8-byte header size.`);
    const size = sizeBytes.readBigUInt64LE(0);
    if (size > BigInt(MAX_HEADER_BYTES))
      throw new FormatError(`${path}: the header size ${size} is larger than ${MAX_HEADER_BYTES} bytes.`);
    const json = Buffer.alloc(Number(size));
    if (readSync(fd, json, 0, json.length, 8) !== json.length)
      throw new FormatError(`${path}: the file ends inside the header.`);
    if (json[0] !== 0x7b) throw new FormatError(`${path}: the header must start with '{'.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(json.toString('utf8'));
    } catch (error) {
      throw new FormatError(`${path}: the header is not valid JSON: ${(error as Error).message}.`);
    }
    return checkHeader(path, parsed, 8 + json.length);
  } finally {
    closeSync(fd);
  }
}

function checkHeader(path: string, parsed: unknown, dataStart: number): Header {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new FormatError(`${path}: the header must be a JSON object.`);
  const tensors: TensorEntry[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (name === '__metadata__') {
      if (
        typeof value !== 'object' ||
        value === null ||
        Array.isArray(value) ||
        !Object.values(value).every((v) => typeof v === 'string')
      ) {
        throw new FormatError(`${path}: __metadata__ must map strings to strings.`);
      }
      metadata = value as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets: offsets } = (value ?? {}) as Record<string, unknown>;
    if (typeof dtype !== 'string' || !(dtype in DTYPE_BYTES))
      throw new FormatError(`${path}: tensor ${name} has an unknown dtype ${JSON.stringify(dtype)}.`);
    if (!Array.isArray(shape) || !shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0))
      throw new FormatError(`${path}: tensor ${name} has an invalid shape.`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      throw new FormatError(`${path}: tensor ${name} has invalid data_offsets.`);
    }
    const [begin, end] = offsets as [number, number];
    const expected = (shape as number[]).reduce((a, b) => a * b, 1) * (DTYPE_BYTES[dtype] as number);
    if (end - begin !== expected)
      throw new FormatError(
        `${path}: tensor ${name} covers ${end - begin} bytes, but its dtype and shape need ${expected}.`,
      );
    tensors.push({ name, dtype, shape: shape as number[], dataOffsets: [begin, end] });
  }
  // The byte buffer must be entirely indexed: sorted by offset, each tensor starts where the last ended.
  const sorted = [...tensors].sort(
    (a, b) => a.dataOffsets[0] - b.dataOffsets[0] || a.dataOffsets[1] - b.dataOffsets[1],
  );
  let position = 0;
  for (const tensor of sorted) {
    if (tensor.dataOffsets[0] !== position)
      throw new FormatError(
        `${path}: the byte buffer has a hole or an overlap at ${position} (tensor ${tensor.name}).`,
      );
    position = tensor.dataOffsets[1];
  }
  return { tensors, metadata, dataStart };
}
