import { describe, expect, test, vi } from 'vitest';
import { InitRangeError, InitTypeError, isInitError } from './index.js';

describe('errors', () => {
  test('are TypeError/RangeError subclasses with a stable code', () => {
    const error = new InitRangeError('X: y must hold. Received: 1.', 'ERR_INIT_INVALID_ARGUMENT');
    expect(error).toBeInstanceOf(RangeError);
    expect(error.code).toBe('ERR_INIT_INVALID_ARGUMENT');
    expect(error.name).toBe('InitRangeError');
    expect(new InitTypeError('m', 'ERR_INIT_INVALID_DTYPE')).toBeInstanceOf(TypeError);
  });

  test('isInstance recognizes errors from a second copy of the package', async () => {
    // A fresh module registry evaluates @init/random again: its classes are new objects, as they
    // would be in an application that installed two versions.
    vi.resetModules();
    const secondCopy = await import('@init/random');
    expect(secondCopy.InitRangeError).not.toBe(InitRangeError);
    const foreign = new secondCopy.InitRangeError('m', 'ERR_INIT_INVALID_SHAPE');
    expect(foreign instanceof InitRangeError).toBe(false);
    expect(InitRangeError.isInstance(foreign)).toBe(true);
    expect(isInitError(foreign)).toBe(true);
    expect(InitTypeError.isInstance(foreign)).toBe(false);
  });

  test('isInstance refuses look-alikes', () => {
    expect(InitRangeError.isInstance(new RangeError('plain'))).toBe(false);
    expect(isInitError({ code: 'ERR_INIT_INVALID_SHAPE', name: 'InitRangeError' })).toBe(false);
    expect(isInitError(null)).toBe(false);
  });
});
