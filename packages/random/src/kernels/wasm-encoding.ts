/**
 * The few pieces of the WebAssembly binary format the kernel assembler needs: LEB128 numbers,
 * sections, and the opcodes it uses (WebAssembly core 2.0 and fixed-width SIMD). The encoding
 * functions are shared with @init/linalg through the private @init/internal (inlined into each build).
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
export const LOCAL_TEE = 0x22;
export const I32_LOAD = 0x28;
export const F64_LOAD = 0x2b;
export const I32_CONST = 0x41;
export const I32_EQZ = 0x45;
export const I32_GE_U = 0x4f;
export const F64_NE = 0x62;
export const I32_ADD = 0x6a;
export const I32_SUB = 0x6b;
export const I32_MUL = 0x6c;
export const I32_SHL = 0x74;
export const I32_SHR_U = 0x76;

// SIMD instructions: the 0xFD prefix, then the opcode as unsigned LEB128 (opcodes from 0x80 take two
// bytes). Written out as literals so that importing this module runs nothing.
export const V128_LOAD = [0xfd, 0x00];
export const V128_STORE = [0xfd, 0x0b];
export const V128_CONST = [0xfd, 0x0c];
export const I8X16_SHUFFLE = [0xfd, 0x0d];
export const I32X4_SPLAT = [0xfd, 0x11];
export const F64X2_SPLAT = [0xfd, 0x14];
export const I32X4_EXTRACT_LANE = [0xfd, 0x1b];
export const I32X4_REPLACE_LANE = [0xfd, 0x1c];
export const F64X2_EXTRACT_LANE = [0xfd, 0x21];
export const F64X2_REPLACE_LANE = [0xfd, 0x22];
export const I32X4_EQ = [0xfd, 0x37];
export const I32X4_LT_S = [0xfd, 0x39];
export const I32X4_LT_U = [0xfd, 0x3a];
export const I32X4_GT_U = [0xfd, 0x3c];
export const I32X4_GE_U = [0xfd, 0x40];
export const F64X2_LT = [0xfd, 0x49];
export const F64X2_GT = [0xfd, 0x4a];
export const F64X2_LE = [0xfd, 0x4b];
export const F64X2_GE = [0xfd, 0x4c];
export const V128_AND = [0xfd, 0x4e];
export const V128_ANDNOT = [0xfd, 0x4f];
export const V128_OR = [0xfd, 0x50];
export const V128_XOR = [0xfd, 0x51];
export const V128_BITSELECT = [0xfd, 0x52];
export const V128_ANY_TRUE = [0xfd, 0x53];
export const I32X4_BITMASK = [0xfd, 0xa4, 0x01];
export const V128_STORE32_LANE = [0xfd, 0x5a];
export const V128_STORE64_LANE = [0xfd, 0x5b];
export const F32X4_DEMOTE_F64X2_ZERO = [0xfd, 0x5e];
export const F64X2_FLOOR = [0xfd, 0x75];
export const I64X2_EXTEND_LOW_I32X4_S = [0xfd, 0xc7, 0x01];
export const I64X2_EXTEND_LOW_I32X4_U = [0xfd, 0xc9, 0x01];
export const I64X2_EXTEND_HIGH_I32X4_U = [0xfd, 0xca, 0x01];
export const I64X2_SHL = [0xfd, 0xcb, 0x01];
export const I64X2_ADD = [0xfd, 0xce, 0x01];
export const I32X4_SHL = [0xfd, 0xab, 0x01];
export const I32X4_SHR_U = [0xfd, 0xad, 0x01];
export const I32X4_ADD = [0xfd, 0xae, 0x01];
export const I32X4_SUB = [0xfd, 0xb1, 0x01];
export const I32X4_MUL = [0xfd, 0xb5, 0x01];
export const I32X4_MIN_S = [0xfd, 0xb6, 0x01];
export const F64X2_ADD = [0xfd, 0xf0, 0x01];
export const F64X2_SUB = [0xfd, 0xf1, 0x01];
export const F64X2_MUL = [0xfd, 0xf2, 0x01];
export const I32X4_TRUNC_SAT_F64X2_S_ZERO = [0xfd, 0xfc, 0x01];
export const F64X2_CONVERT_LOW_I32X4_S = [0xfd, 0xfe, 0x01];
export const F64X2_CONVERT_LOW_I32X4_U = [0xfd, 0xff, 0x01];

export { memarg, name, section, signedLeb, unsignedLeb, vector, wasmModule } from '@init/internal/wasm-encoding';

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
