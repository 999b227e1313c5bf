// Regression tests for what the fuzz suite's get entry (tooling/fuzz, test/presets-get.fuzz.test.ts)
// found in get: errors about a serialized identifier named core's deserialize, which the caller
// never called, and "the serialized initializer" instead of get's own argument, identifier.
import { describe, expect, test } from 'vitest';
import { InitTypeError } from '@init/core';
import { get } from './index.js';

describe('fuzz findings in get', () => {
  test.each([
    [{ class_name: 5, config: {} }, /^get: identifier\.className must be a string\. Received: 5\.$/],
    [
      { className: 'Zeros', config: { dtype: () => 1 } },
      /^get: identifier\.config\.dtype must be a JSON value\. Received: a function\.$/,
    ],
    [{ config: {} }, /^get: identifier\.className must be a string\. Received: undefined\.$/],
    [
      { className: 'Zeros', class_name: 'Ones' },
      /^get: identifier\.className must be given once \(className or Keras's class_name, not both\)\./,
    ],
    [
      { className: 'Zeros', config: {}, extra: 1 },
      /^get: identifier must have only className and config\. Received: the key "extra"\.$/,
    ],
    [
      JSON.parse('{"className": "Zeros", "config": {"__proto__": {}}}'),
      /^get: identifier\.config must not have the key "__proto__"\.$/,
    ],
    [new Map(), /^get: identifier must be a plain object\. Received: an object of type Map\.$/],
  ])('get(%o) is an error of get naming identifier', (identifier, message) => {
    expect(() => get(identifier as never)).toThrow(InitTypeError);
    expect(() => get(identifier as never)).toThrow(message);
  });

  test('a getter in a config is named as get reads it, and errors of a class still name the class', () => {
    const config = Object.defineProperty({}, 'seed', { get: () => 1, enumerable: true });
    expect(() => get({ className: 'HeNormal', config })).toThrow(
      /^get: identifier\.config\.seed must be a data property, not a getter or setter\.$/,
    );
    expect(() => get({ className: 'Constant', config: { value: 1, bogus: 2 } })).toThrow(
      /^Constant: config key "bogus"/,
    );
  });
});
