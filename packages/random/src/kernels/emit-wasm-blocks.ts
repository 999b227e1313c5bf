/**
 * The sampling module's two helpers around the kernels (emit-wasm.ts), which take the per-segment
 * work of a batch out of JavaScript:
 *
 * - `seed_blocks(groups, key0, key1)` seeds each lane's block generator: block b's xoshiro128**
 *   state is Threefry2x32-20 of the key at counters 2b and 2b + 1 (engines/block-stream.ts'
 *   seedBlock, STREAMS.md §3), here for four blocks at once, one per lane, the two counters of a
 *   block interleaved. It reads each group's counters 2b as two i32x4 (low and high words) from
 *   WASM_LAYOUT.counters and writes the states where the kernels read them (WASM_LAYOUT.states).
 *   Same 32-bit additions, rotations and exclusive ors as threefry2x32x20, so the same bits.
 * - `pack(segments, shift)` moves each segment's kept elements (after its block's first `skip`) so
 *   that the segments lie back to back from the blocks' start (WASM_LAYOUT.outputBase), in order; the segments of a batch
 *   that are contiguous in the output array are then contiguous in the module's memory too, and one
 *   `set` copies them (a column shard's 64 short runs, for instance, instead of 64 copies).
 */

import { KEY_PARITY, ROTATIONS } from '../engines/threefry.js';
import * as W from './wasm-encoding.js';

/** Where the helpers read and write (byte addresses; see WASM_LAYOUT). */
export interface BlockHelperLayout {
  /** Per group: counters 2b of its four blocks, low words (i32x4) then high words (i32x4). */
  readonly counters: number;
  /** Per group: the four generator states, s0..s3 as four i32x4. */
  readonly states: number;
  /** Per segment: its skip and its count (two i32). */
  readonly segments: number;
  /** An i32: where the kernels' blocks start (the output area plus the pad): segment t's block at element 256·t. */
  readonly outputBase: number;
}

const I32_XOR = 0x73;
const I32_NE = 0x47;
const IF = 0x04;
const MEMORY_COPY = [0xfc, 0x0a, 0x00, 0x00];

/** A function body from its locals (after the parameters) and code. */
function functionBody(locals: number[], code: number[]): number[] {
  const groups: number[][] = [];
  for (const type of locals) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[1] === type) last[0]!++;
    else groups.push([1, type]);
  }
  const body = [...W.vector(groups.map(([count, type]) => [...W.unsignedLeb(count!), type!])), ...code, W.END];
  return [...W.unsignedLeb(body.length), ...body];
}

const get = (index: number): number[] => [W.LOCAL_GET, ...W.unsignedLeb(index)];
const set = (index: number): number[] => [W.LOCAL_SET, ...W.unsignedLeb(index)];
const i32 = (value: number): number[] => [W.I32_CONST, ...W.signedLeb(value)];

/** `seed_blocks(groups: i32, key0: i32, key1: i32)`: the body. */
export function seedBlocksBody(layout: BlockHelperLayout): number[] {
  // Parameters 0–2; locals from 3.
  const locals: number[] = [];
  const local = (type: number): number => {
    locals.push(type);
    return 2 + locals.length;
  };
  const code: number[] = [];
  const emit = (...parts: (number | number[])[]): void => {
    for (const part of parts) {
      if (typeof part === 'number') code.push(part);
      else code.push(...part);
    }
  };
  const group = local(W.I32);
  // The key schedule (k0, k1, k2 = k0 ^ k1 ^ parity), splatted; x1's injections add k + i.
  const k2 = local(W.I32);
  emit(get(1), get(2), I32_XOR, i32(KEY_PARITY), I32_XOR, set(k2));
  const scalarKeys = [1, 2, k2];
  const keys = scalarKeys.map((scalar) => {
    const v = local(W.V128);
    emit(get(scalar), W.I32X4_SPLAT, set(v));
    return v;
  });
  const injections = [1, 2, 3, 4, 5].map((injection) => {
    const v = local(W.V128);
    emit(get(scalarKeys[(injection + 1) % 3]!), i32(injection), W.I32_ADD, W.I32X4_SPLAT, set(v));
    return { x0: keys[injection % 3]!, x1: v };
  });
  // Two Threefry evaluations side by side: A at counter 2b (state words s0, s1), B at 2b + 1 (s2, s3).
  const x = [local(W.V128), local(W.V128), local(W.V128), local(W.V128)]; // A.x0, A.x1, B.x0, B.x1
  const one = local(W.V128);
  const zero = local(W.V128);
  emit(i32(1), W.I32X4_SPLAT, set(one));

  emit(i32(0), set(group));
  emit(W.BLOCK, W.EMPTY, W.LOOP, W.EMPTY);
  emit(get(group), get(0), W.I32_GE_U, W.BR_IF, 1);
  // x0 = low + k0 (B: low + 1 + k0; 2b is even, so no carry into the high word); x1 = high + k1.
  const low = [get(group), i32(32), W.I32_MUL, W.V128_LOAD, W.memarg(4, layout.counters)].flat();
  const high = [get(group), i32(32), W.I32_MUL, W.V128_LOAD, W.memarg(4, layout.counters + 16)].flat();
  emit(low, get(keys[0]!), W.I32X4_ADD, set(x[0]!));
  emit(get(x[0]!), get(one), W.I32X4_ADD, set(x[2]!));
  emit(high, get(keys[1]!), W.I32X4_ADD, W.LOCAL_TEE, W.unsignedLeb(x[1]!), set(x[3]!));
  for (let round = 0; round < 20; round++) {
    const rotation = ROTATIONS[round % 8]!;
    for (const [x0, x1] of [
      [x[0]!, x[1]!],
      [x[2]!, x[3]!],
    ] as const) {
      // x0 += x1; x1 = rotl(x1, r) ^ x0.
      emit(get(x0), get(x1), W.I32X4_ADD, set(x0));
      emit(get(x1), i32(rotation), W.I32X4_SHL, get(x1), i32(32 - rotation), W.I32X4_SHR_U, W.V128_OR);
      emit(get(x0), W.V128_XOR, set(x1));
    }
    if (round % 4 === 3) {
      const injection = injections[round >> 2]!;
      for (const [x0, x1] of [
        [x[0]!, x[1]!],
        [x[2]!, x[3]!],
      ] as const) {
        emit(get(x0), get(injection.x0), W.I32X4_ADD, set(x0));
        emit(get(x1), get(injection.x1), W.I32X4_ADD, set(x1));
      }
    }
  }
  // The all-zero state becomes (1, 0, 0, 0): s0 − (−1) where every word is 0.
  emit(get(x[0]!), get(x[1]!), W.V128_OR, get(x[2]!), W.V128_OR, get(x[3]!), W.V128_OR);
  emit(W.V128_CONST, W.v128Bytes('i32', 0), W.I32X4_EQ, set(zero));
  emit(get(x[0]!), get(zero), W.I32X4_SUB, set(x[0]!));
  for (let word = 0; word < 4; word++) {
    emit(get(group), i32(64), W.I32_MUL, get(x[word]!), W.V128_STORE, W.memarg(4, layout.states + 16 * word));
  }
  emit(get(group), i32(1), W.I32_ADD, set(group), W.BR, 0, W.END, W.END);
  return functionBody(locals, code);
}

/** `pack(segments: i32, shift: i32)`: the body (shift is log2 of the element size). */
export function packBody(layout: BlockHelperLayout): number[] {
  // Parameters 0–1: segments, shift. Locals: t, packed (elements), source, target, count, base.
  const [t, packed, source, target, count, base] = [2, 3, 4, 5, 6, 7];
  const code = [
    ...i32(0),
    W.I32_LOAD,
    ...W.memarg(2, layout.outputBase),
    ...set(base),
    ...i32(0),
    ...set(t),
    ...i32(0),
    ...set(packed),
    W.BLOCK,
    W.EMPTY,
    W.LOOP,
    W.EMPTY,
    ...get(t),
    ...get(0),
    W.I32_GE_U,
    W.BR_IF,
    1,
    // count = segments[t].count; source = base + (256·t + skip) << shift; target = base + packed << shift.
    ...get(t),
    ...i32(3),
    W.I32_SHL,
    W.I32_LOAD,
    ...W.memarg(2, layout.segments + 4),
    ...set(count),
    ...get(t),
    ...i32(8),
    W.I32_SHL,
    ...get(t),
    ...i32(3),
    W.I32_SHL,
    W.I32_LOAD,
    ...W.memarg(2, layout.segments),
    W.I32_ADD,
    ...get(1),
    W.I32_SHL,
    ...get(base),
    W.I32_ADD,
    ...set(source),
    ...get(packed),
    ...get(1),
    W.I32_SHL,
    ...get(base),
    W.I32_ADD,
    ...set(target),
    ...get(source),
    ...get(target),
    I32_NE,
    IF,
    W.EMPTY,
    ...get(target),
    ...get(source),
    ...get(count),
    ...get(1),
    W.I32_SHL,
    ...MEMORY_COPY,
    W.END,
    ...get(packed),
    ...get(count),
    W.I32_ADD,
    ...set(packed),
    ...get(t),
    ...i32(1),
    W.I32_ADD,
    ...set(t),
    W.BR,
    0,
    W.END,
    W.END,
  ];
  return functionBody([W.I32, W.I32, W.I32, W.I32, W.I32, W.I32], code);
}
