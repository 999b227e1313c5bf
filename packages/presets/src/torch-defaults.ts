// What PyTorch's nn modules hold right after construction: for each state_dict() key, the shape
// and an initializer with the formula of the module's reset_parameters. With engine 'torch' and
// one shared generator, applying the entries in order gives PyTorch's tensors bit for bit.
import {
  createTorchGenerator,
  foldIn,
  InitRangeError,
  InitTypeError,
  type Initializer,
  type InitializerSeed,
  isKey,
  keyFromSeed,
  Ones,
  RandomNormal,
  RandomUniform,
  type Tensor,
  TorchGenerator,
  Zeros,
  argumentMessage,
} from '@init/core';
import { kaimingUniform, xavierNormal, xavierUniform } from './pytorch.js';

/** The modules {@link torchDefaults} knows, by their `torch.nn` class name. */
export type TorchModule =
  | 'Linear'
  | 'Bilinear'
  | 'Conv1d'
  | 'Conv2d'
  | 'Conv3d'
  | 'ConvTranspose1d'
  | 'ConvTranspose2d'
  | 'ConvTranspose3d'
  | 'Embedding'
  | 'LayerNorm'
  | 'GroupNorm'
  | 'BatchNorm1d'
  | 'BatchNorm2d'
  | 'BatchNorm3d'
  | 'RNN'
  | 'LSTM'
  | 'GRU'
  | 'MultiheadAttention';

/** The modules {@link torchDefaults} knows, in the order error messages list them. */
export const TORCH_MODULES: readonly TorchModule[] = Object.freeze([
  'Linear',
  'Bilinear',
  'Conv1d',
  'Conv2d',
  'Conv3d',
  'ConvTranspose1d',
  'ConvTranspose2d',
  'ConvTranspose3d',
  'Embedding',
  'LayerNorm',
  'GroupNorm',
  'BatchNorm1d',
  'BatchNorm2d',
  'BatchNorm3d',
  'RNN',
  'LSTM',
  'GRU',
  'MultiheadAttention',
]);

/** What every module accepts besides its own constructor arguments. */
export interface TorchDefaultsCommonOptions {
  /**
   * `'torch'` for PyTorch's values bit for bit (with `generator` or `seed`), or `'counter'`
   * (default) for this library's counter-based stream with PyTorch's formulas.
   */
  readonly engine?: 'counter' | 'torch';
  /**
   * With engine 'torch': the generator the module's initializers share, e.g.
   * `createTorchGenerator(0)` for `torch.manual_seed(0)`. Materializing the entries advances it
   * exactly as constructing the module advances PyTorch's global generator, so one generator
   * passed to several `torchDefaults` calls, materialized in the order the modules are built,
   * reproduces a whole model.
   */
  readonly generator?: TorchGenerator;
  /**
   * With engine 'torch': a number, standing for a new `createTorchGenerator(seed)` shared by the
   * entries. With engine 'counter': each entry's seed is `foldIn(keyFromSeed(seed), key)`.
   * Default with 'counter': unseeded.
   */
  readonly seed?: InitializerSeed;
  /** `'float32'` (default, PyTorch's default dtype) or `'float64'`. */
  readonly dtype?: 'float32' | 'float64';
}

/** A number or one number per spatial dimension, as PyTorch's `kernel_size`. */
export type KernelSize = number | readonly number[];

/** The options of each module, camelCased from its constructor's arguments. */
export interface TorchModuleOptions {
  Linear: { inFeatures: number; outFeatures: number; bias?: boolean };
  Bilinear: { in1Features: number; in2Features: number; outFeatures: number; bias?: boolean };
  Conv1d: ConvOptions;
  Conv2d: ConvOptions;
  Conv3d: ConvOptions;
  ConvTranspose1d: ConvOptions;
  ConvTranspose2d: ConvOptions;
  ConvTranspose3d: ConvOptions;
  Embedding: { numEmbeddings: number; embeddingDim: number; paddingIdx?: number | null };
  LayerNorm: { normalizedShape: number | readonly number[]; elementwiseAffine?: boolean; bias?: boolean };
  GroupNorm: { numGroups: number; numChannels: number; affine?: boolean };
  BatchNorm1d: BatchNormOptions;
  BatchNorm2d: BatchNormOptions;
  BatchNorm3d: BatchNormOptions;
  RNN: RecurrentOptions & { nonlinearity?: 'tanh' | 'relu' };
  LSTM: RecurrentOptions & { projSize?: number };
  GRU: RecurrentOptions;
  MultiheadAttention: {
    embedDim: number;
    numHeads: number;
    bias?: boolean;
    addBiasKv?: boolean;
    kdim?: number | null;
    vdim?: number | null;
  };
}

/** Options of the convolutions: what shapes their parameters. */
export interface ConvOptions {
  inChannels: number;
  outChannels: number;
  kernelSize: KernelSize;
  /** Default 1; both channel counts must be divisible by it. */
  groups?: number;
  /** Default true. */
  bias?: boolean;
}

/** Options of the batch norms. */
export interface BatchNormOptions {
  numFeatures: number;
  /** Learnable weight and bias. Default true. */
  affine?: boolean;
  /** The running_mean, running_var and num_batches_tracked buffers. Default true. */
  trackRunningStats?: boolean;
}

/** Options of RNN, LSTM and GRU. */
export interface RecurrentOptions {
  inputSize: number;
  hiddenSize: number;
  /** Default 1. */
  numLayers?: number;
  /** Default true. */
  bias?: boolean;
  /** Default false; the reverse direction's keys end in `_reverse`. */
  bidirectional?: boolean;
}

/** One state_dict() entry. */
export interface TorchStateEntry {
  /** The shape PyTorch's tensor has. */
  readonly shape: readonly number[];
  /** What the tensor holds after construction. */
  readonly initializer: Initializer;
  /**
   * `'float32'` or `'float64'` (the `dtype` option); `'int32'` for BatchNorm's
   * `num_batches_tracked`, which PyTorch holds as a 0-d int64 (it starts at 0, so the values agree).
   */
  readonly dtype: 'float32' | 'float64' | 'int32';
  /** A learnable parameter, or a buffer (BatchNorm's running statistics). */
  readonly kind: 'parameter' | 'buffer';
  /**
   * Draws PyTorch makes into this tensor before `initializer` overwrites them, which therefore
   * advance the generator without leaving values: MultiheadAttention's `out_proj.bias` is drawn
   * by nn.Linear and then zeroed. Present only with engine 'torch'.
   */
  readonly discardedDraws?: readonly Initializer[];
  /** Rows (first-axis indices) set to zero after the draw: Embedding's `padding_idx`. */
  readonly zeroRows?: readonly number[];
}

/**
 * The entries of a module, keyed by state_dict() key. The key order is the order in which
 * PyTorch's constructor draws from the generator (see {@link materializeTorchDefaults}); it equals
 * state_dict()'s order for every module except MultiheadAttention, whose `out_proj` (an
 * nn.Linear built, and drawn, before the attention weights) comes first.
 */
export type TorchDefaults = Record<string, TorchStateEntry>;

const WHERE = 'torchDefaults';

function fail(argument: string, rule: string, value: unknown, range: boolean): never {
  const message = argumentMessage(WHERE, argument, rule, value);
  throw range
    ? new InitRangeError(message, 'ERR_INIT_INVALID_ARGUMENT')
    : new InitTypeError(message, 'ERR_INIT_INVALID_ARGUMENT');
}

function positiveInteger(options: Record<string, unknown>, name: string, fallback?: number): number {
  const value = options[name] ?? fallback;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  return fail(name, 'be a positive integer', value, typeof value === 'number');
}

function flag(options: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const value = options[name] ?? fallback;
  if (typeof value === 'boolean') return value;
  return fail(name, 'be a boolean', value, false);
}

function optionalDim(options: Record<string, unknown>, name: string, fallback: number): number {
  return options[name] === null || options[name] === undefined ? fallback : positiveInteger(options, name);
}

/** The keys each module accepts (its own and the common ones). */
const MODULE_KEYS: Record<TorchModule, readonly string[]> = (() => {
  const conv = ['inChannels', 'outChannels', 'kernelSize', 'groups', 'bias'];
  const batchNorm = ['numFeatures', 'affine', 'trackRunningStats'];
  const recurrent = ['inputSize', 'hiddenSize', 'numLayers', 'bias', 'bidirectional'];
  return {
    Linear: ['inFeatures', 'outFeatures', 'bias'],
    Bilinear: ['in1Features', 'in2Features', 'outFeatures', 'bias'],
    Conv1d: conv,
    Conv2d: conv,
    Conv3d: conv,
    ConvTranspose1d: conv,
    ConvTranspose2d: conv,
    ConvTranspose3d: conv,
    Embedding: ['numEmbeddings', 'embeddingDim', 'paddingIdx'],
    LayerNorm: ['normalizedShape', 'elementwiseAffine', 'bias'],
    GroupNorm: ['numGroups', 'numChannels', 'affine'],
    BatchNorm1d: batchNorm,
    BatchNorm2d: batchNorm,
    BatchNorm3d: batchNorm,
    RNN: [...recurrent, 'nonlinearity'],
    LSTM: [...recurrent, 'projSize'],
    GRU: recurrent,
    MultiheadAttention: ['embedDim', 'numHeads', 'bias', 'addBiasKv', 'kdim', 'vdim'],
  };
})();

const COMMON_KEYS = ['engine', 'generator', 'seed', 'dtype'];

/** How the entries of one call draw: the engine, the shared generator, the seed, the dtype. */
interface Draws {
  readonly torch: boolean;
  readonly generator: TorchGenerator | undefined;
  readonly seed: InitializerSeed | undefined;
  readonly dtype: 'float32' | 'float64';
}

function drawsOf(options: Record<string, unknown>): Draws {
  const engine = options.engine ?? 'counter';
  if (engine !== 'counter' && engine !== 'torch') fail('engine', "be 'counter' or 'torch'", engine, false);
  const dtype = options.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') fail('dtype', "be 'float32' or 'float64'", dtype, false);
  const seed = options.seed as InitializerSeed | undefined;
  let generator = options.generator;
  if (engine !== 'torch') {
    if (generator !== undefined) fail('generator', "be absent unless engine is 'torch'", generator, false);
    return { torch: false, generator: undefined, seed, dtype };
  }
  if (generator !== undefined) {
    if (!TorchGenerator.isInstance(generator)) {
      fail('generator', 'be a TorchGenerator from createTorchGenerator(seed)', generator, false);
    }
    if (seed !== undefined) fail('seed', 'be absent when a generator is given', seed, false);
  } else if (typeof seed === 'number') {
    generator = createTorchGenerator(seed);
  } else {
    fail('generator', "be given (or a numeric seed) with engine 'torch'", generator, false);
  }
  return { torch: true, generator: generator as TorchGenerator, seed: undefined, dtype };
}

/** The common options of one entry's initializer: the engine and generator, or a per-key seed. */
function entryOptions(
  draws: Draws,
  key: string,
): { engine?: 'torch'; generator?: TorchGenerator; seed?: InitializerSeed; dtype: 'float32' | 'float64' } {
  if (draws.torch) return { engine: 'torch', generator: draws.generator as TorchGenerator, dtype: draws.dtype };
  if (draws.seed === undefined) return { dtype: draws.dtype };
  const root = isKey(draws.seed) ? draws.seed : keyFromSeed(draws.seed);
  return { seed: foldIn(root, key), dtype: draws.dtype };
}

/** Collects the entries of one module in the order its constructor draws. */
class Builder {
  readonly entries: TorchDefaults = {};
  constructor(readonly draws: Draws) {}

  private add(key: string, entry: TorchStateEntry): void {
    // Defined as own enumerable data properties in insertion order; keys never look like array
    // indices, so the order is the insertion order.
    Object.defineProperty(this.entries, key, { value: Object.freeze(entry), enumerable: true });
  }

  /** `nn.init.uniform_(t, -bound, bound)`. */
  uniform(key: string, shape: number[], bound: number): void {
    const initializer = new RandomUniform({ minval: -bound, maxval: bound, ...entryOptions(this.draws, key) });
    this.add(key, { shape, initializer, dtype: this.draws.dtype, kind: 'parameter' });
  }

  /** `kaiming_uniform_(t, a=√5)`: nn.Linear's and the convolutions' weight. */
  kaimingUniformSqrt5(key: string, shape: number[]): void {
    const initializer = kaimingUniform({ a: Math.sqrt(5), ...entryOptions(this.draws, key) });
    this.add(key, { shape, initializer, dtype: this.draws.dtype, kind: 'parameter' });
  }

  xavier(key: string, shape: number[], distribution: 'uniform' | 'normal'): void {
    const options = entryOptions(this.draws, key);
    const initializer = distribution === 'uniform' ? xavierUniform(options) : xavierNormal(options);
    this.add(key, { shape, initializer, dtype: this.draws.dtype, kind: 'parameter' });
  }

  normal(key: string, shape: number[], zeroRows: readonly number[]): void {
    const initializer = new RandomNormal({ mean: 0, stddev: 1, ...entryOptions(this.draws, key) });
    const entry: TorchStateEntry = { shape, initializer, dtype: this.draws.dtype, kind: 'parameter' };
    this.add(key, zeroRows.length > 0 ? { ...entry, zeroRows: Object.freeze([...zeroRows]) } : entry);
  }

  constant(
    key: string,
    shape: number[],
    value: 0 | 1,
    kind: 'parameter' | 'buffer' = 'parameter',
    discardedDraws: readonly Initializer[] = [],
  ): void {
    const dtype = this.draws.dtype;
    const initializer = value === 0 ? new Zeros({ dtype }) : new Ones({ dtype });
    const entry: TorchStateEntry = { shape, initializer, dtype, kind };
    this.add(
      key,
      discardedDraws.length > 0 && this.draws.torch
        ? { ...entry, discardedDraws: Object.freeze([...discardedDraws]) }
        : entry,
    );
  }

  counter(key: string): void {
    this.add(key, { shape: [], initializer: new Zeros({ dtype: 'int32' }), dtype: 'int32', kind: 'buffer' });
  }
}

function kernelSizes(options: Record<string, unknown>, rank: number): number[] {
  const value = options.kernelSize;
  const sizes = typeof value === 'number' ? new Array<number>(rank).fill(value) : value;
  if (
    Array.isArray(sizes) &&
    sizes.length === rank &&
    sizes.every((size) => typeof size === 'number' && Number.isSafeInteger(size) && size > 0)
  ) {
    return sizes as number[];
  }
  return fail('kernelSize', `be a positive integer or ${rank} positive integers`, value, typeof value === 'number');
}

function convolution(builder: Builder, options: Record<string, unknown>, rank: number, transposed: boolean): void {
  const inChannels = positiveInteger(options, 'inChannels');
  const outChannels = positiveInteger(options, 'outChannels');
  const kernel = kernelSizes(options, rank);
  const groups = positiveInteger(options, 'groups', 1);
  if (inChannels % groups !== 0) fail('inChannels', `be divisible by groups (${groups})`, inChannels, true);
  if (outChannels % groups !== 0) fail('outChannels', `be divisible by groups (${groups})`, outChannels, true);
  // nn.ConvNd: [out, in / groups, ...kernel]; nn.ConvTransposeNd: [in, out / groups, ...kernel].
  const weight = transposed
    ? [inChannels, outChannels / groups, ...kernel]
    : [outChannels, inChannels / groups, ...kernel];
  builder.kaimingUniformSqrt5('weight', weight);
  if (flag(options, 'bias', true)) {
    // fan_in of the weight as _calculate_fan_in_and_fan_out counts it: shape[1] · kernel elements.
    const fanIn = kernel.reduce((product, size) => product * size, weight[1] as number);
    builder.uniform('bias', [outChannels], 1 / Math.sqrt(fanIn));
  }
}

function recurrent(builder: Builder, options: Record<string, unknown>, gates: number, projSize: number): void {
  const inputSize = positiveInteger(options, 'inputSize');
  const hiddenSize = positiveInteger(options, 'hiddenSize');
  const numLayers = positiveInteger(options, 'numLayers', 1);
  const bias = flag(options, 'bias', true);
  const directions = flag(options, 'bidirectional', false) ? 2 : 1;
  if (projSize >= hiddenSize) fail('projSize', `be smaller than hiddenSize (${hiddenSize})`, projSize, true);
  const realHidden = projSize > 0 ? projSize : hiddenSize;
  const gateSize = gates * hiddenSize;
  // RNNBase.reset_parameters: every parameter, in registration order, uniform_(−stdv, stdv).
  const stdv = 1 / Math.sqrt(hiddenSize);
  for (let layer = 0; layer < numLayers; layer++) {
    const layerInput = layer === 0 ? inputSize : realHidden * directions;
    for (let direction = 0; direction < directions; direction++) {
      const suffix = `_l${layer}${direction === 1 ? '_reverse' : ''}`;
      builder.uniform(`weight_ih${suffix}`, [gateSize, layerInput], stdv);
      builder.uniform(`weight_hh${suffix}`, [gateSize, realHidden], stdv);
      if (bias) {
        builder.uniform(`bias_ih${suffix}`, [gateSize], stdv);
        builder.uniform(`bias_hh${suffix}`, [gateSize], stdv);
      }
      if (projSize > 0) builder.uniform(`weight_hr${suffix}`, [projSize, hiddenSize], stdv);
    }
  }
}

function batchNorm(builder: Builder, options: Record<string, unknown>): void {
  const features = positiveInteger(options, 'numFeatures');
  if (flag(options, 'affine', true)) {
    builder.constant('weight', [features], 1);
    builder.constant('bias', [features], 0);
  }
  if (flag(options, 'trackRunningStats', true)) {
    builder.constant('running_mean', [features], 0, 'buffer');
    builder.constant('running_var', [features], 1, 'buffer');
    builder.counter('num_batches_tracked');
  }
}

function multiheadAttention(builder: Builder, options: Record<string, unknown>): void {
  const embedDim = positiveInteger(options, 'embedDim');
  const numHeads = positiveInteger(options, 'numHeads');
  if (embedDim % numHeads !== 0) fail('embedDim', `be divisible by numHeads (${numHeads})`, embedDim, true);
  const kdim = optionalDim(options, 'kdim', embedDim);
  const vdim = optionalDim(options, 'vdim', embedDim);
  const bias = flag(options, 'bias', true);
  const addBiasKv = flag(options, 'addBiasKv', false);
  // The constructor builds out_proj, an nn.Linear, whose reset_parameters draws its weight and
  // bias; only then does _reset_parameters draw the projections and zero the biases.
  builder.kaimingUniformSqrt5('out_proj.weight', [embedDim, embedDim]);
  if (bias) {
    const linearBias = new RandomUniform({
      minval: -1 / Math.sqrt(embedDim),
      maxval: 1 / Math.sqrt(embedDim),
      ...entryOptions(builder.draws, 'out_proj.bias'),
    });
    builder.constant('out_proj.bias', [embedDim], 0, 'parameter', [linearBias]);
  }
  if (kdim === embedDim && vdim === embedDim) {
    builder.xavier('in_proj_weight', [3 * embedDim, embedDim], 'uniform');
  } else {
    builder.xavier('q_proj_weight', [embedDim, embedDim], 'uniform');
    builder.xavier('k_proj_weight', [embedDim, kdim], 'uniform');
    builder.xavier('v_proj_weight', [embedDim, vdim], 'uniform');
  }
  if (bias) builder.constant('in_proj_bias', [3 * embedDim], 0);
  if (addBiasKv) {
    builder.xavier('bias_k', [1, 1, embedDim], 'normal');
    builder.xavier('bias_v', [1, 1, embedDim], 'normal');
  }
}

function build(module: TorchModule, builder: Builder, options: Record<string, unknown>): void {
  switch (module) {
    case 'Linear': {
      const inFeatures = positiveInteger(options, 'inFeatures');
      const outFeatures = positiveInteger(options, 'outFeatures');
      builder.kaimingUniformSqrt5('weight', [outFeatures, inFeatures]);
      if (flag(options, 'bias', true)) builder.uniform('bias', [outFeatures], 1 / Math.sqrt(inFeatures));
      return;
    }
    case 'Bilinear': {
      const in1 = positiveInteger(options, 'in1Features');
      const in2 = positiveInteger(options, 'in2Features');
      const outFeatures = positiveInteger(options, 'outFeatures');
      const bound = 1 / Math.sqrt(in1);
      builder.uniform('weight', [outFeatures, in1, in2], bound);
      if (flag(options, 'bias', true)) builder.uniform('bias', [outFeatures], bound);
      return;
    }
    case 'Conv1d':
    case 'Conv2d':
    case 'Conv3d':
      convolution(builder, options, Number(module[4]), false);
      return;
    case 'ConvTranspose1d':
    case 'ConvTranspose2d':
    case 'ConvTranspose3d':
      convolution(builder, options, Number(module[13]), true);
      return;
    case 'Embedding': {
      const rows = positiveInteger(options, 'numEmbeddings');
      const columns = positiveInteger(options, 'embeddingDim');
      const paddingIdx = options.paddingIdx ?? null;
      if (
        paddingIdx !== null &&
        !(Number.isSafeInteger(paddingIdx) && (paddingIdx as number) >= -rows && (paddingIdx as number) < rows)
      ) {
        fail('paddingIdx', `be an integer in [-${rows}, ${rows}) or null`, paddingIdx, typeof paddingIdx === 'number');
      }
      // A negative padding_idx counts from the end, as in PyTorch.
      const zeroRows = paddingIdx === null ? [] : [((paddingIdx as number) + rows) % rows];
      builder.normal('weight', [rows, columns], zeroRows);
      return;
    }
    case 'LayerNorm': {
      const raw = options.normalizedShape;
      const shape = typeof raw === 'number' ? [raw] : raw;
      if (
        !Array.isArray(shape) ||
        shape.length === 0 ||
        !shape.every((dim) => typeof dim === 'number' && Number.isSafeInteger(dim) && dim > 0)
      ) {
        fail('normalizedShape', 'be a positive integer or a non-empty list of them', raw, typeof raw === 'number');
      }
      if (flag(options, 'elementwiseAffine', true)) {
        builder.constant('weight', [...(shape as number[])], 1);
        if (flag(options, 'bias', true)) builder.constant('bias', [...(shape as number[])], 0);
      }
      return;
    }
    case 'GroupNorm': {
      const groups = positiveInteger(options, 'numGroups');
      const channels = positiveInteger(options, 'numChannels');
      if (channels % groups !== 0) fail('numChannels', `be divisible by numGroups (${groups})`, channels, true);
      if (flag(options, 'affine', true)) {
        builder.constant('weight', [channels], 1);
        builder.constant('bias', [channels], 0);
      }
      return;
    }
    case 'BatchNorm1d':
    case 'BatchNorm2d':
    case 'BatchNorm3d':
      batchNorm(builder, options);
      return;
    case 'RNN': {
      const nonlinearity = options.nonlinearity ?? 'tanh';
      if (nonlinearity !== 'tanh' && nonlinearity !== 'relu')
        fail('nonlinearity', "be 'tanh' or 'relu'", nonlinearity, false);
      recurrent(builder, options, 1, 0);
      return;
    }
    case 'LSTM': {
      const projSize = options.projSize ?? 0;
      if (!(typeof projSize === 'number' && Number.isSafeInteger(projSize) && projSize >= 0)) {
        fail('projSize', 'be a non-negative integer', projSize, typeof projSize === 'number');
      }
      recurrent(builder, options, 4, projSize as number);
      return;
    }
    case 'GRU':
      recurrent(builder, options, 3, 0);
      return;
    case 'MultiheadAttention':
      multiheadAttention(builder, options);
      return;
  }
}

/**
 * What PyTorch's `torch.nn.<module>(...)` holds right after construction: for every
 * `state_dict()` key, the tensor's shape and an initializer with the module's `reset_parameters`
 * formula (nn.Linear: weight `kaiming_uniform_(a=√5)`, i.e. uniform ±1/√inFeatures, bias uniform
 * ±1/√inFeatures; RNNs: every parameter uniform ±1/√hiddenSize; Embedding: N(0, 1) with the
 * padding row zero; norms: ones and zeros; …).
 *
 * With `{ engine: 'torch', generator }` the values are PyTorch's bit for bit when the entries are
 * applied in key order, which is the order in which PyTorch's constructor draws (use
 * {@link materializeTorchDefaults}). Options are the constructor's arguments, camelCased
 * (`in_features` → `inFeatures`); arguments that do not shape the parameters (stride, padding,
 * dropout, batch_first, …) are not taken.
 *
 * @example
 * ```ts
 * const generator = createTorchGenerator(0); // torch.manual_seed(0)
 * const linear = materializeTorchDefaults(
 *   torchDefaults('Linear', { inFeatures: 300, outFeatures: 100, engine: 'torch', generator }),
 * ); // nn.Linear(300, 100).state_dict(), bit for bit
 * linear.weight.shape; // [100, 300]
 * ```
 * @throws InitTypeError for an unknown module, an unknown option or one of the wrong type;
 *   InitRangeError for sizes that are not positive integers or do not divide as PyTorch requires.
 */
export function torchDefaults<M extends TorchModule>(
  module: M,
  options: TorchModuleOptions[M] & TorchDefaultsCommonOptions,
): TorchDefaults {
  if (typeof module !== 'string' || !(TORCH_MODULES as readonly string[]).includes(module)) {
    throw new InitTypeError(
      argumentMessage(WHERE, 'module', `be one of ${TORCH_MODULES.map((name) => `'${name}'`).join(', ')}`, module),
      'ERR_INIT_UNKNOWN_IDENTIFIER',
    );
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return fail('options', 'be an object', options, false);
  }
  const record = options as unknown as Record<string, unknown>;
  const allowed = [...MODULE_KEYS[module], ...COMMON_KEYS];
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) {
      fail('options', `have only the keys ${allowed.join(', ')} for ${module}`, key, false);
    }
  }
  const builder = new Builder(drawsOf(record));
  build(module, builder, record);
  return Object.freeze(builder.entries);
}

/**
 * Makes the tensors of {@link torchDefaults}' entries, in key order: for each entry, its
 * discarded draws (applied and dropped), then its initializer, then its zero rows. With engine
 * 'torch' this is the order in which PyTorch's constructor consumes the generator, so the result
 * equals the module's `state_dict()` bit for bit. Each call draws anew (a shared generator moves on).
 *
 * @example
 * ```ts
 * const state = materializeTorchDefaults(torchDefaults('LSTM', { inputSize: 8, hiddenSize: 16, engine: 'torch', seed: 0 }));
 * state.weight_ih_l0.shape; // [64, 8]
 * ```
 */
export function materializeTorchDefaults(defaults: TorchDefaults): Record<string, Tensor> {
  const result: Record<string, Tensor> = {};
  for (const [key, entry] of Object.entries(defaults)) {
    for (const draw of entry.discardedDraws ?? []) draw.apply(entry.shape, entry.dtype);
    const tensor = entry.initializer.apply(entry.shape, entry.dtype);
    if (entry.zeroRows !== undefined && entry.shape.length > 0) {
      const rowLength = tensor.data.length / (entry.shape[0] as number);
      for (const row of entry.zeroRows) tensor.data.fill(0, row * rowLength, (row + 1) * rowLength);
    }
    Object.defineProperty(result, key, { value: tensor, enumerable: true, writable: true, configurable: true });
  }
  return result;
}
