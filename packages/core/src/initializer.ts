import { allocate, allocating, assertArrayFitsDType, assertDType, BYTES_PER_ELEMENT, dtypeForArray } from './dtype.js';
import type { DType, TypedArray } from './dtype.js';
import { InitRangeError, readOptions } from '@init/random';
import { assertPartition, type PartitionInfo } from './partition.js';
import { assertFlatIndexable, assertShape, requireByteBudget, sizeOf } from './shape.js';
import type { Tensor } from './tensor.js';
import { readCallerNames, type CallerNames, type CallerOption } from './caller.js';

/** Options of {@link Initializer.fill}. */
export interface FillOptions {
  /** The dtype to write; by default the initializer's dtype if `out` holds it, else what `out` implies. */
  readonly dtype?: DType;
  /** Where this shard sits in the full tensor; the values are then exactly that slice of the full tensor. */
  readonly partitionInfo?: PartitionInfo;
}

/**
 * One validated request, as subclasses see it: the shard's shape and size, the dtype, and the
 * partition (undefined for a whole tensor). `fullShape` is the shape that scales and fans come from.
 */
export interface FillRequest {
  readonly shape: readonly number[];
  readonly size: number;
  readonly dtype: DType;
  readonly partition: PartitionInfo | undefined;
  readonly fullShape: readonly number[];
}

/**
 * The base class of every initializer: something that makes a tensor of a given shape and dtype.
 *
 * Subclasses validate their options in the constructor, so a bad option fails where it was written,
 * and implement `generate`, which writes the values of one request into a buffer of the right size.
 * `apply` and `fill` do the shared checks (shape, dtype, partition, buffer) once, here.
 */
export abstract class Initializer {
  /**
   * The name the class is serialized under (Keras's spelling). A string, not `constructor.name`,
   * so it survives minification.
   */
  static readonly className: string = 'Initializer';

  /** The dtype used when a call names none. */
  abstract readonly dtype: DType;

  /**
   * How the caller wrote this initializer, when a function built it for them (see
   * {@link CallerNames}); undefined when the caller constructed the class itself.
   */
  protected caller: CallerNames | undefined = undefined;

  /**
   * Makes errors speak in the caller's terms: a built-in class whose constructor takes a `caller`
   * calls this first, before it reads its options. It is a method rather than a parameter of this
   * constructor so that a class of your own with no constructor, which `deserialize` builds as
   * `new cls(config)`, never has its config read as a caller.
   * @param caller how the caller wrote it, when a function builds it for them: errors then name the
   *   function and the caller's options (see {@link CallerNames}).
   * @returns the name errors start with from now on (see `where`).
   * @throws InitTypeError for a malformed `caller`.
   */
  protected speakAs(caller: CallerNames | undefined): string {
    this.caller = readCallerNames(this.className, caller);
    return this.where;
  }

  /** The class's serialized name. */
  get className(): string {
    return (this.constructor as typeof Initializer).className;
  }

  /** The name every error starts with: the caller's function when one built this, else the class name. */
  protected get where(): string {
    return this.caller?.name ?? this.className;
  }

  /**
   * How an error names one of this class's options: as the caller wrote it (their option and value)
   * when a function derived it from another option of theirs, else `option` itself with `value`.
   */
  protected argument(option: string, value: unknown): CallerOption {
    return this.caller?.options?.[option] ?? { name: option, value };
  }

  /**
   * Makes a new tensor of `shape`.
   * @param shape non-negative integer dims; `[]` is a scalar.
   * @param dtype defaults to the initializer's dtype.
   * @param partitionInfo makes the result the slice `[varOffset, varOffset + shape)` of the tensor
   *   that `apply(partitionInfo.fullShape)` returns; scales are computed from the full shape.
   * @throws InitTypeError / InitRangeError on a bad shape, dtype or partition.
   */
  apply(shape: readonly number[]): Tensor;
  apply<D extends DType>(shape: readonly number[], dtype: D, partitionInfo?: PartitionInfo): Tensor<D>;
  apply(shape: readonly number[], dtype: undefined, partitionInfo: PartitionInfo): Tensor;
  apply(shape: readonly number[], dtype?: DType, partitionInfo?: PartitionInfo): Tensor {
    const request = this.request(shape, dtype === undefined ? this.dtype : dtype, partitionInfo);
    const outputBytes = request.size * BYTES_PER_ELEMENT[request.dtype];
    requireByteBudget(this.where, request.shape, request.dtype, outputBytes + this.scratchBytes(request));
    const data = allocating(this.where, request.shape, request.dtype, outputBytes, () =>
      allocate(request.dtype, request.size),
    );
    this.generate(data, request);
    return Object.freeze({ shape: Object.freeze([...request.shape]), dtype: request.dtype, data });
  }

  /**
   * Writes the values for `shape` into a caller's buffer (a framework's own tensor storage) without
   * allocating the result, and returns that buffer. The values are exactly those `apply` returns.
   * @throws InitRangeError when `out.length` differs from the shape's size;
   *   InitTypeError when `out` cannot hold the dtype.
   */
  fill<T extends TypedArray>(out: T, shape: readonly number[], options?: FillOptions): T {
    const where = this.where;
    const { dtype: rawDType, partitionInfo } = readOptions(where, options, ['dtype', 'partitionInfo']);
    const dtype = rawDType === undefined ? dtypeForArray(where, out, this.dtype) : assertDType(where, rawDType);
    const request = this.request(shape, dtype, partitionInfo);
    assertArrayFitsDType(where, out, request.dtype);
    if (out.length !== request.size) {
      throw new InitRangeError(
        `${where}: out must have ${request.size} elements for shape [${request.shape.join(', ')}]. Received: ${out.length} elements.`,
        'ERR_INIT_INVALID_SHAPE',
      );
    }
    requireByteBudget(where, request.shape, request.dtype, this.scratchBytes(request));
    this.generate(out, request);
    return out;
  }

  /** The options that rebuild this initializer: JSON-safe, read back by `deserialize`. */
  abstract getConfig(): Record<string, unknown>;

  /** Writes the values of a validated request into `out`, whose length is `request.size`. */
  protected abstract generate(out: TypedArray, request: FillRequest): void;

  /**
   * The bytes of scratch memory `generate` allocates for a request besides the output, for the
   * byte budget checked before any allocation. Classes that allocate (Orthogonal's matrix, the
   * 'tfjs' engine's float32 staging) override it.
   */
  protected scratchBytes(_request: FillRequest): number {
    return 0;
  }

  /** Checks the dtype against what this class supports; float-only classes override it. */
  protected checkDType(dtype: DType): DType {
    return dtype;
  }

  private request(shape: readonly number[], dtype: unknown, partitionInfo: unknown): FillRequest {
    const where = this.where;
    const checkedShape = assertShape(where, shape);
    const checkedDType = this.checkDType(assertDType(where, dtype));
    const partition = partitionInfo === undefined ? undefined : assertPartition(where, checkedShape, partitionInfo);
    const fullShape = partition?.fullShape ?? checkedShape;
    if (partition !== undefined) assertFlatIndexable(where, fullShape);
    return {
      shape: checkedShape,
      size: sizeOf(where, checkedShape),
      dtype: checkedDType,
      partition,
      fullShape,
    };
  }
}
