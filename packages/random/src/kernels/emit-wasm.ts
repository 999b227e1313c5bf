/**
 * Assembles the WebAssembly SIMD kernels from kernels/source.ts: the same statements the JavaScript
 * kernels are generated from, evaluated on four blocks at once, one per lane of a 128-bit vector.
 *
 * Why four lanes of blocks rather than four consecutive elements of one block: within a block the
 * generator is sequential (each word depends on the previous state), and rejections make an element's
 * word position depend on everything before it. Different blocks have independent generators, so lane
 * j runs block j's generator exactly as the scalar kernel would, rejections included, and the values
 * are the JavaScript kernel's bit for bit.
 *
 * How the control flow of a kernel maps onto lanes:
 * - i32 registers are i32x4 vectors; f64 registers are two f64x2 vectors (lanes 0–1 and 2–3);
 *   conditions are i32x4 masks of all ones / all zeros.
 * - `reject` clears the lane's bit in the `alive` mask instead of leaving the loop.
 * - `slow` and `check` call the JavaScript rare paths (slow-paths.ts) through imports, one lane at a
 *   time, only for lanes that need them: the generator state is stored to memory for the call, which
 *   may advance the lane's generator, and loaded back.
 * - The attempts run in a loop without calls or rare code. An attempt in which some lane needs a rare
 *   path, a `when` body or a `rare` group leaves the loop; the generators' steps are undone (xoshiro
 *   steps are invertible, so the loop keeps no copy of the starting state) and that one attempt runs
 *   again from its start in a copy with the calls and bodies (`attempt`). The fast loop then holds
 *   only what every attempt needs, which V8 keeps in registers. Where the rare code is mostly a
 *   `when` body without calls (the normal's wedge test), the attempt goes on in a middle copy that
 *   has the bodies but no calls — from the words the fast copy drew, which the escape leaves in
 *   memory with the states, so nothing is undone or drawn again — and only an attempt that needs a
 *   call (the tail) goes on to the careful copy: the calls make V8 save the careful copy's values to
 *   the stack around them, which had made each of the normal's escapes (about 6% of its passes) cost
 *   as much as 14 passes.
 * - Each lane keeps the address of its next slot and stops at its limit (a block's slice of a run may
 *   end early); an attempt stores lane j's value at its next slot when the lane is alive and active,
 *   else at a dummy address, so no branch depends on the lanes. A group ends when no lane is active.
 *
 * Exports `<kernel>_f32` (24/23-bit kernels storing float32, rounded once by f32x4.demote, which
 * rounds to nearest even as Math.fround does) and `<kernel>_f64` (every kernel, storing doubles).
 * Each takes (groups, ...params) and reads its input from and writes its output to fixed places in
 * its own memory (WASM_LAYOUT).
 */

import type { Expression, KernelSource, Statement, TableName } from './ir.js';
import { TABLE_TYPES, registerTypes } from './ir.js';
import { kernelSources, xoshiroStep } from './source.js';
import * as W from './wasm-encoding.js';
import { packBody, seedBlocksBody } from './emit-wasm-blocks.js';

/** Groups of four blocks one call processes. */
export const WASM_GROUPS = 16;

/** Where the squeeze tables start: after the segments (WASM_LAYOUT.segments + 8·4·WASM_GROUPS). */
const SQUEEZE_TABLES = 16384 + 16 * 1024 * 8 + 64 + 64 * WASM_GROUPS;
/** Where the normal's tables by layer and sign start: after the squeeze tables' 8192 bytes. */
const SIGNED_TABLES = SQUEEZE_TABLES + 8192;

/**
 * Where the kernels keep their tables, states and blocks: byte addresses in the module's memory, from
 * 0 in a module with its own memory (WASM_LAYOUT), or from a workspace's start in a module that
 * works in a shared memory it imports (`wasmLayoutAt`, `assembleSamplingModule(workspace)`).
 */
export interface WasmLayout {
  /** Where the workspace starts: 0 in the module's own memory. */
  readonly workspace: number;
  readonly tables: Readonly<Record<TableName, number>>;
  readonly dummy: number;
  readonly slowState: number;
  readonly resume: number;
  readonly outputBase: number;
  readonly escapedWords: number;
  readonly states: number;
  readonly limits: number;
  readonly constants: number;
  readonly constantSlots: number;
  readonly params: number;
  readonly output: number;
  readonly counters: number;
  readonly segments: number;
  readonly pages: number;
}

/**
 * 16384 + 16·1024·8 + 64 + 32·16 + 8·64 bytes, then the squeeze tables' 8192 and the signed tables'
 * 16384, in 64 KiB pages.
 */
const WORKSPACE_PAGES = 3;

/**
 * Where the kernels keep everything when their workspace starts at byte `workspace` of the memory
 * (WASM_LAYOUT is the one from byte 0, in the module's own memory). Every layout is this one object
 * literal, so that all share one shape in the engine: the sampler's code, optimized for one, does not
 * deoptimize (and recompile on a helper thread) when a thread meets another workspace's.
 */
export function wasmLayoutAt(workspace: number): WasmLayout {
  return {
    workspace,
    /**
     * The ziggurat tables (written once after instantiation), two to a 16-byte record per layer, so that
     * one load per lane fetches both tables a kernel reads at the same index: entry i of a table is at
     * its address + 16·i. accept23 (an i32) is stored twice, at +8 and +12 of its record.
     */
    tables: {
      scale23: workspace + 0,
      accept23: workspace + 8,
      scale52: workspace + 4096,
      accept52: workspace + 4096 + 8,
      heights: workspace + 8192,
      heightsNext: workspace + 8192 + 8,
      // The wedge test's squeeze, after the segments (below).
      squeezeLowA: workspace + SQUEEZE_TABLES,
      squeezeLowB: workspace + SQUEEZE_TABLES + 8,
      squeezeHighA: workspace + SQUEEZE_TABLES + 4096,
      squeezeHighB: workspace + SQUEEZE_TABLES + 4096 + 8,
      // 512 records each (layer and sign), after them.
      signedScale23: workspace + SIGNED_TABLES,
      signedAccept23: workspace + SIGNED_TABLES + 8,
      signedScale52: workspace + SIGNED_TABLES + 8192,
      signedAccept52: workspace + SIGNED_TABLES + 8192 + 8,
    } satisfies Record<TableName, number>,
    /** Where rejected or finished lanes store. */
    dummy: workspace + 12288,
    /** s0..s3 as four i32x4 vectors while a rare path runs (lane j's words at +4j, +16+4j, …). */
    slowState: workspace + 12320,
    /** An attempt that leaves the fast loop: its generators' states, addresses and ends (six i32x4). */
    resume: workspace + 12384,
    /**
     * An i32: where the running call's blocks start, `output` plus a pad of 0–60 bytes that the sampler
     * chooses so that the copy out of this memory has its source and destination equally aligned
     * (sampler.ts, copyPad). The kernels store from it and `pack` packs from it.
     */
    outputBase: workspace + 12480,
    /** The attempt's words (one or two i32x4) as an escape from the fast loops to the middle copy leaves them. */
    escapedWords: workspace + 12496,
    /** Per group: s0..s3 as four i32x4 vectors (64 bytes), lane j = the group's j-th block. */
    states: workspace + 12544,
    /** Per group: the four lanes' limits (i32x4). */
    limits: workspace + 12544 + 64 * WASM_GROUPS,
    /**
     * The kernels' vector constants (a data segment) and, per call, their splatted parameters: loaded
     * into locals before the loops, so that the engine keeps them in registers (or reloads them with
     * one instruction) instead of rebuilding a constant at every use inside the loop, which is what V8
     * does with a `v128.const` or a splat.
     */
    constants: workspace + 13824,
    /** Room for this many 16-byte constants. */
    constantSlots: 144,
    /** Four 16-byte slots for the splatted parameters of the running call. */
    params: workspace + 16128,
    /**
     * Per group: 4 × 256 elements, lane j's block at element 256·j; float32 or float64. From
     * `outputBase`, so the area has 64 bytes of room for the pad.
     */
    output: workspace + 16384,
    /** Per group: counters 2b of its four blocks, low words then high words (two i32x4; emit-wasm-blocks.ts). */
    counters: workspace + 16384 + 16 * 1024 * 8 + 64,
    /** Per segment: the elements its block skips before it, and its count (two i32; emit-wasm-blocks.ts). */
    segments: workspace + 16384 + 16 * 1024 * 8 + 64 + 32 * WASM_GROUPS,
    /** The memory's size in 64 KiB pages (WORKSPACE_PAGES). */
    pages: WORKSPACE_PAGES,
  };
}

/** Byte addresses in the kernel module's own memory. */
export const WASM_LAYOUT: WasmLayout = /* @__PURE__ */ wasmLayoutAt(0);

/** The bytes a workspace takes: WASM_LAYOUT.pages pages of 64 KiB. */
export const WORKSPACE_BYTES = WORKSPACE_PAGES * 65536;

export type WasmOutput = 'f32' | 'f64';

/**
 * The copies of an attempt (see `build`): `fast` leaves for another copy whenever a lane needs more
 * than every attempt does; `middle` runs `rare` groups and `when` bodies but leaves for `careful`
 * when a lane needs a call; `careful` runs everything, calls included.
 */
type AttemptMode = 'fast' | 'middle' | 'careful';

/** The kernels the module exports, with their output types. */
export function wasmExports(): { kernel: KernelSource; output: WasmOutput; name: string }[] {
  return kernelSources().flatMap((kernel) =>
    (kernel.words.length === 1 && !kernel.name.startsWith('int') ? (['f32', 'f64'] as const) : (['f64'] as const)).map(
      (output) => ({ kernel, output, name: `${kernel.name}_${output}` }),
    ),
  );
}

/**
 * A register: one i32x4 (or mask) local, or two f64x2 locals. `nonNegative` marks i32 lanes whose top
 * bit is known clear (a right shift, a mask below 2^31), which convert exactly as signed integers:
 * one `cvtdq2pd` on x64 instead of the unsigned conversion's constant juggling.
 */
type Operand =
  | {
      readonly type: 'i32' | 'bool';
      readonly v: number;
      readonly nonNegative?: boolean;
      /**
       * For `x & (2^bits − 1)`: the local holding x, so a table offset 16·(x & (2^bits − 1)) is two
       * shifts, no mask.
       */
      readonly lowBitsOf?: { readonly v: number; readonly bits: number };
    }
  | { readonly type: 'f64'; readonly lo: number; readonly hi: number };

/** The vector constants of every kernel, deduplicated, laid out from WASM_LAYOUT.constants. */
class ConstantPool {
  readonly slots: number[][] = [];
  private readonly index = new Map<string, number>();

  constructor(private readonly layout: WasmLayout) {}

  /** The byte address of a 16-byte constant. */
  address(bytes: readonly number[]): number {
    const key = bytes.join();
    let slot = this.index.get(key);
    if (slot === undefined) {
      slot = this.slots.length;
      if (slot >= this.layout.constantSlots) throw new Error('kernel source: too many vector constants');
      this.slots.push([...bytes]);
      this.index.set(key, slot);
    }
    return this.layout.constants + 16 * slot;
  }
}

// Imported functions, in import order.
const IMPORT_NORMAL_SLOW = 0;
const IMPORT_WEDGE_SLOW = 1;
const IMPORT_ROUNDED_INSIDE = 2;
const SLOW_IMPORTS = { normalSlow: IMPORT_NORMAL_SLOW, wedgeSlow: IMPORT_WEDGE_SLOW } as const;

/** Picks bytes 0–3 and 8–11 of two f64x2 comparison masks: the i32x4 mask of lanes 0–3. */
const NARROW_MASKS = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];
/** The low (high) 8 bytes of two vectors, side by side: f64 lanes of two table records. */
const LOW_QWORDS = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
const HIGH_QWORDS = [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31];
/** i32 lanes 0 and 2 of two vectors: (a0, a2, b0, b2). */
const EVEN_LANES = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];
/** Lanes (2, 3, 0, 1) and (1, 0, 3, 2) of an i32x4: two steps of a minimum across lanes. */
const SWAP_HALVES = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
const SWAP_PAIRS = [4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11];
/** Moves lanes 2–3 of an i32x4 into lanes 0–1, for the conversions that read the low two lanes. */
const HIGH_HALF = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];

class FunctionBuilder {
  readonly code: number[] = [];
  /** Code run once per call before the loops: loads of constants and splatted parameters. */
  private readonly prologue: number[] = [];
  /** Records loaded in this stretch of straight-line code: `${index local}:${record address}` → four locals. */
  private readonly records = new Map<string, number[]>();
  /** Constant bytes → the local holding them. */
  private readonly constantLocals = new Map<string, number>();
  private readonly localTypes: number[] = [];
  private readonly registers = new Map<string, Operand>();
  private readonly state: readonly number[];
  private readonly alive: number;
  private readonly active: number;
  /** Per lane: the address of its next slot. */
  private readonly address: number;
  /**
   * In the counted loop of a kernel whose fast copy rejects nothing (the normal: its rejections are
   * all in rare paths), every lane stores at every attempt, so the four addresses are held in i32
   * locals there, and the stores use them directly: four additions per attempt instead of four
   * extractions from the address vector and its update. The vector is brought up to date where the
   * loop is left (`syncAddress`).
   */
  private laneAddresses: number[] | undefined;
  /** Whether the kernel has a middle copy (see `build`). */
  private middle = false;
  /** Inside a `when` body: the lanes it runs for; draws and rejections apply to them alone. */
  private mask: number | undefined;
  /** In the first phase of the loop every lane is active (see `build`). */
  private allActive = false;
  /** The depth of `$escape` from the attempt's code. */
  private escapeDepth = 1;
  /** Which copy of the attempt is being written (see `attempt`). */
  private mode: AttemptMode = 'careful';
  /** True until the attempt's first rejection: `alive` is still all ones, so that one sets it. */
  private aliveIsAllOnes = false;
  /**
   * The xoshiro steps this attempt has taken so far, in order, each with the mask of the lanes that
   * took it (undefined: every lane). An escape undoes them to put the generators back to the
   * attempt's start, so the loop need not keep a copy of the starting state.
   */
  private steps: (number | undefined)[] = [];

  constructor(
    private readonly kernel: KernelSource,
    private readonly output: WasmOutput,
    private readonly pool: ConstantPool,
    private readonly layout: WasmLayout,
  ) {
    // Locals 0..P are the arguments: groups, then the kernel's parameters.
    this.state = [this.local(W.V128), this.local(W.V128), this.local(W.V128), this.local(W.V128)];
    this.alive = this.local(W.V128);
    this.active = this.local(W.V128);
    this.address = this.local(W.V128);
    this.build();
  }

  private get parameterCount(): number {
    return 1 + this.kernel.params.length;
  }

  local(type: number): number {
    this.localTypes.push(type);
    return this.parameterCount + this.localTypes.length - 1;
  }

  private emit(...bytes: (number | number[])[]): void {
    for (const item of bytes) {
      if (typeof item === 'number') this.code.push(item);
      else this.code.push(...item);
    }
  }

  private get(index: number): number[] {
    return [W.LOCAL_GET, ...W.unsignedLeb(index)];
  }

  private set(index: number): number[] {
    return [W.LOCAL_SET, ...W.unsignedLeb(index)];
  }

  private i32(value: number): number[] {
    return [W.I32_CONST, ...W.signedLeb(value)];
  }

  /**
   * A local holding the 16-byte constant: for the fast loops loaded from the constant pool once per
   * call; for the careful copy (and the code around the loops) loaded where it is used, so that the
   * many constants of the rare paths do not live through the fast loops, where they would crowd the
   * registers (V8 then spills the generators' states at every attempt).
   */
  private constant(bytes: readonly number[], hoisted = this.mode === 'fast'): number {
    const key = bytes.join();
    if (!hoisted) {
      const here = this.local(W.V128);
      this.emit(this.i32(0), W.V128_LOAD, W.memarg(4, this.pool.address(bytes)), this.set(here));
      return here;
    }
    let v = this.constantLocals.get(key);
    if (v === undefined) {
      v = this.local(W.V128);
      this.prologue.push(...this.i32(0), ...W.V128_LOAD, ...W.memarg(4, this.pool.address(bytes)), ...this.set(v));
      this.constantLocals.set(key, v);
    }
    return v;
  }

  /** The function body: locals, then code. */
  body(): number[] {
    const groups: number[][] = [];
    for (const type of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last[1] === type) last[0]!++;
      else groups.push([1, type]);
    }
    const locals = W.vector(groups.map(([count, type]) => [...W.unsignedLeb(count!), type!]));
    const body = [...locals, ...this.prologue, ...this.code, W.END];
    return [...W.unsignedLeb(body.length), ...body];
  }

  private compile(expression: Expression): Operand {
    switch (expression.kind) {
      case 'ref': {
        const operand = this.registers.get(expression.name);
        if (operand === undefined) throw new Error(`kernel source: ${expression.name} is not defined`);
        return operand;
      }
      case 'const': {
        const v = this.constant(W.v128Bytes(expression.type, expression.value));
        if (expression.type === 'f64') return { type: 'f64', lo: v, hi: v };
        return { type: 'i32', v, nonNegative: expression.value >= 0 && expression.value < 2 ** 31 };
      }
      case 'table':
        return this.lookup(expression.table, this.compile(expression.index));
      case 'op':
        return this.operation(
          expression.operation,
          expression.args.map((argument) => this.compile(argument)),
          expression,
        );
    }
  }

  /**
   * Per lane: the table entry at the lane's index (no gather in WebAssembly SIMD). Each lane loads its
   * whole 16-byte record once (this.layout.tables); both tables of the record are then two shuffles
   * away, and a second lookup at the same index costs nothing more.
   */
  private lookup(name: TableName, index: Operand): Operand {
    if (index.type !== 'i32') throw new Error('kernel source: a table index is an i32');
    const address = this.layout.tables[name];
    const record = address - (address % 16);
    const key = `${index.v}:${record}`;
    let records = this.records.get(key);
    if (records === undefined) {
      const offsets = this.local(W.V128);
      const low = index.lowBitsOf;
      if (low === undefined) this.emit(this.get(index.v), this.i32(4), W.I32X4_SHL, this.set(offsets));
      else {
        // 16·(x & 255) as (x << 24) >>> 20: no mask constant to hold in a register through the loop.
        this.emit(this.get(low.v), this.i32(32 - low.bits), W.I32X4_SHL, this.i32(28 - low.bits), W.I32X4_SHR_U);
        this.emit(this.set(offsets));
      }
      records = [0, 1, 2, 3].map((lane) => {
        const r = this.local(W.V128);
        this.emit(this.get(offsets), W.I32X4_EXTRACT_LANE, lane, W.V128_LOAD, W.memarg(4, record), this.set(r));
        return r;
      });
      this.records.set(key, records);
    }
    const [r0, r1, r2, r3] = records as [number, number, number, number];
    const half = address % 16 === 0 ? LOW_QWORDS : HIGH_QWORDS;
    const pair = (x: number, y: number): number => {
      const v = this.local(W.V128);
      this.emit(this.get(x), this.get(y), W.I8X16_SHUFFLE, half, this.set(v));
      return v;
    };
    if (TABLE_TYPES[name] === 'i32') {
      // Records hold the i32 twice, so each pair of lanes is one unpack and the four lanes one more shuffle.
      const v = this.local(W.V128);
      this.emit(this.get(pair(r0, r1)), this.get(pair(r2, r3)), W.I8X16_SHUFFLE, EVEN_LANES, this.set(v));
      return { type: 'i32', v };
    }
    return { type: 'f64', lo: pair(r0, r1), hi: pair(r2, r3) };
  }

  private operation(operation: string, args: Operand[], expression: Expression): Operand {
    const [a, b] = args;
    const vector = (x: Operand | undefined): number => {
      if (x === undefined || x.type === 'f64')
        throw new Error(`kernel source: ${operation} takes i32 or bool operands`);
      return x.v;
    };
    const halves = (x: Operand | undefined): { lo: number; hi: number } => {
      if (x === undefined || x.type !== 'f64') throw new Error(`kernel source: ${operation} takes f64 operands`);
      return x;
    };
    const binary = (opcode: number[], type: 'i32' | 'bool', nonNegative = false): Operand => {
      const v = this.local(W.V128);
      this.emit(this.get(vector(a)), this.get(vector(b)), opcode, this.set(v));
      return { type, v, nonNegative };
    };
    const known = (x: Operand | undefined): boolean => x !== undefined && x.type === 'i32' && x.nonNegative === true;
    const shift = (opcode: number[]): Operand => {
      const bits =
        expression.kind === 'op' && expression.args[1]!.kind === 'const' ? expression.args[1]!.value : undefined;
      if (bits === undefined) throw new Error('kernel source: shifts take a constant');
      const v = this.local(W.V128);
      this.emit(this.get(vector(a)), this.i32(bits), opcode, this.set(v));
      return { type: 'i32', v, nonNegative: opcode === W.I32X4_SHR_U && bits % 32 !== 0 };
    };
    const convert = (opcode: number[]): Operand => {
      const lo = this.local(W.V128);
      const hi = this.local(W.V128);
      const source = vector(a);
      this.emit(this.get(source), opcode, this.set(lo));
      this.emit(this.get(source), this.get(source), W.I8X16_SHUFFLE, HIGH_HALF, opcode, this.set(hi));
      return { type: 'f64', lo, hi };
    };
    const arithmetic = (opcode: number[]): Operand => {
      const x = halves(a);
      const y = halves(b);
      const lo = this.local(W.V128);
      const hi = this.local(W.V128);
      this.emit(this.get(x.lo), this.get(y.lo), opcode, this.set(lo));
      this.emit(this.get(x.hi), this.get(y.hi), opcode, this.set(hi));
      return { type: 'f64', lo, hi };
    };
    const compare = (opcode: number[]): Operand => {
      const x = halves(a);
      const y = halves(b);
      const v = this.local(W.V128);
      this.emit(
        this.get(x.lo),
        this.get(y.lo),
        opcode,
        this.get(x.hi),
        this.get(y.hi),
        opcode,
        W.I8X16_SHUFFLE,
        NARROW_MASKS,
        this.set(v),
      );
      return { type: 'bool', v };
    };
    switch (operation) {
      case 'imul': {
        // By a constant 2^k + 1 (xoshiro's 5 and 9): (x << k) + x, the same wrapped product without
        // i32x4.mul, which V8 lowers to pmulld and a constant rebuilt in the loop.
        const factor = expression.kind === 'op' ? expression.args[1] : undefined;
        const k = factor?.kind === 'const' ? Math.log2(factor.value - 1) : Number.NaN;
        if (Number.isInteger(k) && k >= 1 && k < 31) {
          const v = this.local(W.V128);
          const source = vector(a);
          this.emit(this.get(source), this.i32(k), W.I32X4_SHL, this.get(source), W.I32X4_ADD, this.set(v));
          return { type: 'i32', v };
        }
        return binary(W.I32X4_MUL, 'i32');
      }
      case 'sub':
        return binary(W.I32X4_SUB, 'i32');
      case 'xor':
        return binary(W.V128_XOR, 'i32');
      case 'or':
        return binary(W.V128_OR, 'i32');
      case 'and': {
        const v = this.local(W.V128);
        this.emit(this.get(vector(a)), this.get(vector(b)), W.V128_AND, this.set(v));
        const mask = expression.kind === 'op' ? expression.args[1] : undefined;
        const nonNegative = known(a) || known(b);
        const bits = mask?.kind === 'const' ? Math.log2(mask.value + 1) : Number.NaN;
        if (Number.isInteger(bits) && bits >= 1 && bits <= 28)
          return { type: 'i32', v, nonNegative, lowBitsOf: { v: vector(a), bits } };
        return { type: 'i32', v, nonNegative };
      }
      case 'shl':
        return shift(W.I32X4_SHL);
      case 'shru':
        return shift(W.I32X4_SHR_U);
      case 'rotl': {
        const bits = expression.kind === 'op' && expression.args[1]!.kind === 'const' ? expression.args[1]!.value : 0;
        const v = this.local(W.V128);
        const source = vector(a);
        this.emit(
          this.get(source),
          this.i32(bits),
          W.I32X4_SHL,
          this.get(source),
          this.i32(32 - bits),
          W.I32X4_SHR_U,
          W.V128_OR,
          this.set(v),
        );
        return { type: 'i32', v };
      }
      case 'unsigned':
        return convert(known(a) ? W.F64X2_CONVERT_LOW_I32X4_S : W.F64X2_CONVERT_LOW_I32X4_U);
      case 'signed':
        return convert(W.F64X2_CONVERT_LOW_I32X4_S);
      case 'add':
        return arithmetic(W.F64X2_ADD);
      case 'fsub':
        return arithmetic(W.F64X2_SUB);
      case 'floor': {
        const x = halves(a);
        const lo = this.local(W.V128);
        const hi = this.local(W.V128);
        this.emit(this.get(x.lo), W.F64X2_FLOOR, this.set(lo), this.get(x.hi), W.F64X2_FLOOR, this.set(hi));
        return { type: 'f64', lo, hi };
      }
      case 'pow2': {
        // 2^k for integer k in the normal range: the double with exponent field k + 1023 and a zero
        // mantissa, built per lane as the i64 (k + 1023) << 52.
        const x = halves(a);
        const lo = this.local(W.V128);
        const hi = this.local(W.V128);
        for (const [from, to] of [
          [x.lo, lo],
          [x.hi, hi],
        ] as const) {
          this.emit(this.get(from), W.I32X4_TRUNC_SAT_F64X2_S_ZERO, W.I64X2_EXTEND_LOW_I32X4_S);
          this.emit(
            this.get(this.constant(W.v128Lanes([1023, 0, 1023, 0]))),
            W.I64X2_ADD,
            this.i32(52),
            W.I64X2_SHL,
            this.set(to),
          );
        }
        return { type: 'f64', lo, hi };
      }
      case 'mul':
        return arithmetic(W.F64X2_MUL);
      case 'signBy': {
        // x·(±1) as a flip of the sign bit (exact, zeros included): bit b of each word moved to bit 0,
        // widened to the lane's 64 bits and shifted to bit 63, then xor. No constants to hold.
        const bit = expression.kind === 'op' ? expression.args[2] : undefined;
        if (bit?.kind !== 'const') throw new Error('kernel source: signBy takes a constant bit');
        const x = halves(a);
        const word = this.local(W.V128);
        const lo = this.local(W.V128);
        const hi = this.local(W.V128);
        this.emit(this.get(vector(b)), this.i32(bit.value), W.I32X4_SHR_U, this.set(word));
        for (const [extend, from, to] of [
          [W.I64X2_EXTEND_LOW_I32X4_U, x.lo, lo],
          [W.I64X2_EXTEND_HIGH_I32X4_U, x.hi, hi],
        ] as const) {
          this.emit(this.get(word), extend, this.i32(63), W.I64X2_SHL, this.get(from), W.V128_XOR, this.set(to));
        }
        return { type: 'f64', lo, hi };
      }
      case 'ltu':
        return binary(W.I32X4_LT_U, 'bool');
      case 'geu':
        return binary(W.I32X4_GE_U, 'bool');
      case 'gtu':
        return binary(W.I32X4_GT_U, 'bool');
      case 'eq':
        return binary(W.I32X4_EQ, 'bool');
      case 'lt':
        return compare(W.F64X2_LT);
      case 'le':
        return compare(W.F64X2_LE);
      case 'gt':
        return compare(W.F64X2_GT);
      case 'ge':
        return compare(W.F64X2_GE);
      case 'either':
        return binary(W.V128_OR, 'bool');
      case 'both':
        return binary(W.V128_AND, 'bool');
      default:
        throw new Error(`kernel source: unknown operation ${operation}`);
    }
  }

  /** `mask & alive & active`: the lanes a rare path must run for. */
  private needing(condition: Expression): number {
    const when = this.compile(condition);
    if (when.type !== 'bool') throw new Error('kernel source: a condition is a bool');
    const m = this.local(W.V128);
    this.emit(this.get(when.v));
    if (!this.aliveIsAllOnes) this.emit(this.get(this.alive), W.V128_AND);
    if (!this.allActive) this.emit(this.get(this.active), W.V128_AND);
    this.emit(this.set(m));
    return m;
  }

  /**
   * In the fast copy of an attempt: leaves for `$middle` (or, without a middle copy, `$careful`) when
   * some lane needs a rare path, `when` body or `rare` group. In the middle copy: leaves for `$careful`
   * when some lane needs a call (`slow`, `check`).
   */
  private leaveForEscape(condition: Expression, kind: Statement['kind']): boolean {
    if (this.mode === 'careful') return false;
    if (this.mode === 'middle' && kind !== 'slow' && kind !== 'check') return false;
    if (this.mask !== undefined) throw new Error('kernel source: rare paths are not inside when bodies');
    // The generators' states and the lanes' addresses leave through memory, stored on the branch
    // that leaves: had they passed to $middle or $careful in locals, V8 would merge the fast loops'
    // values there and keep some of them on the stack, stored and loaded again at every attempt.
    this.emit(this.get(this.needing(condition)), W.I32X4_BITMASK, W.IF, W.EMPTY);
    this.syncAddress();
    if (this.mode === 'fast' && this.middle) {
      // The middle copy continues from the attempt's words, with the generators after them.
      if (this.steps.length !== this.kernel.words.length || this.steps.some((mask) => mask !== undefined))
        throw new Error('kernel source: a fast escape after draws other than the words');
      for (const [index, word] of this.kernel.words.entries()) {
        const operand = this.registers.get(word);
        if (operand?.type !== 'i32') throw new Error('kernel source: words are i32');
        this.emit(this.i32(0), this.get(operand.v), W.V128_STORE, W.memarg(4, this.layout.escapedWords + 16 * index));
      }
    } else {
      // The careful copy runs the attempt from its start: undo this attempt's steps, last first,
      // each for the lanes that took it (the wedge test's draws, before a rounding test, only for
      // the lanes that needed the wedge).
      for (const mask of [...this.steps].reverse()) this.unstep(mask);
    }
    for (const [index, v] of [...this.state, this.address].entries())
      this.emit(this.i32(0), this.get(v), W.V128_STORE, W.memarg(4, this.layout.resume + 16 * index));
    this.emit(W.BR, this.escapeDepth + 1, W.END);
    return true;
  }

  /** Writes the lane addresses held in i32 locals (see `laneAddresses`) back into the address vector. */
  private syncAddress(): void {
    if (this.laneAddresses === undefined) return;
    this.emit(this.get(this.address));
    for (const [lane, p] of this.laneAddresses.entries()) this.emit(this.get(p), W.I32X4_REPLACE_LANE, lane);
    this.emit(this.set(this.address));
  }

  /**
   * Undoes one xoshiro128** step (for the lanes of `mask`, or all): from the state after
   * `t = s1 << 9; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11)`, with
   * a = rotr(S3, 11) = s3 ^ s1 and x = S1 ^ S2 = s1 ^ (s1 << 9):
   * s1 = x ^ (x << 9) ^ (x << 18) ^ (x << 27), s0 = S0 ^ a, s2 = S1 ^ s1 ^ s0, s3 = a ^ s1.
   * Runs only on the way to `$escape`.
   */
  private unstep(mask: number | undefined): void {
    const [s0, s1, s2, s3] = this.state as [number, number, number, number];
    const a = this.local(W.V128);
    const x = this.local(W.V128);
    const n0 = this.local(W.V128);
    const n1 = this.local(W.V128);
    this.emit(this.get(s3), this.i32(21), W.I32X4_SHL, this.get(s3), this.i32(11), W.I32X4_SHR_U, W.V128_OR);
    this.emit(this.set(a), this.get(s1), this.get(s2), W.V128_XOR, this.set(x));
    this.emit(this.get(x), this.get(x), this.i32(9), W.I32X4_SHL, W.V128_XOR);
    this.emit(this.get(x), this.i32(18), W.I32X4_SHL, W.V128_XOR);
    this.emit(this.get(x), this.i32(27), W.I32X4_SHL, W.V128_XOR, this.set(n1));
    this.emit(this.get(s0), this.get(a), W.V128_XOR, this.set(n0));
    const next: [number, number[]][] = [
      [s2, [...this.get(s1), ...this.get(n1), ...W.V128_XOR, ...this.get(n0), ...W.V128_XOR]],
      [s3, [...this.get(a), ...this.get(n1), ...W.V128_XOR]],
      [s0, this.get(n0)],
      [s1, this.get(n1)],
    ];
    for (const [word, value] of next) {
      this.emit(value);
      if (mask !== undefined) this.emit(this.get(word), this.get(mask), W.V128_BITSELECT);
      this.emit(this.set(word));
    }
  }

  private killLane(lane: number): number[] {
    this.aliveIsAllOnes = false;
    return [...this.get(this.alive), ...this.i32(0), ...W.I32X4_REPLACE_LANE, lane, ...this.set(this.alive)];
  }

  private statement(statement: Statement): void {
    switch (statement.kind) {
      case 'let': {
        let operand = this.compile(statement.value);
        const stateIndex = ['s0', 's1', 's2', 's3'].indexOf(statement.name);
        if (stateIndex >= 0) {
          // The generator state lives in fixed locals across attempts.
          if (operand.type === 'f64') throw new Error('kernel source: state words are i32');
          const word = this.state[stateIndex]!;
          // In a `when` body only the body's lanes advance their generators.
          if (this.mask === undefined) this.emit(this.get(operand.v), this.set(word));
          else this.emit(this.get(operand.v), this.get(word), this.get(this.mask), W.V128_BITSELECT, this.set(word));
          return;
        }
        if (statement.value.kind === 'ref') {
          // A copy, so that a rare path replacing lanes of one register cannot change another.
          if (operand.type === 'f64') {
            const lo = this.local(W.V128);
            const hi = this.local(W.V128);
            this.emit(this.get(operand.lo), this.set(lo), this.get(operand.hi), this.set(hi));
            operand = { type: 'f64', lo, hi };
          } else {
            const v = this.local(W.V128);
            this.emit(this.get(operand.v), this.set(v));
            operand = { ...operand, v };
          }
        }
        this.registers.set(statement.name, operand);
        return;
      }
      case 'reject': {
        const condition = statement.when;
        if (this.mask === undefined && condition.kind === 'op' && condition.operation === 'gtu') {
          // alive &= (b ≥ a): i32x4.ge_u is two instructions on x64, gt_u four and a negation.
          const [a, b] = condition.args.map((argument) => this.compile(argument));
          if (a?.type !== 'i32' || b?.type !== 'i32') throw new Error('kernel source: gtu takes i32 operands');
          if (this.aliveIsAllOnes) this.emit(this.get(b.v), this.get(a.v), W.I32X4_GE_U, this.set(this.alive));
          else
            this.emit(
              this.get(this.alive),
              this.get(b.v),
              this.get(a.v),
              W.I32X4_GE_U,
              W.V128_AND,
              this.set(this.alive),
            );
          this.aliveIsAllOnes = false;
          return;
        }
        const when = this.compile(condition);
        if (when.type !== 'bool') throw new Error('kernel source: a condition is a bool');
        this.emit(this.get(this.alive), this.get(when.v));
        if (this.mask !== undefined) this.emit(this.get(this.mask), W.V128_AND);
        this.emit(W.V128_ANDNOT, this.set(this.alive));
        this.aliveIsAllOnes = false;
        return;
      }
      case 'draw':
        for (const step of xoshiroStep(statement.name)) this.statement(step);
        this.steps.push(this.mask);
        return;
      case 'rare':
        // The fast loop leaves when some lane meets the condition; otherwise the body does nothing.
        if (this.leaveForEscape(statement.when, statement.kind)) return;
        for (const inner of statement.body) this.statement(inner);
        return;
      case 'when': {
        // The fast loop leaves for the careful copy whenever a lane needs the body: its registers
        // would otherwise crowd the loop's own, which V8 then spills on the path every attempt takes.
        if (this.leaveForEscape(statement.when, statement.kind)) return;
        // A nested body runs for the lanes of both conditions.
        const outer = this.mask;
        const m = this.needing(statement.when);
        if (outer !== undefined) this.emit(this.get(m), this.get(outer), W.V128_AND, this.set(m));
        this.emit(this.get(m), W.I32X4_BITMASK, W.IF, W.EMPTY);
        this.mask = m;
        // Records loaded inside the body are set only when it runs: forget them after it.
        const before = new Set(this.records.keys());
        for (const inner of statement.body) this.statement(inner);
        for (const key of [...this.records.keys()]) if (!before.has(key)) this.records.delete(key);
        this.mask = outer;
        this.emit(W.END);
        return;
      }
      case 'slow': {
        if (this.leaveForEscape(statement.when, statement.kind)) return;
        const m = this.needing(statement.when);
        const layer = this.compile(statement.layer);
        const x = this.compile(statement.x);
        const result = statement.result === undefined ? undefined : this.registers.get(statement.result);
        if (layer.type !== 'i32' || x.type !== 'f64' || (result !== undefined && result.type !== 'f64')) {
          throw new Error('kernel source: a slow path takes an i32 layer and an f64 x, and gives an f64');
        }
        const r = this.local(W.F64);
        this.emit(this.get(m), W.I32X4_BITMASK, W.IF, W.EMPTY);
        for (let word = 0; word < 4; word++)
          this.emit(
            this.i32(0),
            this.get(this.state[word]!),
            W.V128_STORE,
            W.memarg(4, this.layout.slowState + 16 * word),
          );
        for (let lane = 0; lane < 4; lane++) {
          this.emit(this.get(m), W.I32X4_EXTRACT_LANE, lane, W.IF, W.EMPTY);
          this.emit(this.i32(lane), this.get(layer.v), W.I32X4_EXTRACT_LANE, lane);
          this.emit(this.get(lane < 2 ? x.lo : x.hi), W.F64X2_EXTRACT_LANE, lane % 2);
          this.emit(W.CALL, SLOW_IMPORTS[statement.path], this.set(r));
          // NaN means rejected.
          this.emit(this.get(r), this.get(r), W.F64_NE, W.IF, W.EMPTY, this.killLane(lane));
          if (result !== undefined) {
            const half = lane < 2 ? result.lo : result.hi;
            this.emit(W.ELSE, this.get(half), this.get(r), W.F64X2_REPLACE_LANE, lane % 2, this.set(half));
          }
          this.emit(W.END, W.END);
        }
        for (let word = 0; word < 4; word++)
          this.emit(
            this.i32(0),
            W.V128_LOAD,
            W.memarg(4, this.layout.slowState + 16 * word),
            this.set(this.state[word]!),
          );
        this.emit(W.END);
        return;
      }
      case 'check': {
        if (this.leaveForEscape(statement.when, statement.kind)) return;
        const m = this.needing(statement.when);
        const value = this.compile(statement.value);
        if (value.type !== 'f64') throw new Error('kernel source: a checked value is an f64');
        this.emit(this.get(m), W.I32X4_BITMASK, W.IF, W.EMPTY);
        for (let lane = 0; lane < 4; lane++) {
          this.emit(this.get(m), W.I32X4_EXTRACT_LANE, lane, W.IF, W.EMPTY);
          this.emit(
            this.get(lane < 2 ? value.lo : value.hi),
            W.F64X2_EXTRACT_LANE,
            lane % 2,
            W.CALL,
            IMPORT_ROUNDED_INSIDE,
          );
          this.emit(W.I32_EQZ, W.IF, W.EMPTY, this.killLane(lane), W.END, W.END);
        }
        this.emit(W.END);
        return;
      }
    }
  }

  private build(): void {
    const kernel = this.kernel;
    const elementBytes = this.output === 'f32' ? 4 : 8;
    const group = this.local(W.I32);
    const shift = elementBytes === 4 ? 2 : 3;
    // Per lane: the address of its next slot, and the address one past its last.
    const address = this.address;
    const end = this.local(W.V128);
    const target = this.local(W.V128);
    const store = this.local(W.V128);
    const laneBytes = 256 * elementBytes;
    const laneOffsets = W.v128Lanes([0, laneBytes, 2 * laneBytes, 3 * laneBytes]);
    const dummy = W.v128Bytes('i32', this.layout.dummy);
    // Parameters, splatted once.
    // Stored and loaded back, so that V8 sees a value, not a splat it would redo inside the loop.
    kernel.params.forEach((parameter, index) => {
      const v = this.local(W.V128);
      const slot = this.layout.params + 16 * index;
      this.prologue.push(...this.i32(0), ...this.get(index + 1));
      this.prologue.push(...(parameter.type === 'i32' ? W.I32X4_SPLAT : W.F64X2_SPLAT), ...W.V128_STORE);
      this.prologue.push(...W.memarg(4, slot), ...this.i32(0), ...W.V128_LOAD, ...W.memarg(4, slot), ...this.set(v));
      this.registers.set(parameter.name, parameter.type === 'i32' ? { type: 'i32', v } : { type: 'f64', lo: v, hi: v });
    });
    for (let word = 0; word < 4; word++) this.registers.set(`s${word}`, { type: 'i32', v: this.state[word]! });
    // Check the source's types once (throws on a mistake).
    registerTypes(
      kernel,
      kernel.words.flatMap((word) => xoshiroStep(word)),
    );

    this.emit(this.i32(0), this.set(group));
    // block $exit, loop $groups
    this.emit(W.BLOCK, W.EMPTY, W.LOOP, W.EMPTY);
    this.emit(this.get(group), this.get(0), W.I32_GE_U, W.BR_IF, 1);
    // This group's four generator states; its lanes' first and end addresses.
    for (let word = 0; word < 4; word++) {
      this.emit(
        this.get(group),
        this.i32(64),
        W.I32_MUL,
        W.V128_LOAD,
        W.memarg(4, this.layout.states + 16 * word),
        this.set(this.state[word]!),
      );
    }
    this.emit(
      this.get(group),
      this.i32(4 * laneBytes),
      W.I32_MUL,
      this.i32(0),
      W.I32_LOAD,
      W.memarg(2, this.layout.outputBase),
      W.I32_ADD,
      W.I32X4_SPLAT,
    );
    this.emit(this.get(this.constant(laneOffsets, false)), W.I32X4_ADD, this.set(address));
    this.emit(
      this.get(group),
      this.i32(16),
      W.I32_MUL,
      W.V128_LOAD,
      W.memarg(4, this.layout.limits),
      this.i32(shift),
      W.I32X4_SHL,
    );
    this.emit(this.get(address), W.I32X4_ADD, this.set(end));

    // The attempts run in a loop without calls (`$attempts`). An attempt in which some lane needs a
    // rare path leaves it for `$escape`, which puts the generators back to the attempt's start, runs
    // that one attempt again with the calls, and resumes the loop. With no call inside the loop, V8
    // keeps the loop's values in registers instead of saving them to the stack at every attempt for
    // the sake of a call that almost never happens.
    //
    // The loop has two phases. While every lane has room, which holds for the next
    // min over lanes of (end − address) attempts, a counted loop (`$allActive`) stores every lane at its
    // next slot: a rejected lane's store is overwritten by its next accepted value. Then `$someActive`
    // finishes the lanes that still have room, sending the finished lanes' stores to the dummy.
    // block $groupDone, loop $resume, block $escape, block $someActiveStart, loop $count, loop $allActive
    const remaining = this.local(W.I32);
    const room = this.local(W.V128);
    // The generators' states also enter each round of $resume through memory: the careful copy's
    // values (kept across its calls, so on the stack) would otherwise merge into the fast loops'
    // and be stored to the stack at every attempt.
    const storeState = (): void => {
      for (let word = 0; word < 4; word++)
        this.emit(this.i32(0), this.get(this.state[word]!), W.V128_STORE, W.memarg(4, this.layout.resume + 16 * word));
    };
    storeState();
    // A middle copy where the rare paths are `when` bodies without calls (the ziggurat's wedge test):
    // cheaper to reach than the careful copy, whose calls make V8 save its values to the stack. It
    // leaves for the careful copy when a lane needs a call (the normal's tail, the truncated
    // normal's rounding test at a bound), undoing the attempt's steps, the wedge's masked draws too.
    const hasWhen = (statements: readonly Statement[]): boolean =>
      statements.some(
        (statement) => statement.kind === 'when' || (statement.kind === 'rare' && hasWhen(statement.body)),
      );
    const middle = hasWhen(kernel.body);
    this.middle = middle;
    // block $groupDone, loop $resume, [block $careful,] block $middle (or $careful), …
    this.emit(W.BLOCK, W.EMPTY, W.LOOP, W.EMPTY);
    for (let word = 0; word < 4; word++)
      this.emit(this.i32(0), W.V128_LOAD, W.memarg(4, this.layout.resume + 16 * word), this.set(this.state[word]!));
    if (middle) this.emit(W.BLOCK, W.EMPTY);
    this.emit(W.BLOCK, W.EMPTY, W.BLOCK, W.EMPTY, W.LOOP, W.EMPTY);
    // remaining = min over lanes of (end − address) / elementBytes; none left → the second phase.
    this.emit(this.get(end), this.get(address), W.I32X4_SUB, this.set(room));
    this.emit(
      this.get(room),
      this.get(room),
      W.I8X16_SHUFFLE,
      SWAP_HALVES,
      this.get(room),
      W.I32X4_MIN_S,
      this.set(room),
    );
    this.emit(this.get(room), this.get(room), W.I8X16_SHUFFLE, SWAP_PAIRS, this.get(room), W.I32X4_MIN_S);
    this.emit(W.I32X4_EXTRACT_LANE, 0, this.i32(shift), W.I32_SHR_U, this.set(remaining));
    this.emit(this.get(remaining), W.I32_EQZ, W.BR_IF, 1);
    // A fast copy without rejections stores every lane at every attempt (see `laneAddresses`).
    const laneAddresses = kernel.body.some((statement) => statement.kind === 'reject')
      ? undefined
      : [0, 1, 2, 3].map((lane) => {
          const p = this.local(W.I32);
          this.emit(this.get(address), W.I32X4_EXTRACT_LANE, lane, this.set(p));
          return p;
        });
    this.emit(W.LOOP, W.EMPTY);
    this.allActive = true;
    this.laneAddresses = laneAddresses;
    this.escapeDepth = 3; // $allActive, $count, $someActiveStart, $escape
    this.attempt(address, end, target, store, dummy, 'fast');
    this.emit(this.get(remaining), this.i32(1), W.I32_SUB, W.LOCAL_TEE, W.unsignedLeb(remaining), W.BR_IF, 0);
    this.emit(W.END);
    this.syncAddress();
    this.laneAddresses = undefined;
    this.emit(W.BR, 0, W.END, W.END);
    // loop $someActive
    this.emit(W.LOOP, W.EMPTY);
    this.emit(this.get(address), this.get(end), W.I32X4_LT_S, this.set(this.active));
    // No lane active: leave $groupDone ($someActive, $middle, [$careful,] $resume, $groupDone).
    this.emit(this.get(this.active), W.I32X4_BITMASK, W.I32_EQZ, W.BR_IF, middle ? 4 : 3);
    this.allActive = false;
    this.escapeDepth = 1; // $someActive, $escape
    this.attempt(address, end, target, store, dummy, 'fast');
    this.emit(W.BR, 0, W.END, W.END);
    // $middle or $careful: the generators' states and the addresses come through memory (see
    // leaveForEscape), the ends too. Otherwise V8 would see the same computations as in the loop,
    // merge them, and keep the loop's values alive across the calls — saving them to the stack at
    // every attempt. The middle copy continues from the attempt's words; for the careful copy the
    // generators are put back to the attempt's start (every escape, from the fast or the middle copy,
    // leaves after the attempt's own words alone) and the attempt runs again from its start.
    const resumeAttempt = (mode: AttemptMode): void => {
      this.emit(this.i32(0), this.get(end), W.V128_STORE, W.memarg(4, this.layout.resume + 16 * 5));
      for (const [index, v] of [...this.state, address, end].entries())
        this.emit(this.i32(0), W.V128_LOAD, W.memarg(4, this.layout.resume + 16 * index), this.set(v));
      this.allActive = false;
      this.attempt(address, end, target, store, dummy, mode);
      storeState();
    };
    if (middle) {
      this.escapeDepth = 0; // $careful
      resumeAttempt('middle');
      this.emit(W.BR, 1, W.END); // $resume
    }
    resumeAttempt('careful');
    this.emit(W.BR, 0, W.END, W.END);

    this.emit(this.get(group), this.i32(1), W.I32_ADD, this.set(group));
    this.emit(W.BR, 0, W.END, W.END);
  }

  /**
   * One attempt per lane: draws, the kernel's body, and the store of the lanes that accepted. In the
   * `fast` copy a rare path leaves for `$escape` instead of calling; the `careful` copy calls.
   */
  private attempt(
    address: number,
    end: number,
    target: number,
    store: number,
    dummy: readonly number[],
    mode: AttemptMode,
  ): void {
    const kernel = this.kernel;
    const elementBytes = this.output === 'f32' ? 4 : 8;
    this.mode = mode;
    this.records.clear();
    if (mode !== 'fast') this.emit(this.get(address), this.get(end), W.I32X4_LT_S, this.set(this.active));
    this.emit(W.V128_CONST, W.v128Bytes('i32', -1), this.set(this.alive));
    this.aliveIsAllOnes = true;
    this.steps = [];
    for (const [index, word] of kernel.words.entries()) {
      if (mode === 'middle') {
        // Drawn by the fast copy, which left the generators after the draws (see leaveForEscape).
        const v = this.local(W.V128);
        this.emit(this.i32(0), W.V128_LOAD, W.memarg(4, this.layout.escapedWords + 16 * index), this.set(v));
        this.registers.set(word, { type: 'i32', v });
      } else {
        for (const statement of xoshiroStep(word)) this.statement(statement);
      }
      this.steps.push(undefined);
    }
    for (const statement of kernel.body) this.statement(statement);

    const value = this.registers.get(kernel.value);
    if (value === undefined || value.type !== 'f64') throw new Error('kernel source: the value is an f64');
    let halves = [value.lo, value.hi];
    if (this.output === 'f32') {
      halves = [this.local(W.V128), this.local(W.V128)];
      this.emit(this.get(value.lo), W.F32X4_DEMOTE_F64X2_ZERO, this.set(halves[0]!));
      this.emit(this.get(value.hi), W.F32X4_DEMOTE_F64X2_ZERO, this.set(halves[1]!));
    }
    if (this.laneAddresses !== undefined) {
      if (!this.aliveIsAllOnes) throw new Error('kernel source: lane addresses in a fast copy that rejects');
      for (const [lane, p] of this.laneAddresses.entries()) {
        this.emit(this.get(p), this.get(halves[lane < 2 ? 0 : 1]!));
        if (elementBytes === 4) this.emit(W.V128_STORE32_LANE, W.memarg(2, 0), lane % 2);
        else this.emit(W.V128_STORE64_LANE, W.memarg(3, 0), lane % 2);
        this.emit(this.get(p), this.i32(elementBytes), W.I32_ADD, this.set(p));
      }
      return;
    }
    if (this.allActive) {
      // Every lane writes at its next slot; only the lanes that accepted move on.
      this.emit(this.get(this.alive), this.set(store), this.get(address), this.set(target));
    } else {
      this.emit(this.get(this.alive), this.get(this.active), W.V128_AND, this.set(store));
      // Lanes that store write at their next slot, the others at the dummy: no branch on lanes.
      this.emit(this.get(address), this.get(this.constant(dummy)), this.get(store), W.V128_BITSELECT, this.set(target));
    }
    for (let lane = 0; lane < 4; lane++) {
      this.emit(this.get(target), W.I32X4_EXTRACT_LANE, lane, this.get(halves[lane < 2 ? 0 : 1]!));
      if (elementBytes === 4) this.emit(W.V128_STORE32_LANE, W.memarg(2, 0), lane % 2);
      else this.emit(W.V128_STORE64_LANE, W.memarg(3, 0), lane % 2);
    }
    if (this.allActive && this.aliveIsAllOnes) {
      // Nothing can have rejected: every lane moves on, by a constant loaded where it is used (a
      // local would hold a register through the loop).
      const step = this.pool.address(W.v128Bytes('i32', elementBytes));
      this.emit(this.get(address), this.i32(0), W.V128_LOAD, W.memarg(4, step), W.I32X4_ADD, this.set(address));
      return;
    }
    // Advance the lanes that stored: a stored lane's mask is −1, shifted it is −elementBytes.
    this.emit(this.get(address), this.get(store), this.i32(Math.log2(elementBytes)), W.I32X4_SHL);
    this.emit(W.I32X4_SUB, this.set(address));
  }
}

/**
 * The module's bytes, rare paths imported from `slow`. Without `workspace`, the module has its own
 * memory, exported as `memory`, laid out as WASM_LAYOUT. With it, the module imports a shared memory
 * as `env.memory` and keeps its tables, states and blocks in the WORKSPACE_BYTES from byte
 * `workspace` (a multiple of 64 KiB): a thread's kernels can then store straight into an output that
 * lies elsewhere in that memory, where other threads' workspaces lie too.
 */
export function assembleSamplingModule(workspace?: number): Uint8Array {
  const layout = workspace === undefined ? WASM_LAYOUT : wasmLayoutAt(workspace);
  const kernels = wasmExports();
  const signatures: number[][] = [
    [0x60, ...W.vector([[W.I32], [W.I32], [W.F64]]), ...W.vector([[W.F64]])],
    [0x60, ...W.vector([[W.F64]]), ...W.vector([[W.I32]])],
  ];
  const typeOfKernel = kernels.map(({ kernel }) => {
    const signature = [
      0x60,
      ...W.vector([[W.I32], ...kernel.params.map((parameter) => [parameter.type === 'i32' ? W.I32 : W.F64])]),
      0,
    ];
    const existing = signatures.findIndex((candidate) => candidate.join() === signature.join());
    if (existing >= 0) return existing;
    signatures.push(signature);
    return signatures.length - 1;
  });
  // The helpers around the kernels: seed_blocks(groups, key0, key1) and pack(segments, shift).
  const helperTypes = [
    [W.I32, W.I32, W.I32],
    [W.I32, W.I32],
  ].map((parameters) => {
    signatures.push([0x60, ...W.vector(parameters.map((type) => [type])), 0]);
    return signatures.length - 1;
  });
  const imports = [
    [...W.name('slow'), ...W.name('normalSlow'), 0x00, 0],
    [...W.name('slow'), ...W.name('wedgeSlow'), 0x00, 0],
    [...W.name('slow'), ...W.name('roundedInside'), 0x00, 1],
  ];
  const functionImports = imports.length;
  // A shared memory's limits (flag 3): at least up to the workspace's end, at most 4 GiB.
  const pagesTo = workspace === undefined ? 0 : (workspace + WORKSPACE_BYTES) / 65536;
  if (workspace !== undefined) {
    imports.push([
      ...W.name('env'),
      ...W.name('memory'),
      0x02,
      0x03,
      ...W.unsignedLeb(pagesTo),
      ...W.unsignedLeb(65536),
    ]);
  }
  const exports = [
    ...(workspace === undefined ? [[...W.name('memory'), 0x02, 0]] : []),
    ...kernels.map(({ name }, index) => [...W.name(name), 0x00, ...W.unsignedLeb(functionImports + index)]),
    [...W.name('seed_blocks'), 0x00, ...W.unsignedLeb(functionImports + kernels.length)],
    [...W.name('pack'), 0x00, ...W.unsignedLeb(functionImports + kernels.length + 1)],
  ];
  const pool = new ConstantPool(layout);
  const bodies = kernels.map(({ kernel, output }) => new FunctionBuilder(kernel, output, pool, layout).body());
  bodies.push(seedBlocksBody(layout), packBody(layout));
  // One active data segment: the constant pool at layout.constants.
  const constants = pool.slots.flat();
  const data = [0x00, W.I32_CONST, ...W.signedLeb(layout.constants), W.END];
  data.push(...W.unsignedLeb(constants.length), ...constants);
  return W.wasmModule([
    W.section(1, W.vector(signatures)),
    W.section(2, W.vector(imports)),
    W.section(3, W.vector([...typeOfKernel, ...helperTypes].map((type) => W.unsignedLeb(type)))),
    ...(workspace === undefined ? [W.section(5, W.vector([[0x00, ...W.unsignedLeb(WASM_LAYOUT.pages)]]))] : []),
    W.section(7, W.vector(exports)),
    W.section(10, W.vector(bodies)),
    W.section(11, W.vector([data])),
  ]);
}
