import { InitRangeError, InitTypeError, argumentMessage } from '@init/random';
import type { Key } from '@init/random';
import { assertFloatDType, type DType, type FloatDType, type TypedArray } from './dtype.js';
import { Initializer, type FillRequest } from './initializer.js';
import { oneOf } from './numbers.js';
import { forEachRun } from './partition.js';
import { assertSeed, callKey, keyOf, seedToConfig, type InitializerSeed, type SeedConfig } from './seed.js';

/**
 * Which random stream an initializer draws from.
 * - `'counter'` (default): @init/random's counter-based stream. Element i of a tensor depends only
 *   on the key and i, so shards are exact slices and values never depend on call order.
 * - `'tfjs'`: seedrandom's Alea driven as TensorFlow.js 4.22 drives it, so the values equal
 *   `@tensorflow/tfjs-layers`'s for the same numeric seed. Sequential: it refuses partitionInfo.
 */
export type Engine = 'counter' | 'tfjs';

/** The engines, in the order error messages list them. */
export const ENGINES: readonly Engine[] = Object.freeze(['counter', 'tfjs']);

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
  private readonly key: Key | undefined;

  /**
   * @param engines the engines the class can draw with; counter-only classes pass `['counter']`,
   *   so an `engine` option slipped past their types is refused rather than ignored.
   */
  protected constructor(options: Omit<RandomInitializerOptions, 'dtype'>, engines: readonly Engine[] = ENGINES) {
    super();
    const where = this.className;
    this.seed = assertSeed(where, options.seed);
    this.engine = oneOf(where, 'engine', options.engine ?? 'counter', engines);
    if (this.engine === 'tfjs' && this.seed !== undefined && typeof this.seed !== 'number') {
      throw new InitTypeError(
        argumentMessage(
          where,
          'seed',
          "be a number (or absent) with engine 'tfjs', as TensorFlow.js takes it",
          this.seed,
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    this.key = this.engine === 'counter' ? keyOf(this.seed) : undefined;
  }

  /** TF1's `_assert_float_dtype`: random initializers make floating-point tensors. */
  protected override checkDType(dtype: DType): DType {
    return assertFloatDType(this.className, dtype);
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
        `${this.className}: partitionInfo must be absent with engine 'tfjs', whose stream is sequential; ` +
          `use engine 'counter' for shards. Received: ${JSON.stringify(request.partition)}.`,
        'ERR_INIT_INVALID_PARTITION',
      );
    }
    return this.seed as number | undefined;
  }
}
