/**
 * The small language the sampling kernels are written in (kernels/source.ts), so that one text of the
 * xoshiro128** step, the integer-to-float conversions and the ziggurat's fast path yields both the
 * JavaScript kernels (kernels/emit-js.ts, at build time) and the WebAssembly SIMD kernels
 * (kernels/emit-wasm.ts, at first use).
 *
 * Values have one of three types:
 * - `i32`: a 32-bit word. Arithmetic wraps mod 2^32 (JavaScript `Math.imul`, `^`, `<<`; WebAssembly
 *   `i32x4.*`); whether it is read as signed or unsigned is said by the operation that reads it.
 * - `f64`: an IEEE double. Every operation is one correctly rounded IEEE operation in both backends
 *   (baseline WebAssembly SIMD has no fused multiply-add), so both give the same bits.
 * - `bool`: a condition (a JavaScript boolean, a WebAssembly lane mask of all ones or all zeros).
 *
 * A kernel body is straight-line code plus three kinds of early exit, which the JavaScript backend
 * writes as `continue` and the SIMD backend as lane masks: `reject` (redraw this attempt), `slow` (a
 * rare out-of-line path that may draw more words and may reject), `check` (a rare out-of-line test).
 */

export type ValueType = 'i32' | 'f64' | 'bool';

export type Operation =
  // i32 × i32 → i32, wrapping.
  | 'imul'
  | 'sub'
  | 'xor'
  | 'or'
  | 'and'
  // i32 × constant → i32.
  | 'shl'
  | 'shru'
  | 'rotl'
  // i32 → f64: the word read as unsigned, or as signed.
  | 'unsigned'
  | 'signed'
  // f64 × f64 → f64.
  | 'add'
  | 'fsub'
  | 'mul'
  // f64 → f64: ⌊x⌋, and 2^x for an integer x in the normal range (exact, built from the bits).
  | 'floor'
  | 'pow2'
  // f64 × i32 × constant → f64: x·(−1 if bit b of the word is set, else 1), an exact sign change.
  | 'signBy'
  // Comparisons → bool: `ltu`/`geu`/`gtu`/`eq` on i32 read as unsigned, the others on f64.
  | 'ltu'
  | 'geu'
  | 'gtu'
  | 'eq'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  // bool × bool → bool.
  | 'either'
  | 'both';

/**
 * The ziggurat's tables (distributions/ziggurat.ts), indexed by layer; the `signed` ones by layer and
 * sign together (the word's low 9 bits), their scale negative for the lower half.
 */
export type TableName =
  | 'accept23'
  | 'scale23'
  | 'accept52'
  | 'scale52'
  | 'signedAccept23'
  | 'signedScale23'
  | 'signedAccept52'
  | 'signedScale52'
  | 'heights'
  | 'heightsNext'
  | 'squeezeLowA'
  | 'squeezeLowB'
  | 'squeezeHighA'
  | 'squeezeHighB';

export const TABLE_TYPES: Readonly<Record<TableName, 'i32' | 'f64'>> = {
  accept23: 'i32',
  scale23: 'f64',
  accept52: 'f64',
  scale52: 'f64',
  signedAccept23: 'i32',
  signedScale23: 'f64',
  signedAccept52: 'f64',
  signedScale52: 'f64',
  heights: 'f64',
  heightsNext: 'f64',
  squeezeLowA: 'f64',
  squeezeLowB: 'f64',
  squeezeHighA: 'f64',
  squeezeHighB: 'f64',
};

export type Expression =
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'const'; readonly type: 'i32' | 'f64'; readonly value: number }
  | { readonly kind: 'op'; readonly operation: Operation; readonly args: readonly Expression[] }
  | { readonly kind: 'table'; readonly table: TableName; readonly index: Expression };

/** The rare paths, written once in JavaScript (kernels/slow-paths.ts) and called from both backends. */
export type SlowPath = 'normalSlow' | 'wedgeSlow';

export type Statement =
  /** Defines (or redefines) a register. */
  | { readonly kind: 'let'; readonly name: string; readonly value: Expression; readonly comment?: string }
  /** Redraws the attempt when the condition holds. */
  | { readonly kind: 'reject'; readonly when: Expression; readonly comment?: string }
  /**
   * When the condition holds, calls the rare path with (layer, x) on the generator state; it may
   * draw more words. It rejects the attempt or accepts it, leaving its sample in `result` if named.
   */
  | {
      readonly kind: 'slow';
      readonly when: Expression;
      readonly path: SlowPath;
      readonly layer: Expression;
      readonly x: Expression;
      readonly result?: string;
      readonly comment?: string;
    }
  /**
   * Runs `body` for the attempts where the condition holds (JavaScript: an `if`; SIMD: the body for
   * the lanes of the mask, with draws advancing only those lanes' generators). Registers defined in
   * the body are used only there; a `reject` in it rejects only those attempts. Bodies may nest (an
   * inner body runs for the attempts that meet both conditions).
   */
  | { readonly kind: 'when'; readonly when: Expression; readonly body: readonly Statement[]; readonly comment?: string }
  /**
   * Statements that act only on attempts where the condition holds: every statement of the body has
   * a condition that implies it (so skipping the body when it fails changes nothing). A hint that
   * lets a backend test one condition on the path most attempts take, instead of each statement's.
   * The JavaScript backend writes the body in line; the SIMD backend's fast loop leaves for its
   * careful copy when some lane meets the condition. Rare paths and `when` bodies may sit inside.
   */
  | { readonly kind: 'rare'; readonly when: Expression; readonly body: readonly Statement[]; readonly comment?: string }
  /** Draws the next word of the generator into a register (one xoshiro step). */
  | { readonly kind: 'draw'; readonly name: string }
  /**
   * When the condition holds, asks the out-of-line test `roundedInside(value)` (the stored value
   * after rounding to the output format lies inside the bounds) and rejects the attempt if not.
   */
  | { readonly kind: 'check'; readonly when: Expression; readonly value: Expression; readonly comment?: string };

/** One kernel: how many words an attempt draws, its scalar parameters and its body. */
export interface KernelSource {
  readonly name: string;
  /** A sentence for the generated code. */
  readonly summary: string;
  /** The names of the words each attempt draws, in order (one xoshiro step each). */
  readonly words: readonly string[];
  /** Scalar parameters, read once per call. */
  readonly params: readonly { readonly name: string; readonly type: 'i32' | 'f64' }[];
  readonly body: readonly Statement[];
  /** The register stored as the attempt's value when nothing rejected it (an f64). */
  readonly value: string;
}

// Constructors, so kernel sources read like formulas.
export const ref = (name: string): Expression => ({ kind: 'ref', name });
export const int = (value: number): Expression => ({ kind: 'const', type: 'i32', value });
export const float = (value: number): Expression => ({ kind: 'const', type: 'f64', value });
function op(operation: Operation, ...args: Expression[]): Expression {
  return { kind: 'op', operation, args };
}
export const imul = (...args: Expression[]): Expression => op('imul', ...args);
export const sub = (...args: Expression[]): Expression => op('sub', ...args);
export const xor = (...args: Expression[]): Expression => op('xor', ...args);
export const or = (...args: Expression[]): Expression => op('or', ...args);
export const and = (...args: Expression[]): Expression => op('and', ...args);
export const shl = (value: Expression, bits: number): Expression => op('shl', value, int(bits));
export const shru = (value: Expression, bits: number): Expression => op('shru', value, int(bits));
export const rotl = (value: Expression, bits: number): Expression => op('rotl', value, int(bits));
export const unsigned = (...args: Expression[]): Expression => op('unsigned', ...args);
export const signed = (...args: Expression[]): Expression => op('signed', ...args);
export const add = (...args: Expression[]): Expression => op('add', ...args);
export const fsub = (...args: Expression[]): Expression => op('fsub', ...args);
export const floor = (...args: Expression[]): Expression => op('floor', ...args);
export const pow2 = (...args: Expression[]): Expression => op('pow2', ...args);
export const mul = (...args: Expression[]): Expression => op('mul', ...args);
export const signBy = (x: Expression, word: Expression, bit: number): Expression => op('signBy', x, word, int(bit));
export const ltu = (...args: Expression[]): Expression => op('ltu', ...args);
export const geu = (...args: Expression[]): Expression => op('geu', ...args);
export const gtu = (...args: Expression[]): Expression => op('gtu', ...args);
export const eq = (...args: Expression[]): Expression => op('eq', ...args);
export const lt = (...args: Expression[]): Expression => op('lt', ...args);
export const le = (...args: Expression[]): Expression => op('le', ...args);
export const gt = (...args: Expression[]): Expression => op('gt', ...args);
export const ge = (...args: Expression[]): Expression => op('ge', ...args);
export const either = (...args: Expression[]): Expression => op('either', ...args);
export const both = (...args: Expression[]): Expression => op('both', ...args);
export const table = (name: TableName, index: Expression): Expression => ({ kind: 'table', table: name, index });

/** The type an expression evaluates to, given the types of the registers and parameters. */
export function typeOf(expression: Expression, types: ReadonlyMap<string, ValueType>): ValueType {
  switch (expression.kind) {
    case 'ref': {
      const type = types.get(expression.name);
      if (type === undefined) throw new Error(`kernel source: ${expression.name} is used before it is defined`);
      return type;
    }
    case 'const':
      return expression.type;
    case 'table':
      return TABLE_TYPES[expression.table];
    case 'op':
      switch (expression.operation) {
        case 'imul':
        case 'sub':
        case 'xor':
        case 'or':
        case 'and':
        case 'shl':
        case 'shru':
        case 'rotl':
          return 'i32';
        case 'unsigned':
        case 'signed':
        case 'add':
        case 'fsub':
        case 'mul':
        case 'floor':
        case 'pow2':
        case 'signBy':
          return 'f64';
        default:
          return 'bool';
      }
  }
}

/** The types of every register a kernel defines (state words, drawn words, parameters, lets). */
export function registerTypes(kernel: KernelSource, stepTemporaries: readonly Statement[]): Map<string, ValueType> {
  const types = new Map<string, ValueType>();
  for (const name of ['s0', 's1', 's2', 's3']) types.set(name, 'i32');
  for (const parameter of kernel.params) types.set(parameter.name, parameter.type);
  for (const statement of stepTemporaries)
    if (statement.kind === 'let') types.set(statement.name, typeOf(statement.value, types));
  for (const name of kernel.words) types.set(name, 'i32');
  const visit = (statements: readonly Statement[]): void => {
    for (const statement of statements) {
      if (statement.kind === 'let' || statement.kind === 'draw') {
        const type = statement.kind === 'draw' ? 'i32' : typeOf(statement.value, types);
        const previous = types.get(statement.name);
        if (previous !== undefined && previous !== type)
          throw new Error(`kernel source: ${statement.name} changes type`);
        types.set(statement.name, type);
      } else if (statement.kind === 'when' || statement.kind === 'rare') {
        visit(statement.body);
      }
    }
  };
  visit(kernel.body);
  return types;
}
