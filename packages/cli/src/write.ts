// Writing a checkpoint: each file goes to a temporary name beside its final one, tensor by tensor,
// and is renamed only when complete, so an error (or a full disk) never leaves a partial file under
// the final name. Memory stays near one slice: a tensor is computed in row slices of at most
// SLICE_BYTES through partitionInfo (each slice is exactly that part of apply's tensor) and
// written before the next is computed. Slices are filled on worker threads by @init/parallel.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isInitError, Orthogonal, type DType, type Initializer, type TypedArray } from '@init/core';
import { fillParallel } from '@init/parallel';
import type { Seed } from '@init/random';
import { InitializerError, initializerFor } from './initializer-for.js';
import { enableSvdWhereNeeded } from './svd.js';
import {
  filesOfHost,
  indexJson,
  OptionError,
  planFiles,
  requireHost,
  requireShardSize,
  type Plan,
  type PlannedFile,
  type PlannedTensor,
} from './layout.js';
import { bytesOf, encodeHeader } from './safetensors.js';
import type { Parameter, Spec } from './spec.js';

/** The largest slice of a tensor computed at once: the bound on the writer's working memory. */
export const SLICE_BYTES = 32 * 2 ** 20;

/** Where a write stands, for a progress display. */
export interface Progress {
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly tensor: string;
  readonly file: string;
}

export interface WriteOptions {
  readonly seed: Seed;
  /** The output file, or with `maxShardSize` the output directory. */
  readonly out: string;
  readonly maxShardSize?: number | undefined;
  /** This host's part: `{ index, count }`; default the whole checkpoint. */
  readonly shard?: { readonly index: number; readonly count: number } | undefined;
  /** Worker threads for the fill (default: the machine's parallelism). */
  readonly workers?: number | undefined;
  readonly onProgress?: ((progress: Progress) => void) | undefined;
}

export interface WriteResult {
  /** The paths written, in order. */
  readonly files: readonly string[];
  readonly tensors: number;
  readonly parameters: number;
  readonly bytes: number;
}

/** A problem writing; the message names the file and the cause (ENOSPC, EACCES …). */
export class WriteError extends Error {
  override readonly name = 'WriteError';
}

const WORKER_SETUP = new URL('./worker-setup.js', import.meta.url);

/** The plan of a spec's checkpoint for these options (the same on every host). */
export function planOf(spec: Spec, options: Pick<WriteOptions, 'out' | 'maxShardSize'>): Plan {
  return planFiles(spec.parameters, options.maxShardSize, basename(options.out));
}

/** The directory the plan's files go to. */
export function outputDirectory(options: Pick<WriteOptions, 'out' | 'maxShardSize'>): string {
  return options.maxShardSize === undefined ? dirname(options.out) : options.out;
}

/**
 * Writes the checkpoint of `spec` (or this host's files of it).
 * @throws InitializerError / core's errors naming the parameter; WriteError for the file system.
 */
export async function writeCheckpoint(spec: Spec, options: WriteOptions): Promise<WriteResult> {
  // The options a command line would have parsed, checked here for callers who build them in code:
  // a shard size of 0 or a host outside its count would otherwise write nothing, without a word.
  if (typeof options.out !== 'string' || options.out === '') {
    throw new OptionError(`writeCheckpoint: out must be a non-empty path. Received: ${JSON.stringify(options.out)}.`);
  }
  requireShardSize('writeCheckpoint: maxShardSize', options.maxShardSize);
  if (options.shard !== undefined) requireHost('writeCheckpoint: shard', options.shard?.index, options.shard?.count);
  const plan = planOf(spec, options);
  const { files, writesIndex } = filesOfHost(plan, options.shard?.index ?? 0, options.shard?.count ?? 1);
  const directory = outputDirectory(options);
  const byName = new Map(spec.parameters.map((parameter) => [parameter.name, parameter]));
  // Every initializer is built before the first byte is written: an unknown id or a bad config
  // fails at once, naming its parameter.
  const initializers = new Map<string, Initializer>();
  for (const file of files) {
    for (const tensor of file.tensors)
      initializers.set(tensor.name, initializerFor(byName.get(tensor.name) as Parameter, options.seed, spec.layout));
  }
  await enableSvdWhereNeeded(initializers.values());
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw fileError(directory, error);
  }
  const bytesTotal = files.reduce((sum, file) => sum + file.tensors.reduce((s, tensor) => s + tensor.bytes, 0), 0);
  const metadata = {
    format: 'pt',
    seed: String(options.seed),
    layout: spec.layout,
    generator: '@init/cli init-weights',
  };
  const written: string[] = [];
  const slices = new SliceBuffer();
  let bytesDone = 0;
  for (const file of files) {
    const path = join(directory, file.name);
    await atomically(path, async (fd) => {
      const { bytes } = encodeHeader(file.tensors, metadata);
      writeAll(fd, bytes, path);
      for (const tensor of file.tensors) {
        try {
          await writeTensor(
            fd,
            path,
            tensor,
            initializers.get(tensor.name) as Initializer,
            options.workers,
            slices,
            (chunk) => {
              bytesDone += chunk;
              options.onProgress?.({ bytesDone, bytesTotal, tensor: tensor.name, file: file.name });
            },
          );
        } catch (error) {
          // An initializer that cannot make this shape (Identity of a 3-D shape, …): say which parameter.
          if (isInitError(error))
            throw new InitializerError(`parameter ${JSON.stringify(tensor.name)}: ${error.message}`);
          throw error;
        }
      }
    });
    written.push(path);
  }
  if (writesIndex && plan.index !== undefined) {
    const path = join(directory, plan.index);
    await atomically(path, async (fd) => writeAll(fd, new TextEncoder().encode(indexJson(plan)), path));
    written.push(path);
  }
  const tensors = files.flatMap((file) => file.tensors);
  return {
    files: written,
    tensors: tensors.length,
    parameters: tensors.reduce((sum, tensor) => sum + tensor.shape.reduce((a, b) => a * b, 1), 0),
    bytes: bytesTotal,
  };
}

/** Writes `path` through a temporary file beside it, renamed into place only on success. */
async function atomically(path: string, write: (fd: number) => Promise<void>): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'w');
    await write(fd);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw error instanceof WriteError || !isSystemError(error) ? error : fileError(path, error);
  }
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    (error as NodeJS.ErrnoException).syscall !== undefined
  );
}

const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EFBIG: 'the file is larger than this system allows',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOENT: 'no such directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'the path is a directory',
  EEXIST: 'a file is in the way of the directory',
};

function fileError(path: string, error: unknown): WriteError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const cause = CAUSES[code] ?? (error as Error).message;
  return new WriteError(
    `cannot write ${path}: ${cause}${code === '' ? '' : ` (${code})`}. Nothing was left under that name.`,
  );
}

function writeAll(fd: number, bytes: Uint8Array, path: string): void {
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      throw fileError(path, error);
    }
  }
}

/** Initializers that must be computed whole: a slice of them costs the whole tensor anyway. */
function computedWhole(initializer: Initializer): boolean {
  const engine = (initializer as { engine?: unknown }).engine;
  return (
    initializer instanceof Orthogonal ||
    (engine !== undefined && engine !== 'counter') ||
    /Orthogonal$/.test(initializer.className)
  );
}

/**
 * The values of one tensor, in row slices of at most SLICE_BYTES (one row at least), each filled
 * on the workers as the partitionInfo slice of the full tensor and written before the next.
 */
async function writeTensor(
  fd: number,
  path: string,
  tensor: PlannedTensor,
  initializer: Initializer,
  workers: number | undefined,
  slices: SliceBuffer,
  progress: (bytes: number) => void,
): Promise<void> {
  const { shape, dtype } = tensor;
  const size = shape.reduce((a, b) => a * b, 1);
  if (size === 0) return;
  if (shape.length === 0 || computedWhole(initializer)) {
    const data = initializer.apply(shape, dtype).data;
    writeAll(fd, bytesOfArray(data), path);
    progress(data.byteLength);
    return;
  }
  const rows = shape[0] as number;
  const rowSize = size / rows;
  const rowsPerSlice = Math.max(1, Math.floor(SLICE_BYTES / (rowSize * bytesOf(dtype))));
  const sliceSize = Math.min(rows, rowsPerSlice) * rowSize;
  const buffer = slices.get(sliceSize * bytesOf(dtype));
  for (let row = 0; row < rows; row += rowsPerSlice) {
    const count = Math.min(rowsPerSlice, rows - row);
    const out = view(buffer, dtype, count * rowSize);
    await fillParallel(initializer, out, [count, ...shape.slice(1)], {
      dtype,
      partitionInfo: { fullShape: shape, varOffset: shape.map((_, axis) => (axis === 0 ? row : 0)) },
      setup: WORKER_SETUP,
      ...(workers === undefined ? {} : { workers }),
    });
    writeAll(fd, bytesOfArray(out), path);
    progress(out.byteLength);
  }
}

/**
 * One shared buffer for every slice of a run, grown to the largest slice needed: allocating one per
 * tensor leaves the old ones to the garbage collector, which frees external memory late, and the
 * resident memory would grow with the checkpoint instead of staying near one slice.
 */
export class SliceBuffer {
  private buffer: SharedArrayBuffer | undefined;
  get(bytes: number): SharedArrayBuffer {
    if (this.buffer === undefined || this.buffer.byteLength < bytes) this.buffer = new SharedArrayBuffer(bytes);
    return this.buffer;
  }
}

function view(buffer: SharedArrayBuffer, dtype: DType, length: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(buffer, 0, length);
    case 'float64':
      return new Float64Array(buffer, 0, length);
    case 'float16':
    case 'bfloat16':
      return new Uint16Array(buffer, 0, length);
    case 'int32':
      return new Int32Array(buffer, 0, length);
    default:
      return new Uint8Array(buffer, 0, length);
  }
}

/**
 * The array's bytes as they go to the file. safetensors is little-endian; typed arrays use the
 * platform's order, which is little-endian on every platform Node.js and browsers ship for.
 */
export function bytesOfArray(array: TypedArray): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

export type { PlannedFile };
