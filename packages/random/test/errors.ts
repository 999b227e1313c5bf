// Test-only helper (not exported from the package), shared by the tests of @init/random and of the
// packages above it: a table of bad calls, each with the error class and the message it must throw.
import { expect } from 'vitest';

/** An error class as `toThrow` takes it. */
type ErrorClass = new (...args: never[]) => Error;

/**
 * Asserts that `call` throws an instance of `type` whose message contains `message` (or matches it).
 * Shaped for `test.each([[call, type, message], …])('%#', expectThrows)`.
 */
export function expectThrows(call: () => unknown, type: ErrorClass, message: string | RegExp): void {
  expect(call).toThrow(type);
  expect(call).toThrow(message);
}

/** What `call` throws, or undefined when it returns: for checks of an error's class, code and message together. */
export function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}
