// Regression tests for what the cross-package fuzz suite (tooling/fuzz) found in @init/linalg.
import { describe, expect, test } from 'vitest';
import { orthogonalize } from './index.js';

describe('fuzz findings in @init/linalg', () => {
  test('an unknown option key that is not an identifier is quoted, as @init/random quotes it', () => {
    expect(() => orthogonalize([1], 1, 1, { ' ': null } as never)).toThrow(
      'orthogonalize: options[" "] must be a known option; orthogonalize takes method. Received: null.',
    );
    expect(() => orthogonalize([1], 1, 1, { methd: 'qr' } as never)).toThrow(
      /^orthogonalize: methd must be a known option/,
    );
  });
});
