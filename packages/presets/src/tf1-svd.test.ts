// TF1's orthogonal_initializer defaults to TF1's SVD algorithm, which @init/core keeps opt-in
// (`enableSvd` from '@init/core/svd'): the class opts in itself when its method is 'svd', so TF1
// code needs no extra call. This file must not enable the SVD any other way.
import { deserialize, InitTypeError, Orthogonal, serialize } from '@init/core';
import { describe, expect, test } from 'vitest';
import { get } from './get.js';
import { orthogonal_initializer } from './tf1.js';

describe("orthogonal_initializer enables TF1's SVD itself", () => {
  test("before: a plain Orthogonal with method 'svd' refuses; orthogonal_initializer({ method: 'qr' }) does not enable it", () => {
    const plain = new Orthogonal({ method: 'svd', seed: 4 });
    expect(() => plain.apply([5, 3])).toThrow(InitTypeError);
    expect(() => plain.apply([5, 3])).toThrow(/import \{ enableSvd \} from '@init\/core\/svd'/);
    // get() of TF1's name gives that Orthogonal too, and does not enable the SVD (get's bundle has no ml-matrix).
    const fromGet = get('orthogonal_initializer', { dialect: 'tf1' }) as Orthogonal;
    expect(fromGet.method).toBe('svd');
    expect(() => fromGet.apply([5, 3])).toThrow(InitTypeError);
    const qr = new orthogonal_initializer({ method: 'qr', seed: 4 });
    expect(qr.apply([5, 3]).data).toEqual(new Orthogonal({ seed: 4 }).apply([5, 3]).data);
    expect(() => plain.apply([5, 3])).toThrow(InitTypeError);
  });

  test('after constructing it with the default method: it applies, and so do plain and deserialized svd Orthogonals', () => {
    const tf1 = new orthogonal_initializer({ seed: 4 });
    expect(tf1.method).toBe('svd');
    const values = tf1.apply([5, 3]).data;
    expect(values).toEqual(new Orthogonal({ method: 'svd', seed: 4 }).apply([5, 3]).data);
    expect((deserialize(serialize(tf1)) as Orthogonal).apply([5, 3]).data).toEqual(values);
  });
});
