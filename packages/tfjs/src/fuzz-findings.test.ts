// Regression tests for what the cross-package fuzz suite (tooling/fuzz) found in @init/tfjs:
// installTfjs's options now go through the shared rules of the other packages.
import { describe, expect, test } from 'vitest';
import { installTfjs, uninstallTfjs } from './index.js';

describe('fuzz findings in @init/tfjs', () => {
  test('installTfjs: a misspelt key, null engine or non-plain options are errors, not the default', () => {
    try {
      expect(() => installTfjs({ engin: 'counter' } as never)).toThrow(
        /^installTfjs: engin must be a known option \(did you mean engine\?\)/,
      );
      expect(() => installTfjs({ engine: null } as never)).toThrow(
        /^installTfjs: engine must be one of 'tfjs', 'counter'/,
      );
      for (const options of [null, ['tfjs'], new Date(0)]) {
        expect(() => installTfjs(options as never)).toThrow(/^installTfjs: options must be a plain object/);
      }
    } finally {
      uninstallTfjs();
    }
  });
});
