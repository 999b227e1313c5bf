import {
  InitRangeError,
  InitTypeError,
  argumentMessage,
  createTorchGenerator,
  freshKey,
  keyToString,
  TorchGenerator,
  oneOf,
  type OptionValues,
} from '@init/random';
import type { Key } from '@init/random';
import type { CallerNames } from './caller.js';
import { assertFloatDType, type DType, type FloatDType, type TypedArray } from './dtype.js';
import { Initializer, type FillRequest } from './initializer.js';
import { forEachRun } from './partition.js';
import { assertSeed, callKey, keyOf, seedToConfig, type InitializerSeed, type SeedConfig } from './seed.js';

/**
 * Which random stream an initializer draws from.
 * - `'counter'` (default): @init/random's counter-based stream. Element i of a tensor depends only
 *   on the key and i, so shards are exact slices and values never depend on call order.
 * - `'tfjs'`: seedrandom's Alea driven as TensorFlow.js 4.22 drives it, so the values equal
 *   `@tensorflow/tfjs-layers`'s for the same numeric seed. Sequential: it refuses partitionInfo.
 * - `'torch'`: PyTorch's CPU generator (MT19937) and PyTorch's own conversions, so the values equal
 *   PyTorch's `uniform_`/`normal_` (and the `nn.init` functions built on them) bit for bit. Give
 *   either a `generator` from `createTorchGenerator(seed)`, shared and advanced by every call as
 *   PyTorch's global generator is, or a numeric `seed`, which starts each call from
 *   `torch.manual_seed(seed)`. Sequential: it refuses partitionInfo. float32 and float64 only.
 */
export type Engine = 'counter' | 'tfjs' | 'torch';

/** The engines, in the order error messages list them. */
export const ENGINES: readonly Engine[] = Object.freeze(['counter', 'tfjs', 'torch']);

/** What {@link RandomInitializer.drawCounter} needs of a prepared sampler (`prepareUniform(key, …)`, …). */
export interface RunSampler {
  fillRuns(out: never, runs: ArrayLike<number>): unknown;
}

/** The options every random initializer shares. */
export interface RandomInitializerOptions {
  /**
   * Makes the initializer pure: the same values on every call, platform and release of the same
   * major version. Without it, each call draws a fresh key (reproducible after `setGlobalSeed`).
   */
  readonly seed?: InitializerSeed;
  /** The default dtype of the tensors it makes. Default `'float32'`. */
  readonly dtype?: FloatDType;
  /** The random stream. Default `'counter'`. */
  readonly engine?: Engine;
  /**
   * With engine `'torch'` only: the PyTorch generator to draw from (`createTorchGenerator(seed)`
   * of @init/random). Every call advances it, as in-place calls advance PyTorch's generator, so one
   * generator passed to several initializers applied in PyTorch's order reproduces a whole
   * module. It is state, not configuration: `getConfig()` leaves it out (see the README).
   */
  readonly generator?: TorchGenerator;
}

/**
 * The config keys every random initializer writes. `D` is the class's dtype type: a float dtype for
 * all but RandomUniform, which may also draw int32.
 */
export type RandomInitializerConfig<D extends DType = FloatDType> = {
  seed: SeedConfig;
  dtype: D;
  engine: Engine;
};

/**
 * The base of the initializers that draw random numbers: it holds the seed, engine and dtype, and
 * maps a request onto the random stream (each contiguous run of a shard is drawn at its offset in
 * the full tensor). `D` is the type of its default dtype: `FloatDType`, or wider for a class that can
 * also draw integers (RandomUniform).
 */
export abstract class RandomInitializer<D extends DType = FloatDType> extends Initializer {
  abstract override readonly dtype: D;
  /** The seed as given (undefined when unseeded). */
  readonly seed: InitializerSeed | undefined;
  readonly engine: Engine;
  /** The PyTorch generator given with engine 'torch', or undefined. */
  readonly generator: TorchGenerator | undefined;
  private readonly key: Key | undefined;

  /**
   * @param options the options as read by `readOptions` (a subclass reads all of its options once,
   *   then passes the copy); this reads `seed` and `engine`.
   * @param engines the engines the class can draw with; counter-only classes pass `['counter']`,
   *   so an `engine` option slipped past their types is refused rather than ignored.
   * @param caller how the caller wrote it, when a function builds it for them (see `CallerNames`).
   */
  protected constructor(
    options: OptionValues<'seed' | 'engine' | 'generator'>,
    engines: readonly Engine[] = ENGINES,
    caller?: CallerNames,
  ) {
    super();
    const where = this.speakAs(caller);
    this.engine = oneOf(where, 'engine', options.engine, engines, 'counter');
    this.seed = assertSeed(where, options.seed, this.engine);
    this.generator = checkGenerator(where, this.engine, this.seed, options.generator);
    this.key = this.engine === 'counter' ? keyOf(this.seed) : undefined;
  }

  /** TF1's `_assert_float_dtype`: random initializers make floating-point tensors. */
  protected override checkDType(dtype: DType): DType {
    const checked = assertFloatDType(this.where, dtype);
    if (this.engine === 'torch') requireTorchDType(this.where, checked);
    return checked;
  }

  /** The 'tfjs' engine draws in float32 and converts: a float32 staging array for other dtypes. */
  protected override scratchBytes(request: FillRequest): number {
    return this.engine === 'tfjs' && request.dtype !== 'float32' && request.dtype !== 'int32' ? request.size * 4 : 0;
  }

  /** The config keys shared by every random initializer. */
  protected randomConfig(): RandomInitializerConfig<D> {
    return { seed: seedToConfig(this.seed), dtype: this.dtype, engine: this.engine };
  }

  /**
   * The key of one call: the seed's key when seeded, otherwise a fresh one (reproducible after
   * `setGlobalSeed`). Counter-based draws that do not go through {@link drawCounter} (a matrix drawn
   * whole, as Orthogonal's) take their key here.
   */
  protected callKey(): Key {
    return callKey(this.key);
  }

  /**
   * Draws from the counter-based stream: `prepare(key)` checks the distribution's options once and
   * returns @init/random's prepared sampler, which then fills every contiguous run of the request
   * (one run for a whole tensor or a row shard, one per row for a column shard) in a single call,
   * at its flat index in the full tensor. One key serves every run of the call.
   */
  protected drawCounter(out: TypedArray, request: FillRequest, prepare: (key: Key) => RunSampler): void {
    const sampler = prepare(this.callKey());
    const runs: number[] = [];
    forEachRun(request.shape, request.partition, (localStart, fullStart, length) => {
      runs.push(localStart, fullStart, length);
    });
    sampler.fillRuns(out as never, runs);
  }

  /**
   * The numeric seed for the TensorFlow.js engine, which draws a whole tensor in sequence and so
   * cannot make a slice on its own.
   * @throws InitRangeError (ERR_INIT_INVALID_PARTITION) when the request is a shard.
   */
  protected tfjsSeed(request: FillRequest): number | undefined {
    if (request.partition !== undefined) {
      throw new InitRangeError(
        `${this.where}: partitionInfo must be absent with engine 'tfjs', whose stream is sequential; ` +
          `use engine 'counter' for shards. Received: ${JSON.stringify(request.partition)}.`,
        'ERR_INIT_INVALID_PARTITION',
      );
    }
    return this.seed as number | undefined;
  }

  /**
   * The PyTorch generator for one call: the one given (advanced by the call), or a new one seeded
   * as `torch.manual_seed(seed)` (the seed, or a fresh one per call when unseeded, reproducible
   * after setGlobalSeed).
   * @throws InitRangeError (ERR_INIT_INVALID_PARTITION) for a shard; InitTypeError for a dtype
   *   other than float32 and float64.
   */
  protected torchGenerator(request: FillRequest): TorchGenerator {
    if (request.partition !== undefined) {
      throw new InitRangeError(
        `${this.where}: partitionInfo must be absent with engine 'torch', whose stream is sequential; ` +
          `use engine 'counter' for shards. Received: ${JSON.stringify(request.partition)}.`,
        'ERR_INIT_INVALID_PARTITION',
      );
    }
    requireTorchDType(this.where, request.dtype);
    if (this.generator !== undefined) return this.generator;
    // A fresh 64-bit seed from the key stream (reproducible after setGlobalSeed).
    return createTorchGenerator((this.seed as number | undefined) ?? BigInt(`0x${keyToString(freshKey()).slice(4)}`));
  }
}

/**
 * The torch engine makes PyTorch's float32 and float64 (its half-precision and integer kernels
 * are other code paths, not reproduced here).
 * @throws InitTypeError (ERR_INIT_INVALID_DTYPE) for any other dtype.
 */
export function requireTorchDType(where: string, dtype: DType): void {
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new InitTypeError(
      argumentMessage(where, 'dtype', "be 'float32' or 'float64' with engine 'torch'", dtype),
      'ERR_INIT_INVALID_DTYPE',
    );
  }
}

/** Checks `generator` against the engine and the seed: a TorchGenerator, only with engine 'torch' and no seed. */
function checkGenerator(
  where: string,
  engine: Engine,
  seed: InitializerSeed | undefined,
  generator: unknown,
): TorchGenerator | undefined {
  if (engine === 'torch' && seed !== undefined && typeof seed !== 'number') {
    throw new InitTypeError(
      argumentMessage(
        where,
        'seed',
        "be a number (or absent) with engine 'torch', as torch.manual_seed takes it",
        seed,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (generator === undefined) return undefined;
  if (engine !== 'torch') {
    throw new InitTypeError(
      argumentMessage(where, 'generator', "be absent unless engine is 'torch'", generator),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (!TorchGenerator.isInstance(generator)) {
    throw new InitTypeError(
      argumentMessage(where, 'generator', 'be a TorchGenerator from createTorchGenerator(seed)', generator),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (seed !== undefined) {
    throw new InitTypeError(
      argumentMessage(where, 'seed', 'be absent when a generator is given (the generator carries the seed)', seed),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  return generator;
}
