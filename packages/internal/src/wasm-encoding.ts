/**
 * The pieces of the WebAssembly binary format both kernel assemblers need (@init/random's
 * src/kernels/emit-wasm.ts, @init/linalg's src/wasm-kernels.ts): LEB128 numbers, names, sections,
 * vectors, memory immediates and the module header. Each package keeps the opcodes it uses.
 */

/** Unsigned LEB128 of a 32-bit integer (sizes, counts, indices, offsets). */
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

/** A whole module: the magic `\0asm`, version 1, then the given sections in order. */
export function wasmModule(sections: readonly number[][]): Uint8Array {
  return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...sections.flat()]);
}
