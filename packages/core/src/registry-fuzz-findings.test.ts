// Regression tests for what the fuzz suite's deserialize entry (tooling/fuzz,
// test/core-deserialize.fuzz.test.ts) found in core's deserialize.
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { Constant, deserialize, InitTypeError, RandomNormal, serialize } from './index.js';

class Scaled extends RandomNormal {
  static override readonly className = 'Scaled';
}

describe('fuzz findings in deserialize', () => {
  test('a config parsed in another realm (an iframe, a vm context) is read like any other', () => {
    const text = JSON.stringify(
      serialize(
        new Constant({
          value: [
            [1, 2],
            [3, 4],
          ],
          verifyShape: true,
        }),
      ),
    );
    const foreign = runInNewContext(`(${text})`) as unknown;
    const initializer = deserialize(foreign);
    expect(initializer.getConfig()).toEqual(deserialize(JSON.parse(text)).getConfig());
    expect(Array.from(initializer.apply([2, 2]).data)).toEqual([1, 2, 3, 4]);
    const keras = runInNewContext(
      "({ class_name: 'RandomNormal', config: { mean: 0, stddev: 0.05, seed: 1 } })",
    ) as unknown;
    expect(deserialize(keras).getConfig()).toMatchObject({ stddev: 0.05, seed: 1 });
  });

  test('names rows are checked: a row that is not { cls: an Initializer class, … } is our error naming it, not a raw TypeError', () => {
    const unknown = { className: 'Scaled', config: {} };
    for (const [names, argument] of [
      [[null], 'names[0]'],
      [[1], 'names[0]'],
      [[{}], 'names[0].cls'],
      [[{ cls: 1 }], 'names[0].cls'],
      [[{ cls: class NotOurs {} }], 'names[0].cls'],
      [[{ cls: Scaled, keras: 'scaled' }], 'names[0].keras'],
      [[{ cls: Scaled, tfjsClass: 3 }], 'names[0].tfjsClass'],
    ] as const) {
      expect(() => deserialize(unknown, { names: names as never })).toThrow(InitTypeError);
      expect(() => deserialize(unknown, { names: names as never })).toThrow(
        new RegExp(`^deserialize: ${argument.replace(/[.[\]]/g, '\\$&')} must `),
      );
    }
    // A valid row still makes its class known for the call.
    expect(deserialize(unknown, { names: [{ cls: Scaled, keras: ['scaled'] }] })).toBeInstanceOf(Scaled);
  });

  test('className and class_name together are refused, not read as whichever comes first', () => {
    expect(() => deserialize({ className: 'Zeros', class_name: 'Ones', config: {} })).toThrow(
      /^deserialize: className must be given once \(className or Keras's class_name, not both\)\. Received: className "Zeros" and class_name "Ones"\.$/,
    );
    expect(() => deserialize({ class_name: 'Zeros', className: 'Zeros' })).toThrow(InitTypeError);
  });

  test("one option given in both spellings (verify_shape and verifyShape) is refused, not silently the last one's", () => {
    expect(() =>
      deserialize({ className: 'Constant', config: { value: 1, verify_shape: true, verifyShape: false } }),
    ).toThrow(
      /^Constant: config key "verifyShape" must not be given with "verify_shape" \(both are the option verifyShape\)\.$/,
    );
    expect(() =>
      deserialize({ class_name: 'RandomUniform', config: { minval: 0, maxval: 1, max_val: 2 } }),
    ).not.toThrow(/both are/);
  });
});
