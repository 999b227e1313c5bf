/**
 * The default engine's stream layout (STREAMS.md §3): the flat index space of a tensor is cut into
 * blocks of 256 elements; block b's xoshiro128** state is two Threefry2x32-20 outputs of the key at
 * counters 2b and 2b + 1; the block's elements are drawn from that generator in order.
 *
 * So element i depends on (key, i) alone — through its block — and a slice starting inside a block
 * regenerates that block from its start and discards the elements before the slice (at most 255).
 * Threefry costs about 8 ns per block, 0.03 ns per element; the generator inside costs about 1 ns
 * per word (bench/constructions.bench.ts measures the alternatives).
 */

import { threefry2x32x20 } from './threefry.js';

/** Elements per block. Part of the stream contract: changing it changes every value. */
export const BLOCK_SIZE = 256;

const TWO_POW_32 = 4294967296;

/**
 * Writes block `block`'s xoshiro128** state into `state[0..3]`:
 * `(s0, s1) = Threefry2x32-20(key, 2b)`, `(s2, s3) = Threefry2x32-20(key, 2b + 1)`, the 64-bit counter
 * split as (low word, high word). The all-zero state, which xoshiro cannot leave, becomes (1, 0, 0, 0);
 * it has probability 2^-128.
 */
export function seedBlock(key0: number, key1: number, block: number, state: Int32Array): void {
  const counter = block * 2;
  threefry2x32x20(key0, key1, counter % TWO_POW_32, Math.floor(counter / TWO_POW_32), state, 0);
  threefry2x32x20(key0, key1, (counter + 1) % TWO_POW_32, Math.floor((counter + 1) / TWO_POW_32), state, 2);
  if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[0] = 1;
}

/**
 * A sampling kernel: draws samples from the block generator in `state`, in order, and writes them to
 * `out[start]`, …, `out[end − 1]`. Kernels keep the generator state in local variables; `state` is
 * only read at the start (and exchanged around rare slow paths).
 */
export type BlockKernel<A, P> = (out: A, start: number, end: number, state: Int32Array, params: P) => void;

/** A typed array of the same type as `like`, for the discarded head of a slice's first block. */
function sameKind<A>(like: A, length: number): A {
  const Constructor = (like as { constructor: new (length: number) => A }).constructor;
  return new Constructor(length);
}

/**
 * Walks the blocks that overlap [offset, offset + length): seeds each block's generator into
 * `state`, then calls `visit(state, skip, count, start)` — the block's first `skip` elements lie
 * before the slice, the next `count` are `out[start]`, …, `out[start + count − 1]`.
 */
function forEachBlock(
  offset: number,
  length: number,
  key: readonly [number, number],
  visit: (state: Int32Array, skip: number, count: number, start: number) => void,
): void {
  const state = new Int32Array(4);
  const end = offset + length;
  let index = offset;
  while (index < end) {
    const block = Math.floor(index / BLOCK_SIZE);
    const blockStart = block * BLOCK_SIZE;
    const count = Math.min(end, blockStart + BLOCK_SIZE) - index;
    seedBlock(key[0], key[1], block, state);
    visit(state, index - blockStart, count, index - offset);
    index += count;
  }
}

/**
 * Runs a kernel over every block that overlaps [offset, offset + out.length). A slice that starts
 * inside a block regenerates that block from its start into a scratch array and copies the tail.
 */
export function fillBlocks<A extends Float32Array | Float64Array | Int32Array, P>(
  out: A,
  offset: number,
  key: readonly [number, number],
  kernel: BlockKernel<A, P>,
  params: P,
): void {
  forEachBlock(offset, out.length, key, (state, skip, count, start) => {
    if (skip === 0) {
      kernel(out, start, start + count, state, params);
    } else {
      const scratch = sameKind(out, skip + count);
      kernel(scratch, 0, skip + count, state, params);
      out.set(scratch.subarray(skip), start);
    }
  });
}

/**
 * Runs a kernel that samples doubles into a scratch block, then stores each through `toBits` into a
 * Uint16Array (float16 or bfloat16): sampled wide, rounded once.
 */
export function fillBlocksAsHalf<P>(
  out: Uint16Array,
  offset: number,
  key: readonly [number, number],
  kernel: BlockKernel<Float64Array, P>,
  params: P,
  toBits: (x: number) => number,
): void {
  const scratch = new Float64Array(BLOCK_SIZE);
  forEachBlock(offset, out.length, key, (state, skip, count, start) => {
    kernel(scratch, 0, skip + count, state, params);
    for (let j = 0; j < count; j++) out[start + j] = toBits(scratch[skip + j]!);
  });
}
