// Which tensors go into which file: one .safetensors file, or Hugging Face's sharded layout
// (model-00001-of-0000N.safetensors + model.safetensors.index.json), and which files one host of n
// writes. The plan depends on the spec and the options only, so every host computes the same one.
import type { DType } from '@init/core';
import { bytesOf } from './safetensors.js';

export interface PlannedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly bytes: number;
}

export interface PlannedFile {
  /** The file name (in the output directory), or the output path itself for a single file. */
  readonly name: string;
  readonly tensors: readonly PlannedTensor[];
}

export interface Plan {
  readonly files: readonly PlannedFile[];
  /** The index file's name, when the layout is sharded into several files. */
  readonly index: string | undefined;
  readonly totalBytes: number;
}

/** A problem with the command's options; the message names the option. */
export class OptionError extends Error {
  override readonly name = 'OptionError';
}

/** A value as an error message shows it: numbers and strings as written, other things by kind. */
function shown(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * A shard size given as a number (the library's form of `--max-shard-size`): a positive whole
 * number of bytes, or undefined for one file. `where` names the function and option.
 */
export function requireShardSize(where: string, bytes: unknown): asserts bytes is number | undefined {
  if (bytes !== undefined && !(Number.isSafeInteger(bytes) && (bytes as number) > 0)) {
    throw new OptionError(`${where} must be a positive whole number of bytes. Received: ${shown(bytes)}.`);
  }
}

/** A host's part given as numbers (the library's form of `--shard`): whole numbers 0 ≤ index < count. */
export function requireHost(where: string, index: unknown, count: unknown): void {
  const fine =
    Number.isSafeInteger(count) &&
    (count as number) >= 1 &&
    Number.isSafeInteger(index) &&
    (index as number) >= 0 &&
    (index as number) < (count as number);
  if (!fine) {
    throw new OptionError(
      `${where} must be whole numbers with 0 ≤ index < count. Received: index ${shown(index)}, count ${shown(count)}.`,
    );
  }
}

/**
 * A flag's value must be text: the library functions are called from code too, where a number or
 * an object would otherwise reach a regular expression or `.trim()` and fail with a raw TypeError.
 */
export function requireText(flag: string, text: unknown): asserts text is string {
  if (typeof text !== 'string') {
    const kind = text === null ? 'null' : Array.isArray(text) ? 'an array' : `a ${typeof text}`;
    throw new OptionError(`${flag} must be a string. Received: ${kind}.`);
  }
}

const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/**
 * `--max-shard-size`: bytes, or a number with a unit as Hugging Face writes it ("5GB" is 5·10⁹
 * bytes, "10GiB" 10·2³⁰; KB, MB, GB, TB and KiB … TiB, any case).
 */
export function parseSize(text: string): number {
  requireText('--max-shard-size', text);
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = UNITS[(match?.[2] ?? '').toLowerCase() || 'b'];
  const bytes = match === null || unit === undefined ? Number.NaN : Math.floor(Number(match[1]) * unit);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new OptionError(
      `--max-shard-size must be a positive size such as 5GB, 500MB, 2GiB or a number of bytes. Received: ${JSON.stringify(text)}.`,
    );
  }
  return bytes;
}

/** `--shard i/n`: host i (counted from 0, as Kubernetes' and torchrun's ranks are) of n. */
export function parseShard(text: string): { index: number; count: number } {
  requireText('--shard', text);
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || !Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(index) || index >= count) {
    throw new OptionError(
      `--shard must be i/n with 0 ≤ i < n, such as 0/4 for the first of four hosts. Received: ${JSON.stringify(text)}.`,
    );
  }
  return { index, count };
}

/**
 * Cuts the tensors, in order, into files of at most `maxShardSize` bytes of tensor data (a tensor
 * larger than that gets a file of its own), as Hugging Face's `save_pretrained` does. Without
 * `maxShardSize`, one file named `single`. With it, one file is named `model.safetensors` and
 * several `model-0000k-of-0000N.safetensors`, with `model.safetensors.index.json`.
 */
export function planFiles(
  tensors: ReadonlyArray<Omit<PlannedTensor, 'bytes'>>,
  maxShardSize: number | undefined,
  single: string,
): Plan {
  requireShardSize('planFiles: maxShardSize', maxShardSize);
  const planned = tensors.map((tensor) => ({
    ...tensor,
    bytes: tensor.shape.reduce((a, b) => a * b, 1) * bytesOf(tensor.dtype),
  }));
  const totalBytes = planned.reduce((sum, tensor) => sum + tensor.bytes, 0);
  if (maxShardSize === undefined) return { files: [{ name: single, tensors: planned }], index: undefined, totalBytes };
  const groups: PlannedTensor[][] = [];
  let current: PlannedTensor[] = [];
  let currentBytes = 0;
  for (const tensor of planned) {
    if (current.length > 0 && currentBytes + tensor.bytes > maxShardSize) {
      groups.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(tensor);
    currentBytes += tensor.bytes;
  }
  groups.push(current);
  if (groups.length === 1)
    return { files: [{ name: 'model.safetensors', tensors: planned }], index: undefined, totalBytes };
  const width = Math.max(5, String(groups.length).length);
  const pad = (k: number): string => String(k).padStart(width, '0');
  const files = groups.map((group, k) => ({
    name: `model-${pad(k + 1)}-of-${pad(groups.length)}.safetensors`,
    tensors: group,
  }));
  return { files, index: 'model.safetensors.index.json', totalBytes };
}

/** Hugging Face's index: the total tensor bytes and which file holds each tensor. */
export function indexJson(plan: Plan): string {
  const weightMap: Record<string, string> = {};
  for (const file of plan.files) for (const tensor of file.tensors) weightMap[tensor.name] = file.name;
  return `${JSON.stringify({ metadata: { total_size: plan.totalBytes }, weight_map: weightMap }, null, 2)}\n`;
}

/** The files host `index` of `count` writes: file k goes to host k mod count; host 0 writes the index. */
export function filesOfHost(plan: Plan, index: number, count: number): { files: PlannedFile[]; writesIndex: boolean } {
  requireHost('filesOfHost: index and count', index, count);
  return {
    files: plan.files.filter((_, k) => k % count === index),
    writesIndex: plan.index !== undefined && index === 0,
  };
}
