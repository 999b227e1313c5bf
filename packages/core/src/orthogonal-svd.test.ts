// Orthogonal's method 'svd' is opt-in (`enableSvd` from '@init/core/svd'), so that the default
// method carries no ml-matrix: before enableSvd() an 'svd' Orthogonal constructs and serializes but
// refuses to make values, with an InitTypeError that says what to import and call; afterwards its
// values are the golden ones. This file must not enable the SVD before its first test.
import { isSvdEnabled, orthogonalize } from '@init/linalg';
import { describe, expect, test } from 'vitest';
import golden from './__fixtures__/golden.json' with { type: 'json' };
import { DeltaOrthogonal, deserialize, InitTypeError, isInitError, Orthogonal, serialize } from './index.js';
import { thrownBy } from '../../random/test/errors.js';
import { enableSvd } from './svd-index.js';

const MESSAGE =
  "Orthogonal: method 'svd' must be enabled first: import { enableSvd } from '@init/core/svd' and call enableSvd() once. Received: \"svd\".";

describe("Orthogonal's method 'svd' before enableSvd()", () => {
  test('the SVD starts disabled', () => {
    expect(isSvdEnabled()).toBe(false);
  });

  test.each([
    ['apply', (init: Orthogonal) => init.apply([3, 4])],
    ['apply float64', (init: Orthogonal) => init.apply([4, 3], 'float64')],
    ['apply of a slice', (init: Orthogonal) => init.apply([1, 4], 'float32', { fullShape: [3, 4], varOffset: [1, 0] })],
    ['fill', (init: Orthogonal) => init.fill(new Float32Array(12), [3, 4])],
    ['apply of an empty shape', (init: Orthogonal) => init.apply([0, 4])],
  ])('%s throws an InitTypeError naming the class, the option and the import', (_, call) => {
    const init = new Orthogonal({ method: 'svd', seed: 42 });
    const thrown = thrownBy(() => call(init));
    expect(thrown).toBeInstanceOf(InitTypeError);
    expect(isInitError(thrown)).toBe(true);
    expect((thrown as InitTypeError).code).toBe('ERR_INIT_INVALID_ARGUMENT');
    expect((thrown as Error).message).toBe(MESSAGE);
  });

  test('constructing, getConfig and a serialize round trip need no SVD', () => {
    const init = new Orthogonal({ method: 'svd', gain: 2, seed: 3 });
    expect(init.getConfig()).toEqual({ gain: 2, method: 'svd', seed: 3, dtype: 'float32' });
    const again = deserialize(serialize(init)) as Orthogonal;
    expect(again.method).toBe('svd');
    expect(() => again.apply([2, 2])).toThrow(MESSAGE);
  });

  test("randomMatrix needs no SVD (it says method 'svd'; orthogonalizing it is the caller's part)", () => {
    const { matrix, rows, cols, method } = new Orthogonal({ method: 'svd', seed: 42 }).randomMatrix([3, 4]);
    expect([matrix.length, rows, cols, method]).toEqual([12, 3, 4, 'svd']);
    expect(() => orthogonalize(matrix, rows, cols, { method })).toThrow(
      /^orthogonalize: method 'svd' must be enabled first: import \{ enableSvd \} from '@init\/linalg\/svd'/,
    );
  });

  test("method 'qr' (the default) and the other orthogonal classes work without it", () => {
    expect(new Orthogonal({ seed: 42 }).apply([3, 4]).data).toHaveLength(12);
    expect(new Orthogonal({ method: 'qr', seed: 42 }).apply([4, 3]).data).toHaveLength(12);
    expect(new DeltaOrthogonal({ seed: 1 }).apply([3, 3, 4, 4]).data).toHaveLength(144);
    expect(isSvdEnabled()).toBe(false);
  });
});

describe("Orthogonal's method 'svd' after enableSvd()", () => {
  test('gives the golden values (twice enabled is once enabled)', () => {
    enableSvd();
    enableSvd();
    expect(isSvdEnabled()).toBe(true);
    const recorded = golden as Record<string, number[]>;
    const values = Array.from(new Orthogonal({ method: 'svd', seed: 42 }).apply([3, 4], 'float64').data);
    expect(values).toEqual(recorded['Orthogonal svd [3,4] float64']);
  });
});
