// @init/linalg under the fuzz property (see src/kit.ts): qr and orthogonalize with wild options,
// matrices in every buffer form and bad dimensions. Its errors are the standard TypeError and
// RangeError (it depends on nothing of @init), worded as the other packages word theirs; the input
// matrix is never written to.
import fc from 'fast-check';
import { expect } from 'vitest';
import { orthogonalize, qr } from '@init/linalg';
import { enableSvd } from '@init/linalg/svd';
import { BUFFER_FORMS, type BufferForm, describeFuzzSuite, type Entry, makeBuffer } from '../src/kit.js';
import { RUNS } from '../src/runs.js';

interface MatrixArgs {
  readonly rows: unknown;
  readonly cols: unknown;
  readonly array: 'Float64Array' | 'Float32Array' | 'Int32Array';
  readonly form: BufferForm;
  readonly length?: number;
  readonly values: readonly number[];
}
interface MatrixState {
  readonly matrix: ArrayBufferView & { length: number };
}

const isOurs = (error: unknown): boolean => error instanceof TypeError || error instanceof RangeError;

const matrix = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })).chain(([rows, cols]) =>
  fc.record({
    rows: fc.constant(rows),
    cols: fc.constant(cols),
    array: fc.constantFrom<'Float64Array' | 'Float32Array'>('Float64Array', 'Float32Array'),
    form: fc.constantFrom(...BUFFER_FORMS.filter((form) => form !== 'detached')),
    values: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: rows * cols, maxLength: rows * cols }),
  }),
);
const badMatrix = fc.oneof(
  fc
    .tuple(fc.constantFrom<unknown>(-1, 1.5, Number.NaN, 2 ** 53, '2', null), fc.integer({ min: 0, max: 3 }))
    .map(([rows, cols]) => ({
      args: { rows, cols, array: 'Float64Array' as const, form: 'plain' as BufferForm, length: 4, values: [] },
      names: ['rows', 'a'],
    })),
  fc.integer({ min: 1, max: 3 }).map((n) => ({
    args: { rows: n, cols: n, array: 'Float64Array' as const, form: 'detached' as BufferForm, values: [] },
    names: ['a'],
  })),
  fc.integer({ min: 1, max: 3 }).map((n) => ({
    args: {
      rows: n,
      cols: n,
      array: 'Float64Array' as const,
      form: 'plain' as BufferForm,
      length: n * n + 1,
      values: [],
    },
    names: ['a'],
  })),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY).map((bad) => ({
    args: { rows: 2, cols: 2, array: 'Float64Array' as const, form: 'plain' as BufferForm, values: [1, bad, 0, 1] },
    names: ['a'],
  })),
  fc.constant({
    args: { rows: 2, cols: 2, array: 'Int32Array' as const, form: 'plain' as BufferForm, values: [1, 0, 0, 1] },
    names: ['a'],
  }),
);

function fresh(args: MatrixArgs): MatrixState {
  const length =
    args.length ?? (typeof args.rows === 'number' && typeof args.cols === 'number' ? args.rows * args.cols : 0);
  const m = makeBuffer(args.array, Number.isSafeInteger(length) && length >= 0 ? length : 4, args.form);
  if (args.form !== 'detached')
    for (let i = 0; i < Math.min(m.length, args.values.length); i++)
      (m as unknown as number[])[i] = args.values[i] as number;
  return { matrix: m };
}

/**
 * Orthonormal rows (rows ≤ cols) or columns of a rows × cols result: every entry of the Gram matrix
 * within 1e-13·(n + 1) of the identity's (Householder's ‖QᵀQ − I‖ is a small multiple of n·ε).
 */
function expectOrthonormal(q: Float64Array, rows: number, cols: number): void {
  const byRows = rows <= cols;
  const k = Math.min(rows, cols);
  const n = byRows ? cols : rows;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let t = 0; t < n; t++)
        dot += byRows ? q[i * cols + t]! * q[j * cols + t]! : q[t * cols + i]! * q[t * cols + j]!;
      expect(Math.abs(dot - (i === j ? 1 : 0)) < 1e-13 * (n + 1), `Gram ${i},${j} = ${dot}`).toBe(true);
    }
  }
}

/** ‖x‖_F without overflow or underflow of the squares. */
function frobenius(x: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < x.length; i++) scale = Math.max(scale, Math.abs(x[i]!));
  if (scale === 0) return 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (x[i]! / scale) ** 2;
  return scale * Math.sqrt(sum);
}

const orthogonalizeEntry: Entry<MatrixArgs, MatrixState> = {
  name: 'orthogonalize',
  keys: ['method'],
  valid: fc.record({
    options: fc
      .option(fc.constantFrom('qr', 'svd'), { nil: undefined })
      .map((method) => (method === undefined ? {} : { method })),
    args: matrix,
  }),
  badArgs: badMatrix,
  isOurs,
  related: { method: ['a'] },
  fresh,
  buffer: (state) => state.matrix,
  call: (options, args, state) =>
    orthogonalize(state.matrix as never, args.rows as number, args.cols as number, options as never),
  check(result, options, args, state) {
    const q = result as Float64Array;
    expect(q).toHaveLength((args.rows as number) * (args.cols as number));
    expect(q.buffer).not.toBe(state.matrix.buffer);
    for (const value of q) expect(Number.isFinite(value)).toBe(true);
    // QR's Q is orthonormal for every input, rank-deficient or zero included (a reflector is
    // orthogonal whatever column it reduces); the SVD's vectors are checked for a full-rank matrix.
    if ((options as { method?: string }).method !== 'svd' || args.values.every((value) => value !== 0))
      expectOrthonormal(q, args.rows as number, args.cols as number);
  },
};

const qrEntry: Entry<MatrixArgs, MatrixState> = {
  name: 'qr',
  keys: [],
  takesOptions: false,
  valid: matrix.map((args) => ({ options: {}, args })),
  badArgs: badMatrix,
  isOurs,
  fresh,
  buffer: (state) => state.matrix,
  call: (_options, args, state) => qr(state.matrix as never, args.rows as number, args.cols as number),
  check(result, _options, args, state) {
    const { q, r } = result as { q: Float64Array; r: Float64Array };
    const rows = args.rows as number;
    const cols = args.cols as number;
    const k = Math.min(rows, cols);
    expect(q).toHaveLength(rows * k);
    expect(r).toHaveLength(k * cols);
    // Q has orthonormal columns, and Q·R = A: ‖Q·R − A‖_F within 1e-13·(k + 1)·‖A‖_F (backward
    // stability), plus a few units of the last subnormal place per product term (R's entries are
    // rounded to subnormals when A's are that small).
    expectOrthonormal(q, rows, k);
    const a = Array.from(state.matrix as unknown as ArrayLike<number>);
    const difference = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        let sum = 0;
        for (let t = 0; t < k; t++) sum += q[i * k + t]! * r[t * cols + j]!;
        difference[i * cols + j] = sum - a[i * cols + j]!;
      }
    }
    const residual = frobenius(difference);
    const bound = 1e-13 * (k + 1) * frobenius(a) + 4 * (k + 1) * Number.MIN_VALUE * Math.sqrt(rows * cols);
    expect(residual <= bound, `‖QR − A‖ = ${residual} > ${bound}`).toBe(true);
  },
};

const ENTRIES: Entry<never, never>[] = [orthogonalizeEntry, qrEntry] as never;

enableSvd();

describeFuzzSuite('@init/linalg under the fuzz property', ENTRIES, RUNS.linalg, 3600, () => false);
