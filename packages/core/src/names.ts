// The name table: one row per initializer class, with what each framework calls it. Everything
// that maps a name to a class reads these rows: core's deserialize (class names and their
// aliases), @init/presets' get() (Keras and TensorFlow.js string ids, with each framework's
// defaults), its id lists and the docs' name table. Core's rows hold core's classes only;
// @init/presets adds rows for its own classes (see ARCHITECTURE.md, "Adding an initializer").
//
// The rows are built by a function, on demand: importing core builds no table, and a bundle that
// never calls deserialize or get carries none of the classes listed here.
import { Constant } from './constant.js';
import { Dirac } from './dirac.js';
import { ConvolutionOrthogonal } from './convolution-orthogonal.js';
import { DeltaOrthogonal } from './delta-orthogonal.js';
import { Identity } from './identity.js';
import type { Initializer } from './initializer.js';
import { Ones } from './ones.js';
import { Orthogonal } from './orthogonal.js';
import { RandomNormal } from './random-normal.js';
import { RandomUniform } from './random-uniform.js';
import { STFT } from './stft.js';
import { Sparse } from './sparse.js';
import { TruncatedNormal } from './truncated-normal.js';
import { UniformUnitScaling } from './uniform-unit-scaling.js';
import { VarianceScaling } from './variance-scaling.js';
import { Zeros } from './zeros.js';

/** An Initializer subclass that the registry can rebuild: `new Class(config)` with a static className. */
export interface InitializerClass {
  readonly className: string;
  new (options: never): Initializer;
}

/**
 * One row of the name table: a class and its names in Keras 3, TensorFlow.js, TF1 and PyTorch.
 * `C` ties the option objects to the class's own options type, so a row cannot name an option its
 * class lacks.
 */
export interface NameRow<C extends InitializerClass = InitializerClass> {
  /** The class. Its static `className` (Keras's class name) is the serialized name and a `get` id. */
  readonly cls: C;
  /** Other class names `deserialize` and `get` read as this class (Keras 3's `OrthogonalInitializer`). */
  readonly classAliases?: readonly string[];
  /**
   * Keras 3's string ids: first the snake_case of the class name (`'random_normal'`), then Keras's
   * aliases (`'normal'`). Empty when Keras 3 has no such initializer.
   */
  readonly keras?: readonly string[];
  /** The options a Keras id or the class name stands for: Keras 3's defaults where they differ from the class's. */
  readonly kerasOptions?: ConstructorParameters<C>[0];
  /**
   * TensorFlow.js's identifiers where they differ from Keras's (`'randomNormal'`, `'LeCunNormal'`).
   * Ids spelled alike in both (`'zeros'`, `'orthogonal'`) are listed under `keras` only.
   */
  readonly tfjs?: readonly string[];
  /** The options a TensorFlow.js id stands for: engine `'tfjs'` and TensorFlow.js's defaults. */
  readonly tfjsOptions?: ConstructorParameters<C>[0];
  /**
   * TensorFlow.js's class name, when tfjs-layers has the class (`'LeCunNormal'`, `'Zeros'`): the
   * name its `getConfig()` objects and model.json files carry, read by the `'tfjs'` dialect.
   */
  readonly tfjsClass?: string;
  /**
   * TF1's function (`tf.compat.v1.random_normal_initializer`), exported by `@init/presets` under that
   * name; a list when TF1 has one per rank (`convolutional_orthogonal_1d`, `_2d`, `_3d`).
   */
  readonly tf1?: string | readonly string[];
  /** PyTorch's `torch.nn.init` function that draws the same distribution (`'normal_'`). */
  readonly pytorch?: string;
}

/** Checks a row against its class's options type (the table itself holds rows of any class). */
export function nameRow<C extends InitializerClass>(row: NameRow<C>): NameRow {
  return row as unknown as NameRow;
}

// Keras 3 and TensorFlow.js both default RandomNormal/TruncatedNormal to stddev 0.05 and
// RandomUniform to [-0.05, 0.05), where TF1 (and core's classes) use 1 and [0, 1).
const KERAS_STDDEV = 0.05;
const KERAS_LIMIT = 0.05;

/**
 * The rows of core's classes, in TF1's order. A new class of core gets its row here; nothing else
 * lists class names.
 */
export function coreNameRows(): readonly NameRow[] {
  return [
    nameRow({ cls: Zeros, tfjsClass: 'Zeros', keras: ['zeros', 'zero'], tf1: 'zeros_initializer', pytorch: 'zeros_' }),
    nameRow({ cls: Ones, tfjsClass: 'Ones', keras: ['ones', 'one'], tf1: 'ones_initializer', pytorch: 'ones_' }),
    nameRow({
      cls: Constant,
      tfjsClass: 'Constant',
      keras: ['constant'],
      kerasOptions: { value: 0 },
      tf1: 'constant_initializer',
      pytorch: 'constant_',
    }),
    nameRow({
      cls: RandomUniform,
      tfjsClass: 'RandomUniform',
      keras: ['random_uniform', 'uniform'],
      kerasOptions: { minval: -KERAS_LIMIT, maxval: KERAS_LIMIT },
      tfjs: ['randomUniform'],
      tfjsOptions: { minval: -KERAS_LIMIT, maxval: KERAS_LIMIT, engine: 'tfjs' },
      tf1: 'random_uniform_initializer',
      pytorch: 'uniform_',
    }),
    nameRow({
      cls: RandomNormal,
      tfjsClass: 'RandomNormal',
      keras: ['random_normal', 'normal'],
      kerasOptions: { mean: 0, stddev: KERAS_STDDEV },
      tfjs: ['randomNormal'],
      tfjsOptions: { mean: 0, stddev: KERAS_STDDEV, engine: 'tfjs' },
      tf1: 'random_normal_initializer',
      pytorch: 'normal_',
    }),
    nameRow({
      cls: TruncatedNormal,
      tfjsClass: 'TruncatedNormal',
      keras: ['truncated_normal'],
      kerasOptions: { mean: 0, stddev: KERAS_STDDEV },
      tfjs: ['truncatedNormal'],
      tfjsOptions: { mean: 0, stddev: KERAS_STDDEV, engine: 'tfjs' },
      tf1: 'truncated_normal_initializer',
      pytorch: 'trunc_normal_',
    }),
    // Keras 3 has no UniformUnitScaling: its class name alone is an id, with TF1's factor 1.
    nameRow({
      cls: UniformUnitScaling,
      kerasOptions: { factor: 1 },
      tf1: 'uniform_unit_scaling_initializer',
    }),
    nameRow({
      cls: VarianceScaling,
      tfjsClass: 'VarianceScaling',
      keras: ['variance_scaling'],
      // Keras 3's default distribution is the corrected truncated normal (its 'normal' means that too);
      // TensorFlow.js's 'normal' is the uncorrected one.
      kerasOptions: { scale: 1, mode: 'fan_in', distribution: 'truncated_normal' },
      tfjs: ['varianceScaling'],
      tfjsOptions: { scale: 1, mode: 'fan_in', distribution: 'normal', engine: 'tfjs' },
      tf1: 'variance_scaling_initializer',
    }),
    nameRow({
      cls: Orthogonal,
      tfjsClass: 'Orthogonal',
      // Keras 3 names the class OrthogonalInitializer (and its snake_case is an id too).
      classAliases: ['OrthogonalInitializer'],
      keras: ['orthogonal', 'orthogonal_initializer'],
      kerasOptions: { gain: 1, method: 'qr' },
      tf1: 'orthogonal_initializer',
      pytorch: 'orthogonal_',
    }),
    // Keras 3 also reads IdentityInitializer, for compatibility.
    nameRow({
      cls: Identity,
      tfjsClass: 'Identity',
      classAliases: ['IdentityInitializer'],
      keras: ['identity'],
      tf1: 'identity_initializer',
      kerasOptions: { gain: 1 },
      pytorch: 'eye_',
    }),
    // Keras 3's STFT (older Keras saved it as STFTInitializer); its defaults are the class's.
    nameRow({ cls: STFT, classAliases: ['STFTInitializer'], keras: ['stft'] }),
    // PyTorch's own: Keras and TensorFlow.js have neither, so only the class names are ids.
    nameRow({ cls: Dirac, pytorch: 'dirac_' }),
    // sparsity has no default in PyTorch; the class name as an id takes 0.1, the value of PyTorch's
    // own example (`nn.init.sparse_(w, sparsity=0.1)`).
    nameRow({ cls: Sparse, kerasOptions: { sparsity: 0.1 }, pytorch: 'sparse_' }),
    // TF1's convolution family (not in Keras 3 or TensorFlow.js); JAX's delta_orthogonal.
    nameRow({
      cls: DeltaOrthogonal,
      classAliases: ['ConvolutionDeltaOrthogonal'],
      tf1: 'convolutional_delta_orthogonal',
    }),
    nameRow({
      cls: ConvolutionOrthogonal,
      // TF1's per-rank classes read as this class (the shape's rank says which).
      classAliases: ['ConvolutionOrthogonal1D', 'ConvolutionOrthogonal2D', 'ConvolutionOrthogonal3D'],
      tf1: ['convolutional_orthogonal_1d', 'convolutional_orthogonal_2d', 'convolutional_orthogonal_3d'],
    }),
  ];
}

/** The row whose class name or class alias is `name`, among `rows`. */
export function findNameRow(rows: readonly NameRow[], name: string): NameRow | undefined {
  return rows.find((row) => row.cls.className === name || (row.classAliases ?? []).includes(name));
}
