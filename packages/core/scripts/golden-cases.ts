// The golden ("no regression") cases: every initializer class, seed 42, a few shapes and dtypes.
// The values they produce are a contract: scripts/write-golden.ts records them in
// src/__fixtures__/golden.json, and src/golden.test.ts checks them. Changing them is a major release.
import {
  Constant,
  ConvolutionOrthogonal,
  DeltaOrthogonal,
  Dirac,
  Identity,
  Ones,
  Orthogonal,
  RandomNormal,
  RandomUniform,
  Sparse,
  TruncatedNormal,
  UniformUnitScaling,
  VarianceScaling,
  Zeros,
  type DType,
  type Initializer,
  type PartitionInfo,
} from '../src/index.js';
import { enableSvd } from '../src/svd-index.js';

export interface GoldenCase {
  readonly name: string;
  readonly make: () => Initializer;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly partitionInfo?: PartitionInfo;
}

const seed = 42;
const floatDTypes: readonly DType[] = ['float32', 'float64', 'float16', 'bfloat16'];
const shapes: readonly (readonly number[])[] = [[5], [3, 4], [2, 2, 3, 2]];

const classes: Record<string, () => Initializer> = {
  Zeros: () => new Zeros(),
  Ones: () => new Ones(),
  Constant: () => new Constant({ value: [0.5, -1.25, 3] }),
  RandomUniform: () => new RandomUniform({ minval: -1, maxval: 2, seed }),
  RandomNormal: () => new RandomNormal({ mean: 0.5, stddev: 2, seed }),
  TruncatedNormal: () => new TruncatedNormal({ stddev: 0.5, seed }),
  UniformUnitScaling: () => new UniformUnitScaling({ factor: 1.43, seed }),
  'VarianceScaling normal fan_in': () => new VarianceScaling({ scale: 2, seed }),
  'VarianceScaling truncated_normal fan_avg': () =>
    new VarianceScaling({ mode: 'fan_avg', distribution: 'truncated_normal', seed }),
  'VarianceScaling untruncated_normal fan_out': () =>
    new VarianceScaling({ mode: 'fan_out', distribution: 'untruncated_normal', seed }),
  'VarianceScaling uniform fan_avg': () => new VarianceScaling({ mode: 'fan_avg', distribution: 'uniform', seed }),
  'Orthogonal qr': () => new Orthogonal({ seed }),
  // Method 'svd' is opt-in (ml-matrix stays out of bundles that do not call enableSvd).
  'Orthogonal svd': () => {
    enableSvd();
    return new Orthogonal({ method: 'svd', seed });
  },
  Identity: () => new Identity({ gain: 2 }),
};

function cases(): GoldenCase[] {
  const result: GoldenCase[] = [];
  for (const [name, make] of Object.entries(classes)) {
    for (const shape of shapes) {
      if (name.startsWith('Orthogonal') && shape.length < 2) continue;
      if (name === 'Identity' && shape.length !== 2) continue;
      for (const dtype of floatDTypes) result.push({ name, make, shape, dtype });
    }
  }
  result.push({
    name: 'RandomUniform int32',
    make: () => new RandomUniform({ minval: -5, maxval: 100, seed }),
    shape: [3, 4],
    dtype: 'int32',
  });
  result.push({ name: 'Ones int32', make: () => new Ones(), shape: [2], dtype: 'int32' });
  result.push({ name: 'Zeros bool', make: () => new Zeros(), shape: [2], dtype: 'bool' });
  result.push({
    name: 'VarianceScaling normal fan_in, row shard',
    make: classes['VarianceScaling normal fan_in'] as () => Initializer,
    shape: [2, 4],
    dtype: 'float32',
    partitionInfo: { fullShape: [6, 4], varOffset: [3, 0] },
  });
  // JAX's fan axes and geometric mean, JAX's column axis, the convolution family. (STFT is
  // deterministic and checked against its NumPy fixture; its −0 values would not survive JSON.)
  const extra: readonly [string, () => Initializer, readonly number[]][] = [
    [
      'VarianceScaling uniform fan_geo_avg inAxis 0 outAxis [1,2]',
      () => new VarianceScaling({ mode: 'fan_geo_avg', distribution: 'uniform', inAxis: 0, outAxis: [1, 2], seed }),
      [4, 2, 3],
    ],
    ['Orthogonal columnAxis 0', () => new Orthogonal({ columnAxis: 0, seed }), [4, 2, 3]],
    ['DeltaOrthogonal', () => new DeltaOrthogonal({ seed }), [3, 2, 3]],
    ['DeltaOrthogonal torch', () => new DeltaOrthogonal({ layout: 'torch', seed }), [3, 2, 3]],
    ['ConvolutionOrthogonal', () => new ConvolutionOrthogonal({ seed }), [3, 2, 3]],
    ['ConvolutionOrthogonal 2-D', () => new ConvolutionOrthogonal({ gain: 2, seed }), [2, 2, 2, 3]],
    // PyTorch's: truncated normals with other bounds (one per regime), its layouts, Dirac, Sparse.
    ['TruncatedNormal (-1, 3)', () => new TruncatedNormal({ stddev: 0.5, lower: -1, upper: 3, seed }), [3, 4]],
    ['TruncatedNormal (-0.3, 0.7)', () => new TruncatedNormal({ lower: -0.3, upper: 0.7, seed }), [3, 4]],
    ['TruncatedNormal (0, inf)', () => new TruncatedNormal({ lower: 0, upper: Infinity, seed }), [3, 4]],
    ['TruncatedNormal (8, 9)', () => new TruncatedNormal({ lower: 8, upper: 9, seed }), [3, 4]],
    ['Orthogonal torch', () => new Orthogonal({ gain: 2, layout: 'torch', seed }), [4, 2, 3]],
    ['UniformUnitScaling torch', () => new UniformUnitScaling({ layout: 'torch', seed }), [4, 2, 3]],
    ['Dirac torch groups 2', () => new Dirac({ groups: 2, layout: 'torch' }), [4, 3, 3]],
    ['Sparse 0.5', () => new Sparse({ sparsity: 0.5, stddev: 1, seed }), [4, 3]],
  ];
  for (const [name, make, shape] of extra) {
    for (const dtype of ['float32', 'float64'] as const) result.push({ name, make, shape, dtype });
  }
  return result;
}

export const goldenCases: readonly GoldenCase[] = cases();

export function caseId(golden: GoldenCase): string {
  const shard =
    golden.partitionInfo === undefined
      ? ''
      : ` of [${golden.partitionInfo.fullShape.join(',')}] at [${golden.partitionInfo.varOffset.join(',')}]`;
  return `${golden.name} [${golden.shape.join(',')}] ${golden.dtype}${shard}`;
}

export function computeGolden(golden: GoldenCase): number[] {
  return Array.from(golden.make().apply(golden.shape, golden.dtype, golden.partitionInfo).data as ArrayLike<number>);
}
