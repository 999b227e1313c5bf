// How one request is cut into work for the threads: contiguous flat ranges of the output, each
// described as rectangular blocks so that every block is an ordinary partitionInfo request.

/**
 * A rectangular block of a row-major tensor that is also contiguous in memory: indices fixed on
 * the axes before some axis, a range on that axis, and every axis after it whole.
 */
export interface Block {
  /** Flat index of the block's first element in the tensor being cut. */
  readonly start: number;
  /** Number of elements (the product of `shape`). */
  readonly size: number;
  /** The block's shape, of the tensor's rank (leading 1s on the fixed axes). */
  readonly shape: readonly number[];
  /** The block's offset in the tensor being cut, per axis. */
  readonly offset: readonly number[];
}

/**
 * The blocks that cover the flat range `[start, end)` of a row-major tensor of `shape`, in order.
 * A range that starts and ends on whole rows is one block; otherwise the partial rows at both ends
 * are cut on the next axis, recursively, so there are at most 2 × rank − 1 blocks.
 */
export function blocksOfRange(shape: readonly number[], start: number, end: number): Block[] {
  const blocks: Block[] = [];
  if (end <= start) return blocks;
  if (shape.length === 0) return [{ start: 0, size: 1, shape: [], offset: [] }];
  const strides = new Array<number>(shape.length).fill(1);
  for (let axis = shape.length - 2; axis >= 0; axis--)
    strides[axis] = (strides[axis + 1] as number) * (shape[axis + 1] as number);
  cut(shape, strides, 0, [], start, end, blocks);
  return blocks;
}

// Covers [start, end), which lies inside one index of every axis before `axis` (`prefix`).
function cut(
  shape: readonly number[],
  strides: readonly number[],
  axis: number,
  prefix: readonly number[],
  start: number,
  end: number,
  blocks: Block[],
): void {
  const stride = strides[axis] as number;
  const base = prefix.reduce((sum, index, i) => sum + index * (strides[i] as number), 0);
  const first = Math.floor((start - base) / stride);
  const last = Math.floor((end - base) / stride);
  const next = (row: number, from: number, to: number): void =>
    cut(shape, strides, axis + 1, [...prefix, row], from, to, blocks);
  if (first === last) {
    // Inside one row: cut it on the next axis.
    next(first, start, end);
    return;
  }
  let wholeFrom = first;
  if ((start - base) % stride !== 0) {
    next(first, start, base + (first + 1) * stride);
    wholeFrom = first + 1;
  }
  if (last > wholeFrom) {
    blocks.push({
      start: base + wholeFrom * stride,
      size: (last - wholeFrom) * stride,
      shape: [...prefix.map(() => 1), last - wholeFrom, ...shape.slice(axis + 1)],
      offset: [...prefix, wholeFrom, ...shape.slice(axis + 1).map(() => 0)],
    });
  }
  if ((end - base) % stride !== 0) next(last, base + last * stride, end);
}

/**
 * `parts` contiguous flat ranges covering `[0, size)`, as equal as possible, each a multiple of
 * `grain` elements except the last (so ranges start on cache-line and block boundaries).
 */
export function splitRange(size: number, parts: number, grain: number): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  const units = Math.ceil(size / grain);
  const count = Math.max(1, Math.min(parts, units));
  let previous = 0;
  for (let part = 1; part <= count; part++) {
    const end = part === count ? size : Math.min(size, Math.round((units * part) / count) * grain);
    if (end > previous) ranges.push([previous, end]);
    previous = end;
  }
  return ranges;
}

/**
 * Contiguous flat ranges covering `[0, size)`, in order, for `workers` workers that claim them one
 * at a time: each range `1 / (2 × workers)` of what is left (so they shrink geometrically), none
 * smaller than `least` elements but the last, and every boundary a multiple of `grain`. The large
 * early ranges keep the claims few; the small late ones let the workers end together, since a
 * worker that was slowed finds only small ranges left to take.
 */
export function shrinkingRanges(
  size: number,
  workers: number,
  grain: number,
  least: number,
): Array<readonly [number, number]> {
  const ranges: Array<readonly [number, number]> = [];
  const step = Math.max(grain, Math.ceil(least / grain) * grain);
  for (let start = 0; start < size; ) {
    const wanted = Math.ceil((size - start) / (2 * workers) / grain) * grain;
    const end = Math.min(size, start + Math.max(step, wanted));
    ranges.push([start, end]);
    start = end;
  }
  return ranges;
}
