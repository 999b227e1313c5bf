import { InitRangeError, InitTypeError, argumentMessage, describeValue } from '@init/random';
import { assertShape, MAX_RANK } from './shape.js';

/**
 * Where a shard sits in the full tensor (TensorFlow's `_PartitionInfo`): the shard's values are the
 * slice `[varOffset, varOffset + shape)` of the tensor that `apply(fullShape)` returns.
 */
export interface PartitionInfo {
  readonly fullShape: readonly number[];
  readonly varOffset: readonly number[];
}

/**
 * Checks a partition against the shard's shape: same rank, offsets non-negative integers, and the
 * slice inside the full shape.
 * @throws InitTypeError / InitRangeError (ERR_INIT_INVALID_PARTITION).
 */
export function assertPartition(where: string, shape: readonly number[], partitionInfo: unknown): PartitionInfo {
  if (typeof partitionInfo !== 'object' || partitionInfo === null) {
    throw new InitTypeError(
      argumentMessage(where, 'partitionInfo', 'be an object { fullShape, varOffset }', partitionInfo),
      'ERR_INIT_INVALID_PARTITION',
    );
  }
  // Each property and element is read once, into copies that are checked and then used.
  // (Any object with the two properties is taken, such as an instance of a framework's own class.)
  const fullShape: unknown = (partitionInfo as Record<string, unknown>).fullShape;
  const rawOffset: unknown = (partitionInfo as Record<string, unknown>).varOffset;
  const full = assertShape(where, fullShape, 'partitionInfo.fullShape');
  if (!Array.isArray(rawOffset) || !(rawOffset.length <= MAX_RANK)) {
    throw new InitTypeError(
      argumentMessage(where, 'partitionInfo.varOffset', 'be an array of non-negative integers', rawOffset),
      'ERR_INIT_INVALID_PARTITION',
    );
  }
  const varOffset: unknown[] = Array.from({ length: rawOffset.length }, (_, axis) => rawOffset[axis]);
  if (full.length !== shape.length || varOffset.length !== shape.length) {
    throw new InitRangeError(
      `${where}: partitionInfo.fullShape and partitionInfo.varOffset must have the shard's rank ${shape.length}. ` +
        `Received: fullShape=${describeValue(full)}, varOffset=${describeValue(varOffset)}.`,
      'ERR_INIT_INVALID_PARTITION',
    );
  }
  for (let axis = 0; axis < shape.length; axis++) {
    const offset: unknown = varOffset[axis];
    if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
      throw new InitRangeError(
        argumentMessage(where, `partitionInfo.varOffset[${axis}]`, 'be a non-negative safe integer', offset),
        'ERR_INIT_INVALID_PARTITION',
      );
    }
    if (offset + (shape[axis] as number) > (full[axis] as number)) {
      throw new InitRangeError(
        `${where}: the slice must lie inside partitionInfo.fullShape, but on axis ${axis} it covers ` +
          `[${offset}, ${offset + (shape[axis] as number)}) of ${full[axis]}. ` +
          `Received: shape=${describeValue(shape)}, varOffset=${describeValue(varOffset)}, fullShape=${describeValue(full)}.`,
        'ERR_INIT_INVALID_PARTITION',
      );
    }
  }
  return Object.freeze({ fullShape: full, varOffset: Object.freeze(varOffset as number[]) });
}

/**
 * Calls `visit(localStart, fullStart, length)` for each contiguous run of a shard, in order: the
 * shard's elements `[localStart, localStart + length)` are the full tensor's flat (row-major)
 * elements `[fullStart, fullStart + length)`. Without a partition the whole tensor is one run.
 * Trailing axes that the shard covers entirely merge into longer runs, so a row shard is one run.
 */
export function forEachRun(
  shape: readonly number[],
  partition: PartitionInfo | undefined,
  visit: (localStart: number, fullStart: number, length: number) => void,
): void {
  let size = 1;
  for (const dim of shape) size *= dim;
  if (size === 0) return;
  if (partition === undefined) {
    visit(0, 0, size);
    return;
  }
  const { fullShape, varOffset } = partition;
  const rank = shape.length;
  // Merge axes from the end while the shard spans the full axis: the run covers them all.
  let innerAxis = rank - 1;
  let runLength = rank === 0 ? 1 : (shape[rank - 1] as number);
  while (innerAxis > 0 && shape[innerAxis] === fullShape[innerAxis]) {
    innerAxis--;
    runLength *= shape[innerAxis] as number;
  }
  // Row-major strides of the full tensor.
  const fullStrides = new Array<number>(rank).fill(1);
  for (let axis = rank - 2; axis >= 0; axis--) {
    fullStrides[axis] = (fullStrides[axis + 1] as number) * (fullShape[axis + 1] as number);
  }
  let base = 0;
  for (let axis = 0; axis < rank; axis++) base += (varOffset[axis] as number) * (fullStrides[axis] as number);

  // An odometer over the axes before innerAxis (they each advance by one element at a time).
  const outerAxes = Math.max(innerAxis, 0);
  const index = new Array<number>(outerAxes).fill(0);
  let fullStart = base;
  for (let localStart = 0; localStart < size; localStart += runLength) {
    visit(localStart, fullStart, runLength);
    let axis = outerAxes - 1;
    while (axis >= 0) {
      index[axis] = (index[axis] as number) + 1;
      fullStart += fullStrides[axis] as number;
      if ((index[axis] as number) < (shape[axis] as number)) break;
      fullStart -= (index[axis] as number) * (fullStrides[axis] as number);
      index[axis] = 0;
      axis--;
    }
  }
}
