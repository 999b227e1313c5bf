// One wording across the packages: @init/linalg may not depend on @init/random, so it keeps its own
// copy of the message helpers, and this test holds the copies to the same text, value for value.
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { describeValue } from '@init/random';
import { describeValue as linalgDescribeValue } from '../../../packages/linalg/src/arguments.js';
import { argumentMessage as linalgArgumentMessage } from '../../../packages/linalg/src/arguments.js';
import { argumentMessage } from '@init/random';

const values: unknown[] = [
  0,
  -0,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -1e300,
  12n,
  '',
  'fan_sideways',
  'x'.repeat(100),
  true,
  undefined,
  null,
  Symbol('s'),
  () => 1,
  [],
  [1, 'a', null, [2]],
  Array.from({ length: 20 }, (_, index) => index),
  new Float32Array(3),
  new Int32Array(2),
  new Uint8Array(1),
  new Float64Array(new SharedArrayBuffer(16)),
  runInNewContext('new Float64Array(2)'),
  {},
  Object.create(null),
  runInNewContext('({})'),
  new Date(0),
  new Map(),
  new (class Custom {})(),
];

describe('@init/linalg words its messages as @init/random does', () => {
  test.each(values.map((value, index) => [index, value]))('describeValue #%i', (_index, value) => {
    expect(linalgDescribeValue(value)).toBe(describeValue(value));
  });

  test('argumentMessage', () => {
    expect(linalgArgumentMessage('qr', 'rows', 'be a non-negative safe integer', -1)).toBe(
      argumentMessage('qr', 'rows', 'be a non-negative safe integer', -1),
    );
  });

  test('options and detached buffers read the same in both', async () => {
    const { orthogonalize } = await import('@init/linalg');
    const { fillUniform, keyFromSeed } = await import('@init/random');
    const message = (call: () => unknown): string => {
      try {
        call();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    const linalg = message(() => orthogonalize([1], 1, 1, null as never));
    const random = message(() => fillUniform(new Float32Array(1), keyFromSeed(1), null as never));
    expect(linalg.replace(/^orthogonalize: |\{ method: … \}/g, '')).toBe(
      random.replace(/^fillUniform: |\{ low: … \}/g, ''),
    );
    const buffer = new ArrayBuffer(8);
    const detached = new Float64Array(buffer);
    structuredClone(buffer, { transfer: [buffer] });
    expect(message(() => orthogonalize(detached, 1, 1)).replace(/^orthogonalize: a /, '')).toBe(
      message(() => fillUniform(detached, keyFromSeed(1))).replace(/^fillUniform: out /, ''),
    );
  });
});
