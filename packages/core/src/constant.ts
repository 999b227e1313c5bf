import {
  InitRangeError,
  InitTypeError,
  argumentMessage,
  describeValue,
  outputKind,
  booleanValue,
  readOptions,
} from '@init/random';
import { assertDType, type DType, type TypedArray } from './dtype.js';
import { Initializer, type FillRequest } from './initializer.js';
import { forEachRun } from './partition.js';
import { encodeValue } from './values.js';

/** A scalar, a (nested, rectangular) array of scalars, or a typed array read as a flat list. */
export type ConstantValue =
  | number
  | boolean
  | readonly ConstantValue[]
  | Float32Array
  | Float64Array
  | Int32Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint32Array;

/** A JSON-safe nested array of scalars: the form a Constant's value takes in its config. */
export type ConstantConfigValue = number | boolean | readonly ConstantConfigValue[];

/** Options of {@link Constant}. */
export interface ConstantOptions {
  /** The values, in row-major order; a short list is continued with its last element. Default `0`. */
  readonly value?: ConstantValue;
  /** The default dtype of the tensors it makes. Default `'float32'`. */
  readonly dtype?: DType;
  /** Demand that `value`'s shape equals the requested (full) shape exactly. Default `false`. */
  readonly verifyShape?: boolean;
}

/**
 * Makes tensors from given values, with TF1's rules: a scalar fills the whole tensor; a list
 * (nested arrays or a typed array, read in row-major order) fills it element by element, and a list
 * shorter than the tensor is continued with its last element; a longer list is an error. With
 * `verifyShape`, the value's shape must equal the requested shape.
 *
 * With `partitionInfo`, each shard receives exactly its slice of the full tensor (TF1 gave every
 * shard the start of the list instead).
 *
 * @example The Laplacian kernel
 * ```ts
 * new Constant({ value: [1, 1, 1, 1, -8, 1, 1, 1, 1] }).apply([3, 3]).data;
 * // Float32Array [1, 1, 1, 1, -8, 1, 1, 1, 1]
 * new Constant({ value: [0, 1, 2, 3, 4, 5, 6, 7] }).apply([3, 4]).data;
 * // Float32Array [0, 1, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7]
 * ```
 */
export class Constant extends Initializer {
  static override readonly className: string = 'Constant';
  readonly dtype: DType;
  readonly verifyShape: boolean;
  /** The shape of `value`: `[]` for a scalar, `[n]` for a flat list or typed array. */
  readonly valueShape: readonly number[];
  private readonly values: readonly (number | boolean)[];
  private readonly configValue: ConstantConfigValue;

  /**
   * @throws InitTypeError for an unknown dtype, a value that is not a number, boolean or a
   *   rectangular array of them, or a non-boolean verifyShape;
   *   InitRangeError for a value that the dtype cannot represent.
   */
  constructor(options?: ConstantOptions) {
    super();
    const where = this.where;
    const read = readOptions(where, options, ['value', 'dtype', 'verifyShape']);
    this.dtype = assertDType(where, read.dtype === undefined ? 'float32' : read.dtype);
    this.verifyShape = booleanValue(where, 'verifyShape', read.verifyShape, false);
    const { values, shape, configValue } = readValue(read.value === undefined ? 0 : read.value);
    this.values = values;
    this.valueShape = shape;
    this.configValue = configValue;
    // Fail at construction, where the mistake was written, if the default dtype cannot hold a value.
    for (const [index, value] of values.entries()) encodeValue(where, `value[${index}]`, value, this.dtype);
  }

  getConfig(): { value: ConstantConfigValue; dtype: DType; verifyShape: boolean } {
    return { value: this.configValue, dtype: this.dtype, verifyShape: this.verifyShape };
  }

  protected generate(out: TypedArray, request: FillRequest): void {
    const { fullShape } = request;
    let fullSize = 1;
    for (const dim of fullShape) fullSize *= dim;
    const count = this.values.length;
    if (this.verifyShape && !sameShape(this.valueShape, fullShape)) {
      throw new InitTypeError(
        `Constant: value must have the shape [${fullShape.join(', ')}] when verifyShape is true. ` +
          `Received: shape [${this.valueShape.join(', ')}].`,
        'ERR_INIT_INVALID_SHAPE',
      );
    }
    // A scalar fills any shape, an empty one too (TF's constant(0, shape=[0]) is empty); a list
    // may not hold more elements than the shape.
    if (count > fullSize && this.valueShape.length > 0) {
      throw new InitRangeError(
        `Constant: value must have at most ${fullSize} elements to fill shape [${fullShape.join(', ')}]. ` +
          `Received: ${count} elements.`,
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    if (request.size === 0) return;
    if (count === 0) {
      throw new InitRangeError(
        `Constant: value must have at least one element to fill shape [${fullShape.join(', ')}]. Received: [].`,
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    const stored = this.values.map((value, index) => encodeValue('Constant', `value[${index}]`, value, request.dtype));
    const last = stored[count - 1] as number;
    forEachRun(request.shape, request.partition, (localStart, fullStart, length) => {
      // Elements before the end of the list copy it; the rest repeat its last element.
      const listed = Math.max(0, Math.min(length, count - fullStart));
      for (let k = 0; k < listed; k++) out[localStart + k] = stored[fullStart + k] as number;
      out.fill(last, localStart + listed, localStart + length);
    });
  }
}

/**
 * The deepest nesting a Constant value may have. The registry reads configs nested this deep plus
 * the two levels of `{ config: { value } }`, so every Constant's config round-trips.
 */
export const MAX_VALUE_RANK = 32;

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, axis) => dim === b[axis]);
}

interface ReadValue {
  values: (number | boolean)[];
  shape: number[];
  configValue: ConstantConfigValue;
}

/** Flattens a Constant value in row-major order, checking that nested arrays are rectangular. */
function readValue(value: unknown): ReadValue {
  if (typeof value === 'number' || typeof value === 'boolean') {
    return { values: [value], shape: [], configValue: value };
  }
  const kind = outputKind('Constant', 'value', value);
  if (kind !== undefined) {
    if (kind === 'BigInt64Array' || kind === 'BigUint64Array') {
      throw new InitTypeError(
        argumentMessage('Constant', 'value', 'hold numbers, not bigints', value),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    const values = Array.from(value as unknown as ArrayLike<number>);
    return { values, shape: [values.length], configValue: Object.freeze([...values]) };
  }
  if (!Array.isArray(value)) {
    throw new InitTypeError(
      argumentMessage(
        'Constant',
        'value',
        'be a number, a boolean, an array of them (nested arrays allowed) or a typed array',
        value,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  // Copy first, reading each length and element once (a getter or Proxy cannot change what was
  // checked), then check the copy.
  const shape: number[] = [];
  const copy = snapshot(value, 0, shape);
  const values: (number | boolean)[] = [];
  const configValue = walk(copy, 0, shape, values);
  return { values, shape, configValue };
}

/**
 * Copies nested arrays depth first. The first path down (index 0 at every level) meets each depth
 * first and fixes the shape, so the rank bound also stops a cyclic array (a = [a, a]) before any
 * sibling is visited; a later array of another length is refused on the spot.
 */
function snapshot(node: unknown, depth: number, shape: number[]): unknown {
  if (!Array.isArray(node)) return node;
  if (depth === MAX_VALUE_RANK) {
    throw new InitTypeError(
      `Constant: value must be nested at most ${MAX_VALUE_RANK} levels deep.`,
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const length = node.length;
  if (shape.length === depth) shape.push(length);
  else if (shape[depth] !== length) {
    throw new InitTypeError(
      `Constant: value must be a rectangular nested array, with ${shape[depth] ?? 0} elements at depth ${depth} as its first row has. ` +
        `Received: an array of length ${length}.`,
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const copy: unknown[] = [];
  for (let index = 0; index < length; index++) copy.push(snapshot(node[index], depth + 1, shape));
  return copy;
}

function walk(
  node: unknown,
  depth: number,
  shape: readonly number[],
  values: (number | boolean)[],
): ConstantConfigValue {
  if (depth === shape.length) {
    if (typeof node === 'number' || typeof node === 'boolean') {
      values.push(node);
      return node;
    }
    throw new InitTypeError(
      `Constant: value must be a rectangular nested array of numbers or booleans, but at depth ${depth} it holds ${describeValue(node)}.`,
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (!Array.isArray(node) || node.length !== shape[depth]) {
    throw new InitTypeError(
      `Constant: value must be a rectangular nested array, with ${shape[depth]} elements at depth ${depth} as its first row has. ` +
        `Received: ${describeValue(node)}.`,
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  const children: ConstantConfigValue[] = [];
  for (let index = 0; index < node.length; index++) children.push(walk(node[index], depth + 1, shape, values));
  return Object.freeze(children);
}
