import type { DType, TypedArray } from '@init/core';

/** A typed array class that views a range of a (shared) buffer. */
export type TypedArrayConstructor = {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): TypedArray;
  readonly BYTES_PER_ELEMENT: number;
};

/** The typed array class that stores a dtype's values (see array-class.js). */
export declare function arrayClassOf(dtype: DType): TypedArrayConstructor;
