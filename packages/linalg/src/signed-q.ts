import type { MatrixInput } from './arguments.js';
import { accumulateQ, createWorkspace, DEFAULT_BLOCK_SIZE, householderFactor, writeSignedQ } from './householder.js';
import { copyScaled, transposeScaled } from './layout.js';

/**
 * `orthogonalize(a, rows, cols)` with method 'qr' for rows, cols ≥ 1 and the range scale already
 * chosen: the reduced Q of `scale · a` with column j multiplied by sign(R[j][j]), row-major. A wide
 * matrix (rows < cols) is factored as its transpose B = aᵀ (cols × rows), whose column-major copy
 * is a's row-major data as it stands, and B's signed column-major Q is the row-major result, so
 * neither side needs a transposition; a tall one is transposed in and out.
 */
export function signedQ(a: MatrixInput, rows: number, cols: number, scale: number): Float64Array {
  const wide = rows < cols;
  const workspace = wide
    ? createWorkspace(cols, rows, DEFAULT_BLOCK_SIZE)
    : createWorkspace(rows, cols, DEFAULT_BLOCK_SIZE);
  if (wide) copyScaled(a, scale, workspace.w);
  else transposeScaled(a, rows, cols, scale, workspace.w);
  accumulateQ(workspace, householderFactor(workspace));
  const out = new Float64Array(rows * cols);
  writeSignedQ(workspace, out, !wide);
  return out;
}
