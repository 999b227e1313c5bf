import { describe, expect, test } from 'vitest';
import { computeFans, InitRangeError, InitTypeError } from './index.js';

describe('computeFans', () => {
  test.each([
    // [shape, tf fans, torch fans]
    { shape: [], tf: [1, 1], torch: [1, 1] },
    { shape: [7], tf: [7, 7], torch: [7, 7] },
    { shape: [0], tf: [0, 0], torch: [0, 0] },
    { shape: [3, 5], tf: [3, 5], torch: [5, 3] },
    { shape: [0, 5], tf: [0, 5], torch: [5, 0] },
    { shape: [4, 6, 8], tf: [24, 32], torch: [48, 32] },
    { shape: [3, 3, 64, 128], tf: [576, 1152], torch: [24576, 24576] },
    { shape: [128, 64, 3, 3], tf: [24576, 24576], torch: [576, 1152] },
    { shape: [2, 3, 3, 16, 32], tf: [288, 576], torch: [4608, 3072] },
    { shape: [3, 3, 0, 8], tf: [0, 72], torch: [0, 0] },
    { shape: [0, 3, 4, 8], tf: [0, 0], torch: [96, 0] },
  ])('$shape', ({ shape, tf, torch }) => {
    expect(computeFans(shape)).toEqual({ fanIn: tf[0], fanOut: tf[1] });
    expect(computeFans(shape, 'tf')).toEqual({ fanIn: tf[0], fanOut: tf[1] });
    expect(computeFans(shape, 'torch')).toEqual({ fanIn: torch[0], fanOut: torch[1] });
  });

  test('a tf conv kernel and its torch transpose have the same fans', () => {
    // [kh, kw, in, out] in TF is [out, in, kh, kw] in PyTorch.
    expect(computeFans([5, 7, 16, 32])).toEqual(computeFans([32, 16, 5, 7], 'torch'));
  });

  test('rejects unknown layouts, listing the valid ones', () => {
    expect(() => computeFans([2, 2], 'channels_first' as never)).toThrow(InitTypeError);
    expect(() => computeFans([2, 2], 'channels_first' as never)).toThrow(
      `computeFans: layout must be one of 'tf', 'torch'. Received: "channels_first".`,
    );
  });

  test.each([[[-1, 2]], [[2.5]], [[Number.NaN]], [[Infinity, 1]]])('rejects the bad shape %j', (shape) => {
    expect(() => computeFans(shape)).toThrow(InitRangeError);
  });
});

/**
 * JAX's `_compute_fans` (jax/_src/nn/initializers.py) as it is written there: the three products,
 * then `receptive_field_size = size / in_size / out_size / batch_size`. Kept in this form, not in
 * computeFans's (which multiplies the remaining dims), so the table checks one against the other.
 */
function jaxComputeFans(
  shape: number[],
  inAxis: number | number[] = -2,
  outAxis: number | number[] = -1,
  batchAxis: number | number[] = [],
): [number, number] {
  const at = (axis: number) => shape.at(axis) as number;
  const prod = (axes: number | number[]) =>
    typeof axes === 'number' ? at(axes) : axes.reduce((p, axis) => p * at(axis), 1);
  const inSize = prod(inAxis);
  const outSize = prod(outAxis);
  const batchSize = prod(batchAxis);
  const receptiveFieldSize = shape.reduce((p, d) => p * d, 1) / inSize / outSize / batchSize;
  return [inSize * receptiveFieldSize, outSize * receptiveFieldSize];
}

describe('computeFans with JAX axes { inAxis, outAxis, batchAxis }', () => {
  test.each([
    // The attention kernel: [d_model, heads, head_dim] projects d_model to heads·head_dim.
    { shape: [512, 8, 64], axes: { inAxis: 0, outAxis: [1, 2] }, expected: [512, 512] },
    // The output projection [heads, head_dim, d_model].
    { shape: [8, 64, 512], axes: { inAxis: [0, 1], outAxis: 2 }, expected: [512, 512] },
    { shape: [8, 64, 512], axes: { inAxis: [-3, -2], outAxis: -1 }, expected: [512, 512] },
    // Defaults (-2, -1, []) are the TF layout.
    { shape: [3, 3, 64, 128], axes: {}, expected: [576, 1152] },
    { shape: [5, 7], axes: {}, expected: [5, 7] },
    // Torch layout spelled as axes.
    { shape: [128, 64, 3, 3], axes: { inAxis: 1, outAxis: 0 }, expected: [576, 1152] },
    // A batch of 4 independent 3×3 convolutions: the batch axis counts in neither fan.
    { shape: [4, 3, 3, 16, 32], axes: { batchAxis: 0 }, expected: [144, 288] },
    { shape: [4, 3, 3, 16, 32], axes: { batchAxis: [0] }, expected: [144, 288] },
    { shape: [2, 4, 3, 16, 32], axes: { batchAxis: [0, 1] }, expected: [48, 96] },
    { shape: [6, 10, 20], axes: { inAxis: 1, outAxis: 2, batchAxis: 0 }, expected: [10, 20] },
    { shape: [6, 10, 20], axes: { inAxis: 2, outAxis: 1 }, expected: [120, 60] },
    // Empty lists: a product of no dims is 1.
    { shape: [6, 10, 20], axes: { inAxis: [], outAxis: [1, 2], batchAxis: [] }, expected: [6, 1200] },
    { shape: [6, 10], axes: { inAxis: [], outAxis: [] }, expected: [60, 60] },
    { shape: [2, 3, 5, 7, 11], axes: { inAxis: [1, 3], outAxis: [4], batchAxis: [0] }, expected: [105, 55] },
  ])('$shape with $axes', ({ shape, axes, expected }) => {
    const jax = jaxComputeFans(shape, axes.inAxis, axes.outAxis, axes.batchAxis);
    expect(jax).toEqual(expected);
    expect(computeFans(shape, axes)).toEqual({ fanIn: expected[0], fanOut: expected[1] });
  });

  test('zero-sized dims give zero fans where JAX divides 0 by 0', () => {
    expect(computeFans([0, 8, 64], { inAxis: 0, outAxis: [1, 2] })).toEqual({ fanIn: 0, fanOut: 512 });
    expect(computeFans([3, 0, 4, 5], { batchAxis: 1 })).toEqual({ fanIn: 12, fanOut: 15 });
    expect(jaxComputeFans([3, 0, 4, 5], -2, -1, 1).every(Number.isNaN)).toBe(true);
  });

  test('rank < 2 is refused, as in JAX', () => {
    expect(() => computeFans([7], { inAxis: 0, outAxis: [] })).toThrow(
      "computeFans: shape must have at least 2 dimensions for fans from inAxis, outAxis and batchAxis (as JAX's _compute_fans). Received: [7].",
    );
    expect(() => computeFans([], {})).toThrow(InitRangeError);
  });

  test('axes outside the shape or named twice are refused', () => {
    expect(() => computeFans([2, 3, 4], { inAxis: 3 })).toThrow(
      'computeFans: inAxis must name axes of the shape, from -3 to 2. Received: 3 for shape [2, 3, 4].',
    );
    expect(() => computeFans([2, 3, 4], { outAxis: [-4] })).toThrow(InitRangeError);
    // inAxis defaults to -2, which is axis 1 here.
    expect(() => computeFans([2, 3, 4], { outAxis: 1 })).toThrow(
      'computeFans: outAxis must not name an axis that inAxis names. Received: axis 1 (axis 1 of shape [2, 3, 4]).',
    );
    expect(() => computeFans([2, 3, 4], { inAxis: [0, -3] })).toThrow(
      'computeFans: inAxis must not name an axis that it already names.',
    );
    expect(() => computeFans([2, 3, 4], { batchAxis: -1 })).toThrow(InitRangeError);
  });

  test('malformed axes are refused', () => {
    expect(() => computeFans([2, 3], { inAxis: 0.5 })).toThrow(
      'computeFans: inAxis must be an integer axis or a list of integer axes. Received: 0.5.',
    );
    expect(() => computeFans([2, 3], { inAxis: ['0'] } as never)).toThrow(InitTypeError);
    expect(() => computeFans([2, 3], { in_axis: 0 } as never)).toThrow(InitTypeError);
    expect(() => computeFans([2, 3], { inAxis: 0, inputAxes: [0] } as never)).toThrow(
      /must not be given together; drop one family/,
    );
  });
});

describe('computeFans with Keras 3 axes { inputAxes, outputAxes }', () => {
  /** Keras 3.16's compute_fans with both lists given: the products of the listed dims, nothing else. */
  function kerasComputeFans(shape: number[], inputAxes: number[], outputAxes: number[]): [number, number] {
    return [
      inputAxes.reduce((p, axis) => p * (shape.at(axis) as number), 1),
      outputAxes.reduce((p, axis) => p * (shape.at(axis) as number), 1),
    ];
  }

  test.each([
    { shape: [512, 8, 64], inputAxes: [0], outputAxes: [1, 2] },
    { shape: [8, 64, 512], inputAxes: [0, 1], outputAxes: [2] },
    // An axis in neither list is not counted (JAX would count it as receptive field).
    { shape: [6, 10, 20], inputAxes: [1], outputAxes: [2] },
    { shape: [3, 3, 64, 128], inputAxes: [-2], outputAxes: [-1] },
  ])('$shape with input $inputAxes, output $outputAxes', ({ shape, inputAxes, outputAxes }) => {
    const [fanIn, fanOut] = kerasComputeFans(shape, inputAxes, outputAxes);
    expect(computeFans(shape, { inputAxes, outputAxes })).toEqual({ fanIn, fanOut });
  });

  test('the two rules differ only where an axis is in neither list', () => {
    expect(computeFans([6, 10, 20], { inputAxes: [1], outputAxes: [2] })).toEqual({ fanIn: 10, fanOut: 20 });
    expect(computeFans([6, 10, 20], { inAxis: 1, outAxis: 2 })).toEqual({ fanIn: 60, fanOut: 120 });
    expect(computeFans([512, 8, 64], { inputAxes: [0], outputAxes: [1, 2] })).toEqual(
      computeFans([512, 8, 64], { inAxis: 0, outAxis: [1, 2] }),
    );
  });

  test('one list without the other is refused (Keras would silently ignore it)', () => {
    expect(() => computeFans([2, 3], { inputAxes: [0] } as never)).toThrow(
      'computeFans: outputAxes must be given together with inputAxes, as Keras 3 uses the two only together. Received: undefined.',
    );
  });
});
