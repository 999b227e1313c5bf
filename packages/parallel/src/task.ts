// The message the calling thread sends each worker, and the code both sides share to run it.
import type { DType, TypedArray } from '@init/core';
import type { OrthogonalizeTask } from '@init/linalg';
import type { Block } from './blocks.js';

/** One unit of work: fill some blocks of a shared output with one initializer. */
export interface FillTask {
  /** `JSON.stringify(serialize(initializer))`, with an unseeded initializer's per-call key filled in. */
  readonly config: string;
  /** Module URLs each worker imports once before rebuilding (user classes register there). */
  readonly setup: readonly string[];
  readonly dtype: DType;
  /** The output's memory: shared, so every worker writes its own range in place. */
  readonly buffer: SharedArrayBuffer;
  readonly byteOffset: number;
  readonly length: number;
  /** The shape that scales come from, and where the output sits in it. */
  readonly fullShape: readonly number[];
  readonly offset: readonly number[];
  readonly blocks: readonly Block[];
}

/** One member of a team that orthogonalizes a matrix together (Orthogonal's QR on several threads). */
export interface MemberTask {
  readonly kind: 'orthogonalize-member';
  readonly task: OrthogonalizeTask;
  readonly member: number;
}

type TypedArrayConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => TypedArray;

/** The typed array class that stores each dtype (worker.js has the same table). */
export function arrayClassOf(dtype: DType): TypedArrayConstructor {
  switch (dtype) {
    case 'float32':
      return Float32Array;
    case 'float64':
      return Float64Array;
    case 'float16':
    case 'bfloat16':
      return Uint16Array;
    case 'int32':
      return Int32Array;
    case 'uint8':
    case 'bool':
      return Uint8Array;
  }
}
