import { orthogonalize } from '@init/linalg';
import { beforeAll, describe, expect, test } from 'vitest';
import { Identity, InitRangeError, InitTypeError, Orthogonal } from './index.js';
import { sliceOf, valuesOf, expectShardsAreSlices } from '../test/support.js';
import { enableSvd } from './svd-index.js';

// Method 'svd' is opt-in; orthogonal-svd.test.ts covers Orthogonal before enableSvd().
beforeAll(() => enableSvd());

/** max |AᵀA − gain²·I| over the smaller Gram matrix (columns if rows ≥ cols, rows otherwise). */
function orthogonalityResidual(values: readonly number[], rows: number, cols: number, gain: number): number {
  const tall = rows >= cols;
  const k = tall ? cols : rows;
  const n = tall ? rows : cols;
  const at = (i: number, j: number): number =>
    tall ? (values[j * cols + i] as number) : (values[i * cols + j] as number);
  let worst = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let dot = 0;
      for (let t = 0; t < n; t++) dot += at(a, t) * at(b, t);
      worst = Math.max(worst, Math.abs(dot - (a === b ? gain * gain : 0)));
    }
  }
  return worst;
}

describe('Orthogonal', () => {
  test.each([
    { shape: [16, 16], method: 'qr' },
    { shape: [40, 12], method: 'qr' },
    { shape: [12, 40], method: 'qr' },
    { shape: [3, 3, 8, 16], method: 'qr' },
    { shape: [2, 2, 4, 64], method: 'qr' },
    { shape: [16, 16], method: 'svd' },
    { shape: [40, 12], method: 'svd' },
    { shape: [12, 40], method: 'svd' },
    { shape: [3, 3, 8, 16], method: 'svd' },
  ] as const)('$shape with method $method is orthogonal (float64 residual ≤ 1e-12)', ({ shape, method }) => {
    const cols = shape[shape.length - 1] as number;
    const rows = shape.reduce((a, b) => a * b, 1) / cols;
    const gain = 1.5;
    const values = valuesOf(new Orthogonal({ gain, method, seed: 5 }).apply(shape, 'float64'));
    expect(orthogonalityResidual(values, rows, cols, gain)).toBeLessThanOrEqual(1e-12);
  });

  test('float32, float16 and bfloat16 are orthogonal to their precision', () => {
    const tolerances = { float32: 1e-5, float16: 2e-2, bfloat16: 1e-1 } as const;
    for (const [dtype, tolerance] of Object.entries(tolerances)) {
      const values = valuesOf(new Orthogonal({ seed: 6 }).apply([24, 24], dtype as 'float32'));
      expect(orthogonalityResidual(values, 24, 24, 1)).toBeLessThanOrEqual(tolerance);
    }
  });

  test('the qr method is Haar-distributed: E[Q₀₀²] = 1/n over many seeds', () => {
    // For a Haar matrix of size n, Q₀₀² ~ Beta(1/2, (n−1)/2): mean 1/n, variance 2(n−1)/(n²(n+2)).
    const n = 8;
    const draws = 2000;
    let sum = 0;
    let traceSum = 0;
    for (let seed = 0; seed < draws; seed++) {
      const q = valuesOf(new Orthogonal({ seed }).apply([n, n], 'float64'));
      sum += (q[0] as number) ** 2;
      for (let i = 0; i < n; i++) traceSum += q[i * n + i] as number;
    }
    const standardError = Math.sqrt((2 * (n - 1)) / (n * n * (n + 2)) / draws);
    // 5 standard errors: false-alarm rate ≈ 5.7e-7. E[tr Q] = 0 with Var[tr Q] = 1 for Haar O(n).
    expect(Math.abs(sum / draws - 1 / n)).toBeLessThanOrEqual(5 * standardError);
    expect(Math.abs(traceSum / draws)).toBeLessThanOrEqual(5 / Math.sqrt(draws));
  });

  test('a shard is the slice of the full matrix, for rows and columns', () => {
    const init = new Orthogonal({ seed: 9 });
    const full = init.apply([10, 6]);
    const rows = init.apply([4, 6], undefined, { fullShape: [10, 6], varOffset: [3, 0] });
    const cols = init.apply([10, 2], undefined, { fullShape: [10, 6], varOffset: [0, 4] });
    expect(Array.from(rows.data)).toEqual(sliceOf(full.data, [10, 6], [3, 0], [4, 6]));
    expect(Array.from(cols.data)).toEqual(sliceOf(full.data, [10, 6], [0, 4], [10, 2]));
  });

  describe('columnAxis (JAX)', () => {
    /**
     * JAX's construction, written with explicit index arithmetic: the matrix is
     * [∏ other dims, shape[c]], reshaped to (other dims..., shape[c]) and the last axis moved to c.
     * Reads element (multi-index) of the tensor from the matrix q.
     */
    function jaxLayout(q: ArrayLike<number>, shape: number[], c: number): number[] {
      const rank = shape.length;
      const axis = c < 0 ? c + rank : c;
      const cols = shape[axis] as number;
      const size = shape.reduce((a, b) => a * b, 1);
      const result: number[] = [];
      for (let flat = 0; flat < size; flat++) {
        const index: number[] = [];
        let rest = flat;
        for (let d = rank - 1; d >= 0; d--) {
          index[d] = rest % (shape[d] as number);
          rest = Math.floor(rest / (shape[d] as number));
        }
        let row = 0;
        for (let d = 0; d < rank; d++) if (d !== axis) row = row * (shape[d] as number) + (index[d] as number);
        result.push(q[row * cols + (index[axis] as number)] as number);
      }
      return result;
    }

    test.each([
      { shape: [16, 3, 3, 8], columnAxis: 0 },
      { shape: [16, 3, 3, 8], columnAxis: -4 },
      { shape: [4, 6, 5], columnAxis: 1 },
      { shape: [5, 40], columnAxis: 0 },
      { shape: [7, 2, 3], columnAxis: 2 },
    ])('$shape with columnAxis $columnAxis: the moved matrix, orthogonal along that axis', ({ shape, columnAxis }) => {
      const rank = shape.length;
      const axis = columnAxis < 0 ? columnAxis + rank : columnAxis;
      const cols = shape[axis] as number;
      const rows = shape.reduce((a, b) => a * b, 1) / cols;
      const moved = valuesOf(new Orthogonal({ gain: 2, columnAxis, seed: 21 }).apply(shape, 'float64'));
      // The matrix itself: the same seed on [rows, cols] with the default (last) column axis.
      const q = valuesOf(new Orthogonal({ gain: 2, seed: 21 }).apply([rows, cols], 'float64'));
      expect(moved).toEqual(jaxLayout(q, shape, columnAxis));
      expect(orthogonalityResidual(q, rows, cols, 2)).toBeLessThanOrEqual(1e-12);
    });

    test('the default is the last axis, value for value', () => {
      const init = new Orthogonal({ seed: 4 });
      expect(new Orthogonal({ seed: 4, columnAxis: 2 }).apply([3, 4, 5]).data).toEqual(init.apply([3, 4, 5]).data);
      expect(new Orthogonal({ seed: 4, columnAxis: -1 }).apply([3, 4, 5]).data).toEqual(init.apply([3, 4, 5]).data);
      expect(init.getConfig()).not.toHaveProperty('columnAxis');
      expect(new Orthogonal({ columnAxis: 0 }).getConfig()).toMatchObject({ columnAxis: 0 });
    });

    test('shards are slices of the full tensor', () => {
      expectShardsAreSlices(
        new Orthogonal({ columnAxis: 1, seed: 8 }),
        [6, 5, 4],
        [
          { varOffset: [2, 0, 0], shape: [3, 5, 4] },
          { varOffset: [0, 1, 0], shape: [6, 3, 4] },
          { varOffset: [1, 2, 1], shape: [4, 2, 2] },
        ],
      );
    });

    test('errors', () => {
      expect(() => new Orthogonal({ columnAxis: 1.5 })).toThrow(
        'Orthogonal: columnAxis must be an integer axis. Received: 1.5.',
      );
      expect(() => new Orthogonal({ columnAxis: 3, seed: 1 }).apply([2, 2, 2])).toThrow(
        'Orthogonal: columnAxis must name an axis of the shape, from -3 to 2. Received: 3 for shape [2, 2, 2].',
      );
    });
  });

  test('errors', () => {
    expect(() => new Orthogonal().apply([5])).toThrow(InitRangeError);
    expect(() => new Orthogonal().apply([5])).toThrow(
      'Orthogonal: shape must have at least 2 dimensions. Received: [5].',
    );
    expect(() => new Orthogonal({ method: 'gram_schmidt' as never })).toThrow(
      "Orthogonal: method must be one of 'qr', 'svd'.",
    );
    expect(() => new Orthogonal({ gain: Number.NaN })).toThrow(
      'Orthogonal: gain must be a finite number. Received: NaN.',
    );
    expect(() => new Orthogonal({ gain: 1e39, seed: 1 }).apply([3, 3])).toThrow(
      'Orthogonal: gain must round to a finite float32',
    );
    expect(() => new Identity({ gain: 1e5 }).apply([2, 2], 'float16')).toThrow(
      'Identity: gain must round to a finite float16',
    );
    expect(() => new Orthogonal({ engine: 'tfjs' } as never)).toThrow(
      'Orthogonal: engine must be one of \'counter\'. Received: "tfjs".',
    );
    expect(() => new Orthogonal({ dtype: 'int32' as never })).toThrow(InitTypeError);
    expect(new Orthogonal().apply([0, 4]).data).toHaveLength(0);
  });
});

describe("Orthogonal with layout 'torch' (PyTorch's orthogonal_ flattening)", () => {
  test('a conv weight [64, 3, 7, 7] with gain 2: 64 orthonormal rows of length 147 (W·Wᵀ/4 = I to 1e-6 in float32)', () => {
    const weight = new Orthogonal({ gain: 2, layout: 'torch', seed: 1 }).apply([64, 3, 7, 7]);
    // The Gram matrix of the float32 values, accumulated in double: |W·Wᵀ/4 − I|.
    expect(orthogonalityResidual(Array.from(weight.data), 64, 147, 2) / 4).toBeLessThan(1e-6);
    // The tf layout would flatten to 1344 × 7, which is not what PyTorch users mean.
    expect(
      orthogonalityResidual(Array.from(new Orthogonal({ gain: 2, seed: 1 }).apply([64, 3, 7, 7]).data), 64, 147, 2) / 4,
    ).toBeGreaterThan(0.1);
  });

  test.each([
    [[200, 3, 2, 2]], // more rows than columns (200 × 12): orthonormal columns
    [[5, 4, 3]],
    [[7, 7]],
    [[6, 1, 1, 1, 9]],
  ])('%j, float64: the matrix [shape[0], rest] is orthogonal to 1e-13', (shape) => {
    const rows = shape[0] as number;
    const cols = shape.reduce((a, b) => a * b, 1) / rows;
    const values = Array.from(new Orthogonal({ layout: 'torch', seed: 4 }).apply(shape, 'float64').data);
    expect(orthogonalityResidual(values, rows, cols, 1)).toBeLessThan(1e-13);
  });

  test('rank 2 is the same in both layouts', () => {
    expect(new Orthogonal({ layout: 'torch', seed: 3 }).apply([5, 9]).data).toEqual(
      new Orthogonal({ seed: 3 }).apply([5, 9]).data,
    );
  });

  test('a shard is the slice of the full tensor', () => {
    const shards = [
      { varOffset: [2, 0, 0, 0], shape: [3, 2, 3, 3] },
      { varOffset: [0, 1, 1, 0], shape: [6, 1, 2, 3] },
      { varOffset: [5, 1, 2, 2], shape: [1, 1, 1, 1] },
    ];
    expectShardsAreSlices(new Orthogonal({ layout: 'torch', seed: 8 }), [6, 2, 3, 3], shards, 'float64');
  });

  test('the config names the layout, and round-trips', async () => {
    const { deserialize, serialize } = await import('./index.js');
    const init = new Orthogonal({ gain: 2, layout: 'torch', seed: 5 });
    expect(init.getConfig()).toEqual({ gain: 2, method: 'qr', layout: 'torch', seed: 5, dtype: 'float32' });
    expect(new Orthogonal().getConfig()).not.toHaveProperty('layout');
    expect(deserialize(JSON.parse(JSON.stringify(serialize(init)))).apply([4, 2, 3]).data).toEqual(
      init.apply([4, 2, 3]).data,
    );
  });

  test('errors', () => {
    expect(() => new Orthogonal({ layout: 'torch', columnAxis: 0 })).toThrow(
      new InitTypeError(
        "Orthogonal: columnAxis must be absent with layout 'torch', which puts the rows on axis 0. Received: 0.",
        'ERR_INIT_INVALID_ARGUMENT',
      ),
    );
    expect(() => new Orthogonal({ layout: 'oihw' as never })).toThrow(
      "Orthogonal: layout must be one of 'tf', 'torch'. Received: \"oihw\".",
    );
  });
});

describe('Orthogonal: randomMatrix and withOrthogonalized (orthogonalizing elsewhere)', () => {
  test.each([
    [{ seed: 3 }, [6, 4], 'float32'],
    [{ seed: 3, gain: 2 }, [3, 8], 'float64'],
    [{ seed: 'conv', layout: 'torch' as const }, [8, 3, 2, 2], 'float32'],
    [{ seed: 9, columnAxis: 0 }, [5, 2, 3], 'bfloat16'],
    [{ seed: 4, method: 'svd' as const }, [7, 5], 'float16'],
  ] as const)('%o on %o as %s: equals apply, slices too', (options, shape, dtype) => {
    const initializer = new Orthogonal(options);
    const { matrix, rows, cols, method } = initializer.randomMatrix(shape);
    expect(rows * cols).toBe(shape.reduce((a, b) => a * b, 1));
    const q = orthogonalize(matrix, rows, cols, { method });
    const whole = initializer.withOrthogonalized(q, () => initializer.apply(shape, dtype));
    expect(valuesOf(whole)).toEqual(valuesOf(initializer.apply(shape, dtype)));
    const part = [1, ...shape.slice(1)];
    const partitionInfo = { fullShape: shape, varOffset: shape.map((_, axis) => (axis === 0 ? 1 : 0)) };
    const slice = initializer.withOrthogonalized(q, () => initializer.apply(part, dtype, partitionInfo));
    expect(valuesOf(slice)).toEqual(valuesOf(initializer.apply(part, dtype, partitionInfo)));
  });

  test('the matrix is used only inside the callback, and must fit the shape', () => {
    const initializer = new Orthogonal({ seed: 1 });
    const q = new Float64Array(12).fill(0.5);
    expect(initializer.withOrthogonalized(q, () => initializer.apply([3, 4]).data[0])).toBe(0.5);
    expect(initializer.apply([3, 4]).data[0]).not.toBe(0.5);
    expect(() => initializer.withOrthogonalized(q, () => initializer.apply([4, 4]))).toThrow(
      'Orthogonal: the orthogonalized matrix must have rows × cols = 4 × 4 elements for shape [4, 4]. Received: 12.',
    );
    expect(() => initializer.randomMatrix([5])).toThrow(InitRangeError);
  });

  test('randomMatrix draws into out when given one (the same values), and checks it', () => {
    const initializer = new Orthogonal({ seed: 12 });
    const out = new Float64Array(12).fill(Number.NaN);
    const drawn = initializer.randomMatrix([4, 3], out);
    expect(drawn.matrix).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(initializer.randomMatrix([4, 3]).matrix));
    expect(() => initializer.randomMatrix([4, 3], new Float64Array(11))).toThrow(
      'Orthogonal.randomMatrix: out must have rows × cols = 4 × 3 = 12 elements. Received: a Float64Array of length 11.',
    );
    expect(() => initializer.randomMatrix([4, 3], new Float32Array(12) as never)).toThrow(
      'Orthogonal.randomMatrix: out must be a Float64Array. Received: a Float32Array of length 12.',
    );
    const detached = new Float64Array(12);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    expect(() => initializer.randomMatrix([4, 3], detached)).toThrow(InitTypeError);
  });

  test.each([
    [{ seed: 12 }, [300, 7]],
    [{ seed: 'w', layout: 'torch' as const }, [30, 7, 10]],
    [{ seed: 5, columnAxis: 0 }, [7, 30, 10]],
    [{ seed: 4, method: 'svd' as const }, [70, 30]],
  ] as const)('randomMatrix with an offset draws that part of the matrix, bit for bit (%o, %o)', (options, shape) => {
    const initializer = new Orthogonal(options);
    const { matrix, rows, cols } = initializer.randomMatrix(shape);
    // Parts that start and end inside and across the stream's 256-element blocks, and the whole.
    for (const [start, length] of [
      [0, 2100],
      [0, 1],
      [1, 255],
      [255, 2],
      [256, 256],
      [300, 1000],
      [2099, 1],
      [2100, 0],
      [17, 2083],
    ] as const) {
      const out = new Float64Array(length).fill(Number.NaN);
      const drawn = initializer.randomMatrix(shape, out, start);
      expect(drawn).toEqual({ matrix: out, rows, cols, method: initializer.method });
      expect(new Uint8Array(out.buffer)).toEqual(new Uint8Array(matrix.slice(start, start + length).buffer));
    }
  });

  test('randomMatrix checks out and offset together', () => {
    const initializer = new Orthogonal({ seed: 12 });
    expect(() => initializer.randomMatrix([4, 3], new Float64Array(3), 10)).toThrow(
      'Orthogonal.randomMatrix: out must fit the 4 × 3 matrix from offset 10 (at most 2 elements). Received: a Float64Array of length 3.',
    );
    expect(() => initializer.randomMatrix([4, 3], new Float64Array(0), 13)).toThrow(InitRangeError);
    expect(() => initializer.randomMatrix([4, 3], new Float64Array(2), -1)).toThrow(
      'Orthogonal.randomMatrix: offset must be a non-negative safe integer. Received: -1.',
    );
    expect(() => initializer.randomMatrix([4, 3], new Float64Array(2), 1.5)).toThrow(InitRangeError);
    expect(() => initializer.randomMatrix([4, 3], new Float64Array(2), '1' as never)).toThrow(InitTypeError);
    expect(() => initializer.randomMatrix([4, 3], undefined, 0)).toThrow(
      'Orthogonal.randomMatrix: out must be given with offset (the part of the matrix to draw into). Received: undefined.',
    );
    expect(() => initializer.randomMatrix([4, 3], new Float32Array(2) as never, 0)).toThrow(
      'Orthogonal.randomMatrix: out must be a Float64Array. Received: a Float32Array of length 2.',
    );
    expect(() => initializer.randomMatrix([4, 3], null as never, 0)).toThrow(InitTypeError);
  });

  test.each([
    [1, 'float32'],
    [-2.5, 'float32'],
    [1, 'float64'],
    [0.75, 'float64'],
  ] as const)('the output is gain %d · Q rounded to %s element by element, whole and sliced', (gain, dtype) => {
    const initializer = new Orthogonal({ seed: 21, gain });
    const shape = [40, 30];
    const { matrix, rows, cols } = initializer.randomMatrix(shape);
    const q = orthogonalize(matrix, rows, cols);
    const expected = dtype === 'float32' ? Float32Array.from(q, (x) => Math.fround(gain * x)) : q.map((x) => gain * x);
    expect(initializer.apply(shape, dtype).data).toEqual(expected);
    const partitionInfo = { fullShape: shape, varOffset: [10, 5] };
    const shard = initializer.apply([20, 20], dtype, partitionInfo).data;
    for (let i = 0; i < 20; i++) {
      for (let j = 0; j < 20; j++) expect(Object.is(shard[i * 20 + j], expected[(i + 10) * 30 + j + 5])).toBe(true);
    }
  });
});

describe('Identity', () => {
  test('square, tall and wide eyes times gain', () => {
    expect(Array.from(new Identity().apply([2, 2]).data)).toEqual([1, 0, 0, 1]);
    expect(Array.from(new Identity({ gain: 2 }).apply([2, 3]).data)).toEqual([2, 0, 0, 0, 2, 0]);
    expect(Array.from(new Identity({ gain: 3 }).apply([3, 2]).data)).toEqual([3, 0, 0, 3, 0, 0]);
    expect(Array.from(new Identity().apply([1, 2], 'bfloat16').data)).toEqual([0x3f80, 0]);
  });

  test('a shard is the slice of the full eye', () => {
    const full = new Identity().apply([7, 5]);
    const shard = new Identity().apply([3, 2], undefined, { fullShape: [7, 5], varOffset: [2, 1] });
    expect(Array.from(shard.data)).toEqual(sliceOf(full.data, [7, 5], [2, 1], [3, 2]));
    expect(Array.from(shard.data)).toEqual([0, 1, 0, 0, 0, 0]);
  });

  test('any finite gain, as Keras and PyTorch allow', () => {
    expect(Array.from(new Identity({ gain: -2 }).apply([2, 2]).data)).toEqual([-2, 0, 0, -2]);
    const q = new Orthogonal({ seed: 3 }).apply([3, 3], 'float64').data;
    expect(new Orthogonal({ gain: -1, seed: 3 }).apply([3, 3], 'float64').data).toEqual(q.map((x) => -x));
  });

  test('errors', () => {
    expect(() => new Identity().apply([2, 2, 2])).toThrow('Identity: shape must be 2-D. Received: [2, 2, 2].');
    expect(() => new Identity().apply([2, 2], 'int32' as never)).toThrow(/floating-point dtype/);
  });
});
