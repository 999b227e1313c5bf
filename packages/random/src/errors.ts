/**
 * The error classes every @init package throws for bad arguments.
 *
 * They live in @init/random because it is the lowest package that validates user input; @init/core
 * re-exports them, so a framework that depends on core alone catches them from there.
 *
 * Independent releases mean two installed copies of these classes can meet in one application, so
 * `instanceof` is not enough: each error carries a marker under a global symbol, and the static
 * `isInstance` checks that marker (the approach of vercel/ai's `AISDKError.hasMarker`).
 */

import { argumentMessage as message, describeValue as describe } from '@init/internal';

const marker = Symbol.for('@init/error');

/**
 * Stable, machine-readable reasons for an error. A code never changes meaning within a major
 * version; messages may be reworded.
 */
export type InitErrorCode =
  /** A number or option outside what the argument allows. */
  | 'ERR_INIT_INVALID_ARGUMENT'
  /** A shape with a negative, fractional, unsafe or non-finite dimension, or the wrong rank. */
  | 'ERR_INIT_INVALID_SHAPE'
  /** An unknown dtype, or a dtype the operation does not support. */
  | 'ERR_INIT_INVALID_DTYPE'
  /** An element count or buffer larger than a typed array can hold. */
  | 'ERR_INIT_SIZE_LIMIT'
  /** A partition slice that does not fit inside its full shape, or a slice an engine cannot make. */
  | 'ERR_INIT_INVALID_PARTITION'
  /** A name that no registry, table or engine knows. */
  | 'ERR_INIT_UNKNOWN_IDENTIFIER'
  /** A configuration object that is malformed or hostile. */
  | 'ERR_INIT_INVALID_CONFIG';

function hasMarker(error: unknown): error is { readonly code: InitErrorCode } {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
}

/** A wrong type or kind of argument: an unknown name, a dtype that does not fit, a malformed config. */
export class InitTypeError extends TypeError {
  readonly code: InitErrorCode;

  constructor(message: string, code: InitErrorCode) {
    super(message);
    this.name = 'InitTypeError';
    this.code = code;
    Object.defineProperty(this, marker, { value: true });
  }

  /** True for an InitTypeError from any installed copy of @init/random or @init/core. */
  static isInstance(error: unknown): error is InitTypeError {
    return hasMarker(error) && error instanceof TypeError && error.name === 'InitTypeError';
  }
}

/** An argument of the right type but outside its allowed range: a negative dim, low ≥ high. */
export class InitRangeError extends RangeError {
  readonly code: InitErrorCode;

  constructor(message: string, code: InitErrorCode) {
    super(message);
    this.name = 'InitRangeError';
    this.code = code;
    Object.defineProperty(this, marker, { value: true });
  }

  /** True for an InitRangeError from any installed copy of @init/random or @init/core. */
  static isInstance(error: unknown): error is InitRangeError {
    return hasMarker(error) && error instanceof RangeError && error.name === 'InitRangeError';
  }
}

/** True for either error class, from any installed copy. */
export function isInitError(error: unknown): error is InitTypeError | InitRangeError {
  return InitTypeError.isInstance(error) || InitRangeError.isInstance(error);
}

/**
 * Formats a received value for an error message: `-1`, `NaN`, `"fan_sideways"`, `[2, -3]`,
 * `18446744073709551616n`, `an object of class Foo`. Never calls user code (no toString, no getters).
 * (Defined once for @init/random and @init/linalg in the private @init/internal.)
 */
export function describeValue(value: unknown): string {
  return describe(value);
}

/**
 * Builds the project's message form, `<where>: <argument> must <requirement>. Received: <value>.`,
 * as in `VarianceScaling: scale must be a positive finite number. Received: -1.`
 */
export function argumentMessage(where: string, argument: string, requirement: string, received: unknown): string {
  return message(where, argument, requirement, received);
}
