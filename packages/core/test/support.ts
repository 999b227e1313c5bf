// Test-only helpers (not exported from the package).

/** The slice [varOffset, varOffset + shape) of a row-major tensor, by explicit index arithmetic. */
export function sliceOf(
  data: ArrayLike<number>,
  fullShape: readonly number[],
  varOffset: readonly number[],
  shape: readonly number[],
): number[] {
  const size = shape.reduce((a, b) => a * b, 1);
  const result: number[] = [];
  for (let local = 0; local < size; local++) {
    let rest = local;
    let flat = 0;
    let stride = 1;
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      const index = rest % (shape[axis] as number);
      rest = Math.floor(rest / (shape[axis] as number));
      flat += (index + (varOffset[axis] as number)) * stride;
      stride *= fullShape[axis] as number;
    }
    result.push(data[flat] as number);
  }
  return result;
}
