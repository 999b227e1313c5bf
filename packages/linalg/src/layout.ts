/**
 * Moves matrices between the row-major layout of the public API and the column-major layout the
 * Householder kernels work in.
 */

import type { MatrixInput } from './arguments.js';

/**
 * Tile edge for the blocked transpose: a 32 × 32 tile of float64 is 8 KiB per side, so both the
 * source and the destination tile stay in a 32 KiB L1 cache while the tile is copied.
 */
const TILE = 32;

/**
 * Writes `scale · a` for a row-major `rows × cols` matrix into `out` column-major (column j
 * contiguous at offset j·rows), which is the same memory as the row-major `cols × rows` transpose.
 */
export function transposeScaled(
  a: MatrixInput,
  rows: number,
  cols: number,
  scale: number,
  out: Float64Array,
): Float64Array {
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, rows);
    for (let j0 = 0; j0 < cols; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, cols);
      for (let i = i0; i < i1; i++) {
        const rowOffset = i * cols;
        for (let j = j0; j < j1; j++) out[j * rows + i] = (a[rowOffset + j] as number) * scale;
      }
    }
  }
  return out;
}

/** Writes `scale · a` into `out` in the same element order. */
export function copyScaled(a: MatrixInput, scale: number, out: Float64Array): Float64Array {
  const length = a.length;
  if (scale === 1) {
    for (let index = 0; index < length; index++) out[index] = a[index] as number;
  } else {
    for (let index = 0; index < length; index++) out[index] = (a[index] as number) * scale;
  }
  return out;
}

/**
 * Transposes a column-major `rows × cols` Float64Array into a new row-major one (equivalently, a
 * row-major `cols × rows` matrix into its row-major transpose).
 */
export function columnMajorToRowMajor(source: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let j0 = 0; j0 < cols; j0 += TILE) {
    const j1 = Math.min(j0 + TILE, cols);
    for (let i0 = 0; i0 < rows; i0 += TILE) {
      const i1 = Math.min(i0 + TILE, rows);
      for (let j = j0; j < j1; j++) {
        const columnOffset = j * rows;
        for (let i = i0; i < i1; i++) out[i * cols + j] = source[columnOffset + i]!;
      }
    }
  }
  return out;
}
