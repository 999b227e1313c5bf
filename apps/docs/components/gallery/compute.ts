// Runs one gallery setting: builds the initializer, applies it, and measures the result. Shared by
// the gallery page and the per-initializer pages, and importable in Node (nothing here touches the
// DOM), so what a page shows can be recomputed outside the browser.
import type { Tensor } from '@init/core';
import { orthogonalMatrixShape, prepare, type GalleryEntry, type Settings } from './catalog.js';
import { isometry, type Isometry } from './isometry.js';
import { decode, fnv1a, gram, sampleStats, type SampleStats } from './sample.js';
import type { Theory } from './theory.js';

export interface GalleryResult {
  readonly entry: GalleryEntry;
  readonly settings: Settings;
  readonly code: string;
  readonly tensor: Tensor;
  /** The values as numbers (16-bit floats decoded). */
  readonly values: Float64Array;
  readonly stats: SampleStats;
  readonly theory: Theory;
  /** FNV-1a of the tensor's bytes as stored, 8 hex digits. */
  readonly checksum: string;
  /** How long apply() took, in milliseconds. */
  readonly milliseconds: number;
  /** For the orthogonal convolutions: ‖x ⊛ k‖ / ‖x‖ over random signals. */
  readonly isometry?: Isometry;
  /** For Orthogonal: the Gram matrix of the leading columns (or rows) and its size. */
  readonly gram?: {
    readonly matrix: Float64Array;
    readonly size: number;
    readonly of: 'columns' | 'rows';
    readonly full: boolean;
    readonly maxDeviation: number;
  };
}

/** The largest Gram matrix drawn as a heat map; beyond it, its leading block. */
export const MAX_GRAM_SIZE = 128;

export function compute(settings: Settings): GalleryResult {
  const { entry, parsed, initializer, code } = prepare(settings);
  const started = performance.now();
  const tensor = initializer.apply(parsed.shape, settings.dtype);
  const milliseconds = performance.now() - started;
  const values = decode(tensor);
  const result: GalleryResult = {
    entry,
    settings,
    code,
    tensor,
    values,
    stats: sampleStats(values),
    theory: entry.theory(parsed),
    checksum: fnv1a(tensor.data),
    milliseconds,
  };
  if ((entry.name === 'DeltaOrthogonal' || entry.name === 'ConvolutionOrthogonal') && values.length > 0) {
    const measured = isometry(
      values,
      parsed.shape,
      settings.options.layout ?? 'tf',
      Number(settings.options.gain ?? 1),
    );
    return measured === undefined ? result : { ...result, isometry: measured };
  }
  if (entry.name !== 'Orthogonal' || values.length === 0) return result;
  const [rows, cols] = orthogonalMatrixShape(parsed.shape, settings.options.layout);
  const byRows = rows < cols;
  const k = Math.min(rows, cols);
  const gramSize = Math.min(k, MAX_GRAM_SIZE);
  const matrix = gram(values, rows, cols, gramSize, byRows);
  // Deviation from gain²·I, in units of gain², so the number reads the same for any gain.
  const gain2 = (Number(settings.options.gain ?? 1) || 1) ** 2;
  let maxDeviation = 0;
  for (let a = 0; a < gramSize; a++) {
    for (let b = 0; b < gramSize; b++) {
      maxDeviation = Math.max(maxDeviation, Math.abs((matrix[a * gramSize + b] as number) / gain2 - (a === b ? 1 : 0)));
    }
  }
  return {
    ...result,
    gram: { matrix, size: gramSize, of: byRows ? 'rows' : 'columns', full: gramSize === k, maxDeviation },
  };
}

export interface ShardResult {
  /** Rows [start, end) of the first axis for each shard, with the shard's checksum. */
  readonly shards: readonly { readonly start: number; readonly end: number; readonly checksum: string }[];
  /** Elements of the assembled tensor whose bits equal the whole tensor's. */
  readonly equalElements: number;
  readonly totalElements: number;
  readonly identical: boolean;
  readonly code: string;
}

/**
 * Fills the tensor of `result` again, in `shardCount` slices of its first axis, each with
 * `partitionInfo = { fullShape, varOffset }` as a separate worker or host would, assembles them and
 * compares every element's bits with the whole tensor's.
 */
export function shardDemo(result: GalleryResult, shardCount: number): ShardResult {
  const { initializer, parsed } = prepare(result.settings);
  const fullShape = parsed.shape;
  const [first = 0, ...rest] = fullShape;
  const rowSize = rest.reduce((product, dim) => product * dim, 1);
  const whole = result.tensor.data;
  const assembled = new (whole.constructor as new (length: number) => typeof whole)(whole.length);
  const shards: { start: number; end: number; checksum: string }[] = [];
  const count = Math.max(1, Math.min(shardCount, first));
  for (let s = 0; s < count; s++) {
    // Split the first axis as evenly as possible, as TensorFlow's fixed_size_partitioner does.
    const start = Math.floor((s * first) / count);
    const end = Math.floor(((s + 1) * first) / count);
    const shard = initializer.apply([end - start, ...rest], result.settings.dtype, {
      fullShape,
      varOffset: [start, ...rest.map(() => 0)],
    });
    assembled.set(shard.data as never, start * rowSize);
    shards.push({ start, end, checksum: fnv1a(shard.data) });
  }
  let equalElements = 0;
  const wholeBits = bitsView(whole);
  const assembledBits = bitsView(assembled);
  const width = wholeBits.length / Math.max(1, whole.length);
  for (let i = 0; i < whole.length; i++) {
    let same = true;
    for (let w = 0; w < width; w++) if (wholeBits[i * width + w] !== assembledBits[i * width + w]) same = false;
    if (same) equalElements++;
  }
  const restText = rest.map(() => ', 0').join('');
  const code = `// worker s of ${count} fills rows [start, end) of the first axis:\ninit.apply([end - start${rest.map((dim) => `, ${dim}`).join('')}], '${result.settings.dtype}', { fullShape: [${fullShape.join(', ')}], varOffset: [start${restText}] })`;
  return { shards, equalElements, totalElements: whole.length, identical: equalElements === whole.length, code };
}

/** The elements' bits as 8- to 32-bit integers (so NaN, −0 and 16-bit payloads compare exactly). */
function bitsView(data: ArrayBufferView): Uint8Array | Uint16Array | Uint32Array {
  const bytes = (data as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  if (bytes === 1) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (bytes === 2) return new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2);
  return new Uint32Array(data.buffer, data.byteOffset, data.byteLength / 4);
}
