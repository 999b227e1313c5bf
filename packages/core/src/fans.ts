import { InitRangeError, InitTypeError, argumentMessage, describeValue, isPlainObject, oneOf } from '@init/random';
import { assertShape } from './shape.js';

/** How a weight's axes are laid out. */
export type FanLayout = 'tf' | 'torch';

/** Input and output units of a weight, as variance-scaling initializers use them. */
export interface Fans {
  readonly fanIn: number;
  readonly fanOut: number;
}

/** An axis, or a list of axes; negative axes count from the end (−1 is the last). */
export type AxisSpec = number | readonly number[];

/**
 * JAX's fan axes (`jax.nn.initializers.variance_scaling(in_axis, out_axis, batch_axis)`): the axes
 * of the inputs, of the outputs, and of a batch of independent weights. Every other axis is the
 * receptive field, so `fanIn = ∏ shape[inAxis] · receptiveField` and
 * `fanOut = ∏ shape[outAxis] · receptiveField`. Defaults: `inAxis −2`, `outAxis −1`, `batchAxis []`.
 */
export interface FanAxes {
  readonly inAxis?: AxisSpec;
  readonly outAxis?: AxisSpec;
  readonly batchAxis?: AxisSpec;
}

/**
 * Keras 3's fan axes (`VarianceScaling(input_axes=, output_axes=)`, Keras ≥ 3.16), given together:
 * `fanIn = ∏ shape[inputAxes]`, `fanOut = ∏ shape[outputAxes]`, and every other axis is ignored
 * (no receptive field). Keras's EinsumDense lists every axis, where both rules agree.
 */
export interface KerasFanAxes {
  readonly inputAxes: AxisSpec;
  readonly outputAxes: AxisSpec;
}

/** The second argument of {@link computeFans}: a layout, or axes by JAX's or Keras's rule. */
export type FanRule = FanLayout | FanAxes | KerasFanAxes;

/** The weight layouts, in the order error messages list them. */
export const LAYOUTS: readonly FanLayout[] = Object.freeze(['tf', 'torch']);

const JAX_KEYS: readonly string[] = ['inAxis', 'outAxis', 'batchAxis'];
const KERAS_KEYS: readonly string[] = ['inputAxes', 'outputAxes'];

/**
 * The number of input and output units of a weight shape.
 *
 * With a layout (TF1's `_compute_fans` rules):
 * - rank 0: `fanIn = fanOut = 1` (constants);
 * - rank 1: `fanIn = fanOut = shape[0]`;
 * - `'tf'` layout (TensorFlow, Keras, TensorFlow.js): a dense kernel is `[in, out]` and a
 *   convolution kernel `[...kernel, in, out]`, so `fanIn = in · receptiveField` and
 *   `fanOut = out · receptiveField`, with `receptiveField` the product of the kernel dims;
 * - `'torch'` layout (PyTorch): `[out, in, ...kernel]`, with the same products.
 *
 * Ranks 0 and 1 follow TF1 in both layouts (PyTorch's `_calculate_fan_in_and_fan_out` refuses
 * them). A zero-sized dim gives a zero fan; VarianceScaling divides by `max(1, fan)`.
 *
 * With `{ inAxis, outAxis, batchAxis }` (JAX's `_compute_fans`): `fanIn = ∏ shape[inAxis] · r`,
 * `fanOut = ∏ shape[outAxis] · r`, where `r` is the product of the axes in none of the three
 * (JAX divides the size by the three products; the product of the rest is the same number without
 * a 0/0 for zero-sized dims). Each option is an axis or a list; negative axes count from the end;
 * the shape needs rank ≥ 2, as in JAX.
 *
 * With `{ inputAxes, outputAxes }` (Keras 3's `compute_fans`): `fanIn = ∏ shape[inputAxes]`,
 * `fanOut = ∏ shape[outputAxes]`; other axes are not counted.
 *
 * @example
 * ```ts
 * computeFans([3, 3, 64, 128]);                           // { fanIn: 576, fanOut: 1152 }
 * computeFans([128, 64, 3, 3], 'torch');                  // { fanIn: 576, fanOut: 1152 }
 * computeFans([512, 8, 64], { inAxis: 0, outAxis: [1, 2] }); // { fanIn: 512, fanOut: 512 } (an attention kernel)
 * computeFans([4, 3, 3, 16, 32], { batchAxis: 0 });       // { fanIn: 144, fanOut: 288 } (4 independent kernels)
 * ```
 * @throws InitTypeError for an unknown layout or a malformed axes object; InitRangeError for a bad
 *   shape, an axis outside it, an axis listed twice, or axes with a shape of rank < 2 (JAX's rule).
 */
export function computeFans(shape: readonly number[], layoutOrAxes: FanRule = 'tf'): Fans {
  assertShape('computeFans', shape);
  if (typeof layoutOrAxes === 'object' && layoutOrAxes !== null) {
    return axesFans('computeFans', shape, checkFanAxes('computeFans', 'layoutOrAxes', layoutOrAxes));
  }
  const layout = oneOf('computeFans', 'layout', layoutOrAxes, LAYOUTS);
  const rank = shape.length;
  if (rank === 0) return { fanIn: 1, fanOut: 1 };
  if (rank === 1) return { fanIn: shape[0] as number, fanOut: shape[0] as number };
  if (layout === 'tf') {
    let receptiveField = 1;
    for (let axis = 0; axis < rank - 2; axis++) receptiveField *= shape[axis] as number;
    return {
      fanIn: (shape[rank - 2] as number) * receptiveField,
      fanOut: (shape[rank - 1] as number) * receptiveField,
    };
  }
  let receptiveField = 1;
  for (let axis = 2; axis < rank; axis++) receptiveField *= shape[axis] as number;
  return { fanIn: (shape[1] as number) * receptiveField, fanOut: (shape[0] as number) * receptiveField };
}

/** Checked fan axes: JAX's (with its defaults filled in) or Keras's. */
export type CheckedFanAxes =
  | { readonly rule: 'jax'; readonly inAxis: AxisSpec; readonly outAxis: AxisSpec; readonly batchAxis: AxisSpec }
  | { readonly rule: 'keras'; readonly inputAxes: AxisSpec; readonly outputAxes: AxisSpec };

function axisSpec(where: string, argument: string, value: unknown): AxisSpec {
  const isAxis = (axis: unknown): axis is number => typeof axis === 'number' && Number.isSafeInteger(axis);
  if (isAxis(value)) return value;
  if (Array.isArray(value) && value.every(isAxis)) return Object.freeze([...(value as number[])]);
  throw new InitTypeError(
    argumentMessage(where, argument, 'be an integer axis or a list of integer axes', value),
    'ERR_INIT_INVALID_ARGUMENT',
  );
}

/**
 * Checks an axes object: only JAX's keys (`inAxis`, `outAxis`, `batchAxis`, each optional) or only
 * Keras's (`inputAxes` and `outputAxes`, both), each an integer or a list of integers. Ranges are
 * checked against a shape by {@link computeFans}.
 * @throws InitTypeError (ERR_INIT_INVALID_ARGUMENT).
 */
export function checkFanAxes(where: string, argument: string, axes: unknown): CheckedFanAxes {
  if (!isPlainObject(axes)) {
    throw new InitTypeError(
      argumentMessage(
        where,
        argument,
        'be an object { inAxis?, outAxis?, batchAxis? } or { inputAxes, outputAxes }',
        axes,
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  // Each value read once (a getter or Proxy could answer differently on a second read).
  const record: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(axes)) record[key] = axes[key];
  const keys = Object.keys(record).filter((key) => record[key] !== undefined);
  const jax = keys.filter((key) => JAX_KEYS.includes(key));
  const keras = keys.filter((key) => KERAS_KEYS.includes(key));
  const unknown = keys.filter((key) => !JAX_KEYS.includes(key) && !KERAS_KEYS.includes(key));
  if (unknown.length > 0) {
    throw new InitTypeError(
      argumentMessage(
        where,
        argument,
        'have only the keys inAxis, outAxis, batchAxis (JAX) or inputAxes, outputAxes (Keras 3)',
        unknown[0],
      ),
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (jax.length > 0 && keras.length > 0) {
    throw new InitTypeError(
      `${where}: ${keras.join(' and ')} (Keras 3's rule) and ${jax.join(', ')} (JAX's rule) must not be given together; ` +
        `drop one family. Received: ${describeValue(Object.fromEntries(keys.map((key) => [key, record[key]])))}.`,
      'ERR_INIT_INVALID_ARGUMENT',
    );
  }
  if (keras.length > 0) {
    if (keras.length !== 2) {
      // Keras ignores one list without the other; a silent fallback to the default rule would hide a typo.
      const missing = KERAS_KEYS.find((key) => !keras.includes(key)) as string;
      throw new InitTypeError(
        argumentMessage(
          where,
          missing,
          `be given together with ${keras[0]}, as Keras 3 uses the two only together`,
          undefined,
        ),
        'ERR_INIT_INVALID_ARGUMENT',
      );
    }
    return {
      rule: 'keras',
      inputAxes: axisSpec(where, 'inputAxes', record.inputAxes),
      outputAxes: axisSpec(where, 'outputAxes', record.outputAxes),
    };
  }
  return {
    rule: 'jax',
    inAxis: axisSpec(where, 'inAxis', record.inAxis ?? -2),
    outAxis: axisSpec(where, 'outAxis', record.outAxis ?? -1),
    batchAxis: axisSpec(where, 'batchAxis', record.batchAxis ?? []),
  };
}

/** Fans from checked axes; `where` names the class in error messages. */
export function axesFans(where: string, shape: readonly number[], axes: CheckedFanAxes): Fans {
  const rank = shape.length;
  const seen = new Map<number, string>();
  const product = (argument: string, spec: AxisSpec): number => {
    let result = 1;
    for (const axis of typeof spec === 'number' ? [spec] : spec) {
      if (axis < -rank || axis >= rank) {
        throw new InitRangeError(
          `${where}: ${argument} must name axes of the shape, from ${-rank} to ${rank - 1}. Received: ${describeValue(spec)} for shape [${shape.join(', ')}].`,
          'ERR_INIT_INVALID_ARGUMENT',
        );
      }
      const normalized = axis < 0 ? axis + rank : axis;
      const previous = seen.get(normalized);
      if (previous !== undefined) {
        throw new InitRangeError(
          `${where}: ${argument} must not name an axis that ${previous === argument ? 'it already names' : `${previous} names`}. ` +
            `Received: axis ${axis} (axis ${normalized} of shape [${shape.join(', ')}]).`,
          'ERR_INIT_INVALID_ARGUMENT',
        );
      }
      seen.set(normalized, argument);
      result *= shape[normalized] as number;
    }
    return result;
  };
  if (axes.rule === 'keras') {
    return { fanIn: product('inputAxes', axes.inputAxes), fanOut: product('outputAxes', axes.outputAxes) };
  }
  if (rank < 2) {
    throw new InitRangeError(
      `${where}: shape must have at least 2 dimensions for fans from inAxis, outAxis and batchAxis (as JAX's _compute_fans). Received: [${shape.join(', ')}].`,
      'ERR_INIT_INVALID_SHAPE',
    );
  }
  const inSize = product('inAxis', axes.inAxis);
  const outSize = product('outAxis', axes.outAxis);
  product('batchAxis', axes.batchAxis);
  let receptiveField = 1;
  for (let axis = 0; axis < rank; axis++) if (!seen.has(axis)) receptiveField *= shape[axis] as number;
  return { fanIn: inSize * receptiveField, fanOut: outSize * receptiveField };
}
