/**
 * The few pieces of the WebAssembly binary format the kernel assembler needs: LEB128 numbers,
 * sections, and the opcodes it uses (WebAssembly core 2.0 and fixed-width SIMD). @init/linalg keeps
 * its own small copy of the same helpers (src/wasm-kernels.ts): the two packages depend on nothing
 * of each other's.
 */

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

export const BLOCK = 0x02;
export const LOOP = 0x03;
export const IF = 0x04;
export const ELSE = 0x05;
export const END = 0x0b;
export const BR = 0x0c;
export const BR_IF = 0x0d;
export const CALL = 0x10;
export const SELECT = 0x1b;
export const EMPTY = 0x40;
export const LOCAL_GET = 0x20;
export const LOCAL_SET = 0x21;
export const I32_LOAD = 0x28;
export const F64_LOAD = 0x2b;
export const I32_CONST = 0x41;
export const I32_EQZ = 0x45;
export const I32_GE_U = 0x4f;
export const F64_NE = 0x62;
export const I32_ADD = 0x6a;
export const I32_MUL = 0x6c;
export const I32_SHL = 0x74;

/** SIMD instructions: the 0xFD prefix, then the opcode as unsigned LEB128. */
const simd = (opcode: number): number[] => [0xfd, ...unsignedLeb(opcode)];
export const V128_LOAD = simd(0x00);
export const V128_STORE = simd(0x0b);
export const V128_CONST = simd(0x0c);
export const I8X16_SHUFFLE = simd(0x0d);
export const I32X4_SPLAT = simd(0x11);
export const F64X2_SPLAT = simd(0x14);
export const I32X4_EXTRACT_LANE = simd(0x1b);
export const I32X4_REPLACE_LANE = simd(0x1c);
export const F64X2_EXTRACT_LANE = simd(0x21);
export const F64X2_REPLACE_LANE = simd(0x22);
export const I32X4_EQ = simd(0x37);
export const I32X4_LT_S = simd(0x39);
export const I32X4_LT_U = simd(0x3a);
export const I32X4_GT_U = simd(0x3c);
export const I32X4_GE_U = simd(0x40);
export const F64X2_LT = simd(0x49);
export const F64X2_GT = simd(0x4a);
export const F64X2_LE = simd(0x4b);
export const F64X2_GE = simd(0x4c);
export const V128_AND = simd(0x4e);
export const V128_ANDNOT = simd(0x4f);
export const V128_OR = simd(0x50);
export const V128_XOR = simd(0x51);
export const V128_BITSELECT = simd(0x52);
export const V128_ANY_TRUE = simd(0x53);
export const V128_STORE32_LANE = simd(0x5a);
export const V128_STORE64_LANE = simd(0x5b);
export const F32X4_DEMOTE_F64X2_ZERO = simd(0x5e);
export const F64X2_FLOOR = simd(0x75);
export const I64X2_EXTEND_LOW_I32X4_S = simd(0xc7);
export const I64X2_SHL = simd(0xcb);
export const I64X2_ADD = simd(0xce);
export const I32X4_SHL = simd(0xab);
export const I32X4_SHR_U = simd(0xad);
export const I32X4_ADD = simd(0xae);
export const I32X4_SUB = simd(0xb1);
export const I32X4_MUL = simd(0xb5);
export const F64X2_ADD = simd(0xf0);
export const F64X2_SUB = simd(0xf1);
export const F64X2_MUL = simd(0xf2);
export const I32X4_TRUNC_SAT_F64X2_S_ZERO = simd(0xfc);
export const F64X2_CONVERT_LOW_I32X4_S = simd(0xfe);
export const F64X2_CONVERT_LOW_I32X4_U = simd(0xff);

export function unsignedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

/** Signed LEB128 of a 32-bit integer (the immediate of i32.const). */
export function signedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

export function name(text: string): number[] {
  return [...unsignedLeb(text.length), ...Array.from(text, (character) => character.charCodeAt(0))];
}

export function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

/** A vector of items, each already encoded: its count, then the items. */
export function vector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

/** A memory immediate: log2 of the alignment, then the byte offset. */
export function memarg(alignment: number, offset: number): number[] {
  return [alignment, ...unsignedLeb(offset)];
}

/** The 16 bytes of a v128.const: four i32 lanes or two f64 lanes, little-endian as WebAssembly is. */
export function v128Bytes(type: 'i32' | 'f64', value: number): number[] {
  const view = new DataView(new ArrayBuffer(16));
  for (let lane = 0; lane < (type === 'i32' ? 4 : 2); lane++) {
    if (type === 'i32') view.setInt32(4 * lane, value | 0, true);
    else view.setFloat64(8 * lane, value, true);
  }
  return Array.from(new Uint8Array(view.buffer));
}

/** The 16 bytes of a v128.const of four given i32 lanes. */
export function v128Lanes(lanes: readonly [number, number, number, number]): number[] {
  const view = new DataView(new ArrayBuffer(16));
  for (const [index, lane] of lanes.entries()) view.setInt32(4 * index, lane, true);
  return Array.from(new Uint8Array(view.buffer));
}
