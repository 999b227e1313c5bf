/**
 * PyTorch's CPU generator (`at::CPUGeneratorImpl`): an MT19937 stream, seeded as
 * `torch.manual_seed(seed)` seeds it, plus the one cached normal sample PyTorch keeps between calls.
 *
 * What PyTorch does, and this class therefore does:
 * - `manual_seed(s)` takes `s` modulo 2^64 (a negative Python int wraps), remembers it for
 *   `initial_seed()`, seeds MT19937 with `s mod 2^32` (`init_genrand`) and clears the cached normal.
 * - `random()` is one 32-bit output; `random64()` is two, the first one in the high half.
 * - The scalar normal sampler (`at::normal_distribution<double>`, used by `normal_` on tensors of
 *   fewer than 16 elements or non-contiguous ones) makes a Box–Muller pair, returns one value and
 *   caches the other in the generator; the next scalar normal draw, even in a later call, returns
 *   the cached one. `manual_seed` clears it.
 *
 * The distributions built on it are in `distributions/torch.ts`.
 */

import { InitRangeError, InitTypeError, argumentMessage } from '../errors.js';
import { Mt19937 } from './mt19937.js';

const marker = Symbol.for('@init/random/TorchGenerator');

/** What `createTorchGenerator` takes: an integer as `torch.manual_seed` takes it. */
export type TorchSeed = number | bigint;

const TWO_POW_64 = 1n << 64n;

/** `s mod 2^64` as PyTorch stores it, after checking that `s` is an integer in [−2^63, 2^64). */
function normalizeSeed(where: string, seed: unknown): bigint {
  if (typeof seed === 'number' && Number.isSafeInteger(seed)) return BigInt.asUintN(64, BigInt(seed));
  if (typeof seed === 'bigint' && seed >= -(1n << 63n) && seed < TWO_POW_64) return BigInt.asUintN(64, seed);
  const message = argumentMessage(
    where,
    'seed',
    'be a safe integer or a bigint in [-2^63, 2^64), as torch.manual_seed takes',
    seed,
  );
  throw typeof seed === 'number' || typeof seed === 'bigint'
    ? new InitRangeError(message, 'ERR_INIT_INVALID_ARGUMENT')
    : new InitTypeError(message, 'ERR_INIT_INVALID_ARGUMENT');
}

/**
 * PyTorch's CPU random generator. Stateful: every draw advances it, so successive fills continue
 * one stream exactly as successive in-place calls (`uniform_`, `normal_`, a module's constructor)
 * continue `torch`'s global generator after `torch.manual_seed`.
 */
export class TorchGenerator {
  private mt: Mt19937;
  private seed: bigint;
  /** The second value of the last scalar Box–Muller pair, or undefined. */
  private cachedNormal: number | undefined;

  /** @internal Use {@link createTorchGenerator}. */
  constructor(seed: TorchSeed) {
    this.seed = normalizeSeed('createTorchGenerator', seed);
    this.mt = new Mt19937(Number(this.seed & 0xffffffffn));
    this.cachedNormal = undefined;
    Object.defineProperty(this, marker, { value: true });
  }

  /** True for a TorchGenerator from any installed copy of @init/random. */
  static isInstance(value: unknown): value is TorchGenerator {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  /** `torch.initial_seed()`: the seed as PyTorch stores it, in [0, 2^64). */
  initialSeed(): bigint {
    return this.seed;
  }

  /** `torch.manual_seed(seed)`: restarts the stream and clears the cached normal. Returns this. */
  manualSeed(seed: TorchSeed): this {
    this.seed = normalizeSeed('TorchGenerator.manualSeed', seed);
    this.mt = new Mt19937(Number(this.seed & 0xffffffffn));
    this.cachedNormal = undefined;
    return this;
  }

  /**
   * A copy at the same point of the stream (PyTorch's `get_state`/`set_state` pair, or
   * `Generator.clone_state`): drawing from one does not move the other.
   */
  clone(): TorchGenerator {
    const copy = Object.create(TorchGenerator.prototype) as TorchGenerator;
    copy.mt = this.mt.clone();
    copy.seed = this.seed;
    copy.cachedNormal = this.cachedNormal;
    Object.defineProperty(copy, marker, { value: true });
    return copy;
  }

  /** `random()`: the next 32-bit output, in [0, 2^32). */
  random(): number {
    return this.mt.next();
  }

  /**
   * The low 53 bits of `random64()` (first output high, second low) scaled by 2^−53: PyTorch's
   * double uniform on [0, 1). 53-bit integers and their products by 2^−53 are exact in a double.
   */
  randomDouble53(): number {
    const high = this.mt.next();
    const low = this.mt.next();
    return ((high & 0x1fffff) * 4294967296 + low) * 1.1102230246251565e-16;
  }

  /** @internal The cached scalar normal, consumed by the read (see the class notes). */
  takeCachedNormal(): number | undefined {
    const value = this.cachedNormal;
    this.cachedNormal = undefined;
    return value;
  }

  /** @internal Stores the second value of a scalar Box–Muller pair. */
  setCachedNormal(value: number): void {
    this.cachedNormal = value;
  }
}

/**
 * PyTorch's CPU generator seeded as `torch.manual_seed(seed)` seeds it: a fresh
 * `torch.Generator().manual_seed(seed)`, or the global generator right after `torch.manual_seed`.
 *
 * Pass it to `fillUniformTorch`/`fillNormalTorch`, to @init/core's initializers as
 * `{ engine: 'torch', generator }`, or to @init/presets' `torchDefaults`; each draw continues the
 * stream where the last one stopped.
 *
 * @example
 * ```ts
 * const generator = createTorchGenerator(0);
 * fillUniformTorch(new Float32Array(3), generator); // torch.manual_seed(0); torch.rand(3)
 * // Float32Array [0.49625658988952637, 0.7682217955589294, 0.08847743272781372]
 * ```
 * @throws InitRangeError / InitTypeError when seed is not an integer in [−2^63, 2^64).
 */
export function createTorchGenerator(seed: TorchSeed): TorchGenerator {
  return new TorchGenerator(seed);
}
