// The gallery's catalog: every initializer a reader can pick, the options it offers, how to build it
// with @init/core or @init/presets from the form's text fields (and the one line of code that does
// the same), and its theoretical distribution from the formulas the pages state.
//
// The theory deliberately does not ask the initializer for its scale or variance: it recomputes them
// from the documented formulas (computeFans and the fan rules, the preset table, PyTorch's gains), so
// the density drawn over the histogram is an independent check of the library.
import {
  computeFans,
  Constant,
  ConvolutionOrthogonal,
  DeltaOrthogonal,
  STFT,
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
  type Fans,
  WINDOWS,
  type Initializer,
} from '@init/core';
import {
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  kaimingNormal,
  kaimingUniform,
  LecunNormal,
  LecunUniform,
  xavierNormal,
  xavierUniform,
} from '@init/presets';
import {
  boundedNormalTheory,
  discreteTheory,
  fmt,
  normalTheory,
  sphereCoordinateTheory,
  TRUNCATED_STDDEV,
  truncatedNormalTheory,
  uniformTheory,
  type Theory,
} from './theory.js';

/** One field of an initializer's options in the gallery's form. */
export interface OptionSpec {
  readonly key: string;
  readonly label: string;
  /** 'number' and 'list' are text inputs; 'choice' is a select. */
  readonly type: 'number' | 'choice' | 'list';
  readonly default: string;
  readonly choices?: readonly string[];
}

/** What the reader chose: everything is kept as the text of the form (and of the URL). */
export interface Settings {
  readonly name: string;
  readonly shape: string;
  readonly dtype: DType;
  /** Digits → a number seed; any other text → a string seed; empty → unseeded. */
  readonly seed: string;
  readonly options: Readonly<Record<string, string>>;
}

/** Internal: the parsed form an entry builds from. */
interface Parsed {
  readonly options: Readonly<Record<string, string>>;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly seed: number | string | undefined;
}

export interface GalleryEntry {
  /** The class or function name, as exported. */
  readonly name: string;
  readonly packageName: '@init/core' | '@init/presets';
  /** The page of this initializer under /initializers/. */
  readonly slug: string;
  readonly summary: string;
  readonly seeded: boolean;
  readonly dtypes: readonly DType[];
  readonly options: readonly OptionSpec[];
  readonly defaultShape: string;
  /** Whether `partitionInfo` works with these options (TensorFlow.js's sequential engine refuses it). */
  partitionable(options: Readonly<Record<string, string>>): boolean;
  create(parsed: Parsed): Initializer;
  /** The constructor or factory call, as a reader would type it. */
  constructorCode(parsed: Parsed): string;
  /**
   * Whether these options run Orthogonal's method 'svd', which needs `enableSvd()` from
   * '@init/core/svd' first (the gallery imports it on demand, as a split chunk).
   */
  needsSvd?(options: Readonly<Record<string, string>>): boolean;
  theory(parsed: Parsed): Theory;
}

const FLOAT_DTYPES: readonly DType[] = ['float32', 'float64', 'float16', 'bfloat16'];
const ENGINE_OPTION: OptionSpec = {
  key: 'engine',
  label: 'engine',
  type: 'choice',
  default: 'counter',
  choices: ['counter', 'tfjs'],
};

function numberOption(key: string, label: string, value: number): OptionSpec {
  return { key, label, type: 'number', default: String(value) };
}

/** A form field as a number; an empty or malformed field is an error the gallery shows. */
export function parseNumber(label: string, text: string | undefined): number {
  const trimmed = (text ?? '').trim();
  const value = trimmed === '' ? NaN : Number(trimmed);
  if (Number.isNaN(value)) throw new Error(`${label} must be a number. Received: "${text ?? ''}".`);
  return value;
}

/** "256, 128" or "[3, 3, 64, 128]" → [256, 128]; "" or "[]" → [] (a scalar). */
export function parseShape(text: string): number[] {
  const inner = text.trim().replace(/^\[/, '').replace(/\]$/, '').trim();
  if (inner === '') return [];
  return inner
    .split(/[\s,×x]+/)
    .filter((part) => part !== '')
    .map((part) => parseNumber('shape', part));
}

/** The seed field: digits → a number (if safe), other text → a string seed, empty → undefined. */
export function parseSeed(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^\d+$/.test(trimmed) && Number.isSafeInteger(Number(trimmed))) return Number(trimmed);
  return trimmed;
}

function parseList(text: string): number[] {
  const inner = text.trim().replace(/^\[/, '').replace(/\]$/, '').trim();
  if (inner === '') return [];
  return inner
    .split(/[\s,]+/)
    .filter((part) => part !== '')
    .map((part) => parseNumber('value', part));
}

function option(parsed: Parsed, spec: OptionSpec): string {
  return parsed.options[spec.key] ?? spec.default;
}

function literal(value: string | number | readonly number[]): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  return `[${value.join(', ')}]`;
}

/** `{ a: 1, seed: 42 }` from the entries that are defined; '' when none is. */
function objectLiteral(entries: readonly [string, string | number | readonly number[] | undefined][]): string {
  const present = entries.filter(
    (entry): entry is [string, string | number | readonly number[]] => entry[1] !== undefined,
  );
  if (present.length === 0) return '';
  return `{ ${present.map(([key, value]) => `${key}: ${literal(value)}`).join(', ')} }`;
}

/** The spec's value if it differs from its default, for the code line. */
function changed(parsed: Parsed, spec: OptionSpec, asNumber: boolean): string | number | undefined {
  const value = option(parsed, spec);
  if (value.trim() === spec.default) return undefined;
  return asNumber ? parseNumber(spec.label, value) : value;
}

function size(shape: readonly number[]): number {
  let count = 1;
  for (const dim of shape) count *= dim;
  return count;
}

/**
 * TensorFlow.js's fan rule (tfjs-layers' computeFans with channels last), as the Guide states it:
 * the receptive-field rule for ranks 2 to 5, and fanIn = fanOut = √size for every other rank.
 */
export function tfjsFans(shape: readonly number[]): Fans {
  if (shape.length >= 2 && shape.length <= 5) return computeFans(shape, 'tf');
  const root = Math.sqrt(size(shape));
  return { fanIn: root, fanOut: root };
}

type Mode = 'fan_in' | 'fan_out' | 'fan_avg' | 'fan_geo_avg';
type VsDistribution = 'normal' | 'truncated_normal' | 'untruncated_normal' | 'uniform';

/**
 * VarianceScaling's distribution from its formula: variance = scale / max(1, n), n the fan `mode`
 * picks; 'normal' is TF1's truncated normal with σ = √variance (uncorrected),
 * 'truncated_normal' divides σ by 0.87962566103423978, 'untruncated_normal' is a plain normal,
 * 'uniform' spans ±√(3·variance).
 */
export function varianceScalingTheory(scale: number, mode: Mode, distribution: VsDistribution, fans: Fans): Theory {
  const n =
    mode === 'fan_in'
      ? fans.fanIn
      : mode === 'fan_out'
        ? fans.fanOut
        : mode === 'fan_avg'
          ? (fans.fanIn + fans.fanOut) / 2
          : Math.sqrt(fans.fanIn * fans.fanOut);
  const variance = scale / Math.max(1, n);
  const where = `variance ${fmt(scale)} / max(1, ${fmt(n)}) = ${fmt(variance)}`;
  switch (distribution) {
    case 'uniform': {
      const limit = Math.sqrt(3 * variance);
      return uniformTheory(-limit, limit, `uniform on ±√(3·variance) = ±${fmt(limit)}; ${where}`);
    }
    case 'untruncated_normal':
      return normalTheory(0, Math.sqrt(variance), `normal, σ = √variance = ${fmt(Math.sqrt(variance))}; ${where}`);
    case 'normal':
      return truncatedNormalTheory(
        0,
        Math.sqrt(variance),
        `normal truncated at ±2σ, σ = √variance = ${fmt(Math.sqrt(variance))} (uncorrected); ${where}`,
      );
    case 'truncated_normal': {
      const stddev = Math.sqrt(variance) / TRUNCATED_STDDEV;
      return truncatedNormalTheory(
        0,
        stddev,
        `normal truncated at ±2σ, σ = √variance / 0.8796… = ${fmt(stddev)}; ${where}`,
      );
    }
  }
}

/** The JAX axes the reader typed: a single number stays a number, "1, 2" a list; empty fields are left out. */
function axesOf(parsed: Parsed): Record<string, number | number[]> {
  const axes: Record<string, number | number[]> = {};
  for (const spec of [IN_AXIS_OPTION, OUT_AXIS_OPTION, BATCH_AXIS_OPTION]) {
    const text = option(parsed, spec).trim();
    if (text === '') continue;
    const list = parseList(text);
    axes[spec.key] = list.length === 1 && !text.startsWith('[') ? (list[0] as number) : list;
  }
  return axes;
}

/**
 * JAX's _compute_fans as the page states it, written again here (not computeFans) so that the
 * density is an independent check: fanIn = ∏ shape[inAxis] · r, fanOut = ∏ shape[outAxis] · r,
 * r = size / (in · out · batch). The library refuses bad axes before this runs.
 */
function jaxFans(shape: readonly number[], axes: Record<string, number | number[]>): Fans {
  const product = (spec: number | number[] | undefined, fallback: number | number[]): number =>
    [spec ?? fallback].flat().reduce((result: number, axis) => result * (shape.at(axis) ?? 1), 1);
  const inSize = product(axes.inAxis, -2);
  const outSize = product(axes.outAxis, -1);
  const batchSize = product(axes.batchAxis, []);
  const receptiveField = size(shape) / inSize / outSize / batchSize;
  return { fanIn: inSize * receptiveField, fanOut: outSize * receptiveField };
}

function normalOrPoint(mean: number, stddev: number, bounds: readonly [number, number] | undefined): Theory {
  if (stddev === 0) return discreteTheory(`the constant ${fmt(mean)} (σ = 0)`, [{ value: mean, probability: 1 }]);
  if (bounds === undefined) return normalTheory(mean, stddev);
  const [lower, upper] = bounds;
  return lower === -2 && upper === 2
    ? truncatedNormalTheory(mean, stddev)
    : boundedNormalTheory(mean, stddev, lower, upper);
}

/** The values of Constant's list semantics on n elements: the list, then its last value repeated. */
function constantTheory(list: readonly number[], n: number): Theory {
  const counts = new Map<number, number>();
  for (let i = 0; i < Math.min(list.length, n); i++)
    counts.set(list[i] as number, (counts.get(list[i] as number) ?? 0) + 1);
  if (n > list.length && list.length > 0) {
    const last = list[list.length - 1] as number;
    counts.set(last, (counts.get(last) ?? 0) + (n - list.length));
  }
  const atoms = [...counts]
    .map(([value, count]) => ({ value, probability: count / n }))
    .sort((a, b) => a.value - b.value);
  return discreteTheory(
    list.length === 1
      ? `the constant ${fmt(list[0] as number)}`
      : 'the list in row-major order, then its last value repeated',
    atoms,
  );
}

/**
 * Integers of [low, high): the counter engine draws each with probability 1/(high − low);
 * TensorFlow.js's engine stores low + (high − low)·u truncated toward zero, so k gets the length of
 * [low, high) ∩ {x : trunc(x) = k} over (high − low) — 0 collects (−1, 1) when the range spans it.
 */
function uniformIntTheory(low: number, high: number, engine: string): Theory {
  const range = high - low;
  if (range > 400)
    return uniformTheory(
      low,
      high,
      `integers of [${fmt(low)}, ${fmt(high)}), each equally likely (drawn as a density)`,
    );
  const atoms: { value: number; probability: number }[] = [];
  if (engine === 'tfjs') {
    for (let k = Math.trunc(low); k <= Math.trunc(high); k++) {
      const [a, b] = k > 0 ? [k, k + 1] : k < 0 ? [k - 1, k] : [-1, 1];
      const length = Math.max(0, Math.min(b, high) - Math.max(a, low));
      if (length > 0) atoms.push({ value: k, probability: length / range });
    }
    return discreteTheory(
      `trunc(${fmt(low)} + ${fmt(range)}·u), u uniform on [0, 1) (TensorFlow.js's int32 store)`,
      atoms,
    );
  }
  for (let k = low; k < high; k++) atoms.push({ value: k, probability: 1 / range });
  return discreteTheory(`the integers ${fmt(low)} … ${fmt(high - 1)}, each with probability 1/${fmt(range)}`, atoms);
}

/** [rows, cols] of Orthogonal's flattening: all dims but the last and the last, or (PyTorch's) the first and the rest. */
export function orthogonalMatrixShape(shape: readonly number[], layout = 'tf'): [number, number] {
  if (layout === 'torch') {
    const rows = shape[0] ?? 1;
    return [rows, rows === 0 ? 0 : size(shape) / rows];
  }
  const cols = shape[shape.length - 1] ?? 1;
  return [cols === 0 ? 0 : size(shape) / cols, cols];
}

const KAIMING_NONLINEARITIES = ['leaky_relu', 'relu', 'linear', 'tanh', 'selu'] as const;

/** PyTorch's calculate_gain², for the nonlinearities the gallery offers. */
function kaimingScale(nonlinearity: string, a: number): number {
  switch (nonlinearity) {
    case 'leaky_relu':
      return 2 / (1 + a * a);
    case 'relu':
      return 2;
    case 'tanh':
      return (5 / 3) ** 2;
    case 'selu':
      return (3 / 4) ** 2;
    default:
      return 1;
  }
}

/** The six Keras presets: VarianceScaling with a fixed scale, mode and distribution. */
const KERAS_PRESETS = [
  {
    name: 'GlorotUniform',
    slug: 'glorot-uniform',
    scale: 1,
    mode: 'fan_avg',
    normal: false,
    make: (o: object) => new GlorotUniform(o),
  },
  {
    name: 'GlorotNormal',
    slug: 'glorot-normal',
    scale: 1,
    mode: 'fan_avg',
    normal: true,
    make: (o: object) => new GlorotNormal(o),
  },
  {
    name: 'HeUniform',
    slug: 'he-uniform',
    scale: 2,
    mode: 'fan_in',
    normal: false,
    make: (o: object) => new HeUniform(o),
  },
  { name: 'HeNormal', slug: 'he-normal', scale: 2, mode: 'fan_in', normal: true, make: (o: object) => new HeNormal(o) },
  {
    name: 'LecunUniform',
    slug: 'lecun-uniform',
    scale: 1,
    mode: 'fan_in',
    normal: false,
    make: (o: object) => new LecunUniform(o),
  },
  {
    name: 'LecunNormal',
    slug: 'lecun-normal',
    scale: 1,
    mode: 'fan_in',
    normal: true,
    make: (o: object) => new LecunNormal(o),
  },
] as const;

function randomCommon(parsed: Parsed, engine?: string): { seed?: number | string; engine?: string } {
  return {
    ...(parsed.seed === undefined ? {} : { seed: parsed.seed }),
    ...(engine === undefined || engine === 'counter' ? {} : { engine }),
  };
}

const always = (): boolean => true;
const counterEngine = (options: Readonly<Record<string, string>>): boolean =>
  (options.engine ?? 'counter') === 'counter';

const MIN_OPTION = numberOption('minval', 'minval', 0);
const MAX_OPTION = numberOption('maxval', 'maxval', 1);
const MEAN_OPTION = numberOption('mean', 'mean', 0);
const STDDEV_OPTION = numberOption('stddev', 'stddev', 1);
const GAIN_OPTION = numberOption('gain', 'gain', 1);
// Truncation bounds in units of stddev; the fields read "Infinity" and "-Infinity" for an open side.
const LOWER_OPTION = numberOption('lower', 'lower (σ units)', -2);
const UPPER_OPTION = numberOption('upper', 'upper (σ units)', 2);
const GROUPS_OPTION = numberOption('groups', 'groups', 1);
const SPARSITY_OPTION = numberOption('sparsity', 'sparsity', 0.1);
const SPARSE_STDDEV_OPTION = numberOption('stddev', 'stddev', 0.01);
const FACTOR_OPTION = numberOption('factor', 'factor', 1);
const SCALE_OPTION = numberOption('scale', 'scale', 1);
const MODE_OPTION: OptionSpec = {
  key: 'mode',
  label: 'mode',
  type: 'choice',
  default: 'fan_in',
  choices: ['fan_in', 'fan_out', 'fan_avg', 'fan_geo_avg'],
};
// JAX's fan axes: empty fields mean "not given" (the layout rule); a list like "1, 2" or one axis.
const IN_AXIS_OPTION: OptionSpec = { key: 'inAxis', label: 'inAxis (JAX; empty: layout)', type: 'list', default: '' };
const OUT_AXIS_OPTION: OptionSpec = { key: 'outAxis', label: 'outAxis', type: 'list', default: '' };
const BATCH_AXIS_OPTION: OptionSpec = { key: 'batchAxis', label: 'batchAxis', type: 'list', default: '' };
const DISTRIBUTION_OPTION: OptionSpec = {
  key: 'distribution',
  label: 'distribution',
  type: 'choice',
  default: 'normal',
  choices: ['normal', 'truncated_normal', 'untruncated_normal', 'uniform'],
};
const LAYOUT_OPTION: OptionSpec = {
  key: 'layout',
  label: 'layout',
  type: 'choice',
  default: 'tf',
  choices: ['tf', 'torch'],
};
const SIDE_OPTION: OptionSpec = {
  key: 'side',
  label: 'side',
  type: 'choice',
  default: 'real',
  choices: ['real', 'imag'],
};
const WINDOW_OPTION: OptionSpec = {
  key: 'window',
  label: 'window',
  type: 'choice',
  default: 'hann',
  choices: ['none', ...WINDOWS],
};
const SCALING_OPTION: OptionSpec = {
  key: 'scaling',
  label: 'scaling',
  type: 'choice',
  default: 'density',
  choices: ['density', 'spectrum', 'none'],
};
const PERIODIC_OPTION: OptionSpec = {
  key: 'periodic',
  label: 'periodic',
  type: 'choice',
  default: 'false',
  choices: ['false', 'true'],
};

/** A convolution kernel's channels in either layout (the library checks the shape itself). */
export function kernelChannels(
  shape: readonly number[],
  layout: string,
): { inChannels: number; outChannels: number; spatial: number[] } {
  if (layout === 'torch') return { outChannels: shape[0] ?? 0, inChannels: shape[1] ?? 0, spatial: shape.slice(2) };
  return { inChannels: shape.at(-2) ?? 0, outChannels: shape.at(-1) ?? 0, spatial: shape.slice(0, -2) };
}

const METHOD_OPTION: OptionSpec = {
  key: 'method',
  label: 'method',
  type: 'choice',
  default: 'qr',
  choices: ['qr', 'svd'],
};
const VALUE_OPTION: OptionSpec = {
  key: 'value',
  label: 'value (a number or a list)',
  type: 'list',
  default: '1, 1, 1, 1, -8, 1, 1, 1, 1',
};
const A_OPTION = numberOption('a', 'a (negative slope)', 0);
const KAIMING_MODE_OPTION: OptionSpec = {
  key: 'mode',
  label: 'mode',
  type: 'choice',
  default: 'fan_in',
  choices: ['fan_in', 'fan_out'],
};
const NONLINEARITY_OPTION: OptionSpec = {
  key: 'nonlinearity',
  label: 'nonlinearity',
  type: 'choice',
  default: 'leaky_relu',
  choices: KAIMING_NONLINEARITIES,
};

function num(parsed: Parsed, spec: OptionSpec): number {
  return parseNumber(spec.label, option(parsed, spec));
}

/** RandomNormal and TruncatedNormal differ only in their class, page and truncation (with its bounds). */
function normalEntry(
  name: string,
  Class: typeof RandomNormal | typeof TruncatedNormal,
  slug: string,
  summary: string,
  truncated: boolean,
): GalleryEntry {
  const bounds = (parsed: Parsed): [number, number] | undefined =>
    truncated ? [num(parsed, LOWER_OPTION), num(parsed, UPPER_OPTION)] : undefined;
  return {
    name,
    packageName: '@init/core',
    slug,
    summary,
    seeded: true,
    dtypes: FLOAT_DTYPES,
    options: truncated
      ? [MEAN_OPTION, STDDEV_OPTION, LOWER_OPTION, UPPER_OPTION, ENGINE_OPTION]
      : [MEAN_OPTION, STDDEV_OPTION, ENGINE_OPTION],
    defaultShape: '256, 128',
    partitionable: counterEngine,
    create: (parsed) => {
      const [lower, upper] = bounds(parsed) ?? [];
      return new Class({
        mean: num(parsed, MEAN_OPTION),
        stddev: num(parsed, STDDEV_OPTION),
        ...(lower === undefined ? {} : { lower, upper }),
        ...randomCommon(parsed, option(parsed, ENGINE_OPTION)),
      } as object);
    },
    constructorCode: (parsed) =>
      `new ${name}(${objectLiteral([
        ['mean', changed(parsed, MEAN_OPTION, true)],
        ['stddev', changed(parsed, STDDEV_OPTION, true)],
        ...(truncated
          ? ([
              ['lower', changed(parsed, LOWER_OPTION, true)],
              ['upper', changed(parsed, UPPER_OPTION, true)],
            ] as [string, number | string | undefined][])
          : []),
        ['seed', parsed.seed],
        ['engine', changed(parsed, ENGINE_OPTION, false)],
      ])})`,
    theory: (parsed) => normalOrPoint(num(parsed, MEAN_OPTION), num(parsed, STDDEV_OPTION), bounds(parsed)),
  };
}

export const GALLERY: readonly GalleryEntry[] = [
  {
    name: 'Zeros',
    packageName: '@init/core',
    slug: 'zeros',
    summary: 'every element 0',
    seeded: false,
    dtypes: [...FLOAT_DTYPES, 'int32', 'uint8', 'bool'],
    options: [],
    defaultShape: '64, 32',
    partitionable: always,
    create: () => new Zeros(),
    constructorCode: () => 'new Zeros()',
    theory: () => discreteTheory('the constant 0', [{ value: 0, probability: 1 }]),
  },
  {
    name: 'Ones',
    packageName: '@init/core',
    slug: 'ones',
    summary: 'every element 1',
    seeded: false,
    dtypes: [...FLOAT_DTYPES, 'int32', 'uint8', 'bool'],
    options: [],
    defaultShape: '64, 32',
    partitionable: always,
    create: () => new Ones(),
    constructorCode: () => 'new Ones()',
    theory: () => discreteTheory('the constant 1', [{ value: 1, probability: 1 }]),
  },
  {
    name: 'Constant',
    packageName: '@init/core',
    slug: 'constant',
    summary: 'a scalar or a list in row-major order',
    seeded: false,
    dtypes: [...FLOAT_DTYPES, 'int32'],
    options: [VALUE_OPTION],
    defaultShape: '3, 3',
    partitionable: always,
    create: (parsed) => {
      const list = parseList(option(parsed, VALUE_OPTION));
      return new Constant({ value: list.length === 1 ? (list[0] as number) : list });
    },
    constructorCode: (parsed) => {
      const list = parseList(option(parsed, VALUE_OPTION));
      return `new Constant({ value: ${list.length === 1 ? String(list[0]) : literal(list)} })`;
    },
    theory: (parsed) => constantTheory(parseList(option(parsed, VALUE_OPTION)), size(parsed.shape)),
  },
  {
    name: 'RandomUniform',
    packageName: '@init/core',
    slug: 'random-uniform',
    summary: 'uniform on [minval, maxval)',
    seeded: true,
    dtypes: [...FLOAT_DTYPES, 'int32'],
    options: [MIN_OPTION, MAX_OPTION, ENGINE_OPTION],
    defaultShape: '256, 128',
    partitionable: counterEngine,
    create: (parsed) =>
      new RandomUniform({
        minval: num(parsed, MIN_OPTION),
        maxval: num(parsed, MAX_OPTION),
        ...randomCommon(parsed, option(parsed, ENGINE_OPTION)),
      } as object),
    constructorCode: (parsed) =>
      `new RandomUniform(${objectLiteral([
        ['minval', changed(parsed, MIN_OPTION, true)],
        // int32 needs an explicit maxval (its float default of 1 would be an accident).
        ['maxval', parsed.dtype === 'int32' ? num(parsed, MAX_OPTION) : changed(parsed, MAX_OPTION, true)],
        ['seed', parsed.seed],
        ['engine', changed(parsed, ENGINE_OPTION, false)],
      ])})`,
    theory: (parsed) => {
      const low = num(parsed, MIN_OPTION);
      const high = num(parsed, MAX_OPTION);
      return parsed.dtype === 'int32'
        ? uniformIntTheory(low, high, option(parsed, ENGINE_OPTION))
        : uniformTheory(low, high);
    },
  },
  normalEntry('RandomNormal', RandomNormal, 'random-normal', 'normal N(mean, stddev²)', false),
  normalEntry(
    'TruncatedNormal',
    TruncatedNormal,
    'truncated-normal',
    'normal, redrawn until within (lower, upper) stddevs of the mean (±2 by default)',
    true,
  ),
  {
    name: 'UniformUnitScaling',
    packageName: '@init/core',
    slug: 'uniform-unit-scaling',
    summary: 'uniform on ±factor·√(3 / inputSize)',
    seeded: true,
    dtypes: FLOAT_DTYPES,
    options: [FACTOR_OPTION],
    defaultShape: '256, 128',
    partitionable: always,
    create: (parsed) =>
      new UniformUnitScaling({ factor: num(parsed, FACTOR_OPTION), ...randomCommon(parsed) } as object),
    constructorCode: (parsed) =>
      `new UniformUnitScaling(${objectLiteral([
        ['factor', changed(parsed, FACTOR_OPTION, true)],
        ['seed', parsed.seed],
      ])})`,
    theory: (parsed) => {
      // TF1: input_size is the product of every dim but the last (1 for ranks 0 and 1).
      const inputSize = size(parsed.shape.slice(0, -1));
      const limit = num(parsed, FACTOR_OPTION) * Math.sqrt(3 / inputSize);
      return uniformTheory(-limit, limit, `uniform on ±factor·√(3 / ${fmt(inputSize)}) = ±${fmt(limit)}`);
    },
  },
  {
    name: 'VarianceScaling',
    packageName: '@init/core',
    slug: 'variance-scaling',
    summary: 'variance scale / max(1, n), n a fan',
    seeded: true,
    dtypes: FLOAT_DTYPES,
    options: [
      SCALE_OPTION,
      MODE_OPTION,
      DISTRIBUTION_OPTION,
      LAYOUT_OPTION,
      IN_AXIS_OPTION,
      OUT_AXIS_OPTION,
      BATCH_AXIS_OPTION,
      ENGINE_OPTION,
    ],
    defaultShape: '256, 128',
    partitionable: counterEngine,
    create: (parsed) => {
      const axes = axesOf(parsed);
      return new VarianceScaling({
        scale: num(parsed, SCALE_OPTION),
        mode: option(parsed, MODE_OPTION),
        distribution: option(parsed, DISTRIBUTION_OPTION),
        // With axes, the layout field is ignored unless the reader changed it (then the library says which to drop).
        ...(Object.keys(axes).length > 0 && option(parsed, LAYOUT_OPTION) === LAYOUT_OPTION.default
          ? {}
          : { layout: option(parsed, LAYOUT_OPTION) }),
        ...axes,
        ...randomCommon(parsed, option(parsed, ENGINE_OPTION)),
      } as object);
    },
    constructorCode: (parsed) =>
      `new VarianceScaling(${objectLiteral([
        ['scale', changed(parsed, SCALE_OPTION, true)],
        ['mode', changed(parsed, MODE_OPTION, false)],
        ['distribution', changed(parsed, DISTRIBUTION_OPTION, false)],
        ['layout', changed(parsed, LAYOUT_OPTION, false)],
        ...Object.entries(axesOf(parsed)),
        ['seed', parsed.seed],
        ['engine', changed(parsed, ENGINE_OPTION, false)],
      ])})`,
    theory: (parsed) => {
      const axes = axesOf(parsed);
      const fans =
        option(parsed, ENGINE_OPTION) === 'tfjs'
          ? tfjsFans(parsed.shape)
          : Object.keys(axes).length > 0
            ? jaxFans(parsed.shape, axes)
            : computeFans(parsed.shape, option(parsed, LAYOUT_OPTION) as 'tf' | 'torch');
      return varianceScalingTheory(
        num(parsed, SCALE_OPTION),
        option(parsed, MODE_OPTION) as Mode,
        option(parsed, DISTRIBUTION_OPTION) as VsDistribution,
        fans,
      );
    },
  },
  {
    name: 'Orthogonal',
    packageName: '@init/core',
    slug: 'orthogonal',
    summary: 'gain × a matrix with orthonormal columns (or rows)',
    seeded: true,
    dtypes: FLOAT_DTYPES,
    options: [GAIN_OPTION, METHOD_OPTION, LAYOUT_OPTION],
    defaultShape: '64, 32',
    partitionable: always,
    needsSvd: (options) => options.method === 'svd',
    create: (parsed) =>
      new Orthogonal({
        gain: num(parsed, GAIN_OPTION),
        method: option(parsed, METHOD_OPTION),
        layout: option(parsed, LAYOUT_OPTION),
        ...randomCommon(parsed),
      } as object),
    constructorCode: (parsed) =>
      `new Orthogonal(${objectLiteral([
        ['gain', changed(parsed, GAIN_OPTION, true)],
        ['method', changed(parsed, METHOD_OPTION, false)],
        ['layout', changed(parsed, LAYOUT_OPTION, false)],
        ['seed', parsed.seed],
      ])})`,
    theory: (parsed) => {
      const [rows, cols] = orthogonalMatrixShape(parsed.shape, option(parsed, LAYOUT_OPTION));
      const gain = num(parsed, GAIN_OPTION);
      if (option(parsed, METHOD_OPTION) === 'svd') {
        return {
          kind: 'none',
          label: `TF1's SVD of a uniform [0, 1) matrix is orthonormal but not Haar distributed (its leading vector is near ±1/√n everywhere), so no density is drawn; every orthonormal ${rows} × ${cols} frame still has mean square gain²/${Math.max(rows, cols)}`,
        };
      }
      // Each column (rows ≥ cols) or row (rows < cols) of a Haar frame is a uniform unit vector.
      return sphereCoordinateTheory(Math.max(rows, cols), gain);
    },
  },
  {
    name: 'Identity',
    packageName: '@init/core',
    slug: 'identity',
    summary: 'gain on the main diagonal of a 2-D shape',
    seeded: false,
    dtypes: FLOAT_DTYPES,
    options: [GAIN_OPTION],
    defaultShape: '16, 16',
    partitionable: always,
    create: (parsed) => new Identity({ gain: num(parsed, GAIN_OPTION) }),
    constructorCode: (parsed) => `new Identity(${objectLiteral([['gain', changed(parsed, GAIN_OPTION, true)]])})`,
    theory: (parsed) => {
      const [rows = 0, cols = 0] = parsed.shape;
      const gain = num(parsed, GAIN_OPTION);
      const onDiagonal = Math.min(rows, cols) / (rows * cols);
      return discreteTheory(
        `gain ${fmt(gain)} on min(${rows}, ${cols}) = ${Math.min(rows, cols)} diagonal elements, 0 elsewhere`,
        [
          { value: 0, probability: 1 - onDiagonal },
          { value: gain, probability: onDiagonal },
        ],
      );
    },
  },
  {
    name: 'DeltaOrthogonal',
    packageName: '@init/core',
    slug: 'delta-orthogonal',
    summary: 'zeros but an orthogonal in × out centre tap',
    seeded: true,
    dtypes: FLOAT_DTYPES,
    options: [GAIN_OPTION, LAYOUT_OPTION],
    defaultShape: '3, 3, 16, 32',
    partitionable: always,
    create: (parsed) =>
      new DeltaOrthogonal({
        gain: num(parsed, GAIN_OPTION),
        layout: option(parsed, LAYOUT_OPTION),
        ...randomCommon(parsed),
      } as object),
    constructorCode: (parsed) =>
      `new DeltaOrthogonal(${objectLiteral([
        ['gain', changed(parsed, GAIN_OPTION, true)],
        ['layout', changed(parsed, LAYOUT_OPTION, false)],
        ['seed', parsed.seed],
      ])})`,
    theory: (parsed) => {
      const { inChannels, outChannels } = kernelChannels(parsed.shape, option(parsed, LAYOUT_OPTION));
      const taps = size(parsed.shape) / Math.max(1, inChannels * outChannels);
      return {
        kind: 'none',
        label: `a point mass at 0 (${fmt(1 - 1 / taps)} of the values: every tap but the centre) and, at the centre, rows of a Haar ${inChannels} × ${outChannels} frame, each entry with mean 0 and variance gain²/${outChannels}; the figure below checks the operator instead`,
      };
    },
  },
  {
    name: 'ConvolutionOrthogonal',
    packageName: '@init/core',
    slug: 'convolution-orthogonal',
    summary: 'a kernel whose circular convolution preserves norms',
    seeded: true,
    dtypes: FLOAT_DTYPES,
    options: [GAIN_OPTION, LAYOUT_OPTION],
    defaultShape: '3, 3, 8, 16',
    partitionable: always,
    create: (parsed) =>
      new ConvolutionOrthogonal({
        gain: num(parsed, GAIN_OPTION),
        layout: option(parsed, LAYOUT_OPTION),
        ...randomCommon(parsed),
      } as object),
    constructorCode: (parsed) =>
      `new ConvolutionOrthogonal(${objectLiteral([
        ['gain', changed(parsed, GAIN_OPTION, true)],
        ['layout', changed(parsed, LAYOUT_OPTION, false)],
        ['seed', parsed.seed],
      ])})`,
    theory: () => ({
      kind: 'none',
      label:
        "each entry is a sum over products of random projections, with no closed-form density; what is exact is the operator: Σ over taps of every tap's squared entries is gain² per input channel, and the figure below checks ‖x ⊛ k‖ = |gain|·‖x‖",
    }),
  },
  {
    name: 'STFT',
    packageName: '@init/core',
    slug: 'stft',
    summary: "Keras 3's windowed DFT basis [frame, 1, bins]",
    seeded: false,
    dtypes: FLOAT_DTYPES,
    options: [SIDE_OPTION, WINDOW_OPTION, SCALING_OPTION, PERIODIC_OPTION],
    defaultShape: '64, 1, 33',
    partitionable: always,
    create: (parsed) =>
      new STFT({
        side: option(parsed, SIDE_OPTION),
        window: option(parsed, WINDOW_OPTION) === 'none' ? null : option(parsed, WINDOW_OPTION),
        scaling: option(parsed, SCALING_OPTION) === 'none' ? null : option(parsed, SCALING_OPTION),
        periodic: option(parsed, PERIODIC_OPTION) === 'true',
      } as object),
    constructorCode: (parsed) => {
      // null for 'none' and a boolean for periodic: written by hand, objectLiteral quotes strings.
      const parts: string[] = [];
      for (const spec of [SIDE_OPTION, WINDOW_OPTION, SCALING_OPTION]) {
        const value = option(parsed, spec);
        if (value !== spec.default) parts.push(`${spec.key}: ${value === 'none' ? 'null' : literal(value)}`);
      }
      if (option(parsed, PERIODIC_OPTION) === 'true') parts.push('periodic: true');
      return `new STFT(${parts.length === 0 ? '' : `{ ${parts.join(', ')} }`})`;
    },
    theory: () => ({
      kind: 'none',
      label:
        'deterministic: cos or sin(−2π·t·f / fftLength) times the normalized window; the histogram shows the values, with no distribution to compare',
    }),
  },
  {
    name: 'Dirac',
    packageName: '@init/core',
    slug: 'dirac',
    summary: "PyTorch's dirac_: the identity of a convolution kernel",
    seeded: false,
    dtypes: FLOAT_DTYPES,
    options: [GROUPS_OPTION, LAYOUT_OPTION],
    defaultShape: '3, 3, 16, 16',
    partitionable: always,
    create: (parsed) =>
      new Dirac({ groups: num(parsed, GROUPS_OPTION), layout: option(parsed, LAYOUT_OPTION) } as object),
    constructorCode: (parsed) =>
      `new Dirac(${objectLiteral([
        ['groups', changed(parsed, GROUPS_OPTION, true)],
        ['layout', changed(parsed, LAYOUT_OPTION, false)],
      ])})`,
    theory: (parsed) => {
      // groups · min(out / groups, in) ones, as PyTorch's loop sets them; zeros elsewhere.
      const torch = option(parsed, LAYOUT_OPTION) === 'torch';
      const rank = parsed.shape.length;
      const out = parsed.shape[torch ? 0 : rank - 1] ?? 0;
      const inputs = parsed.shape[torch ? 1 : rank - 2] ?? 0;
      const groups = num(parsed, GROUPS_OPTION);
      const ones = groups * Math.min(out / groups, inputs);
      const share = ones / Math.max(1, size(parsed.shape));
      return discreteTheory(`1 at the kernel centre for ${fmt(ones)} (output, input) channel pairs, 0 elsewhere`, [
        { value: 0, probability: 1 - share },
        { value: 1, probability: share },
      ]);
    },
  },
  {
    name: 'Sparse',
    packageName: '@init/core',
    slug: 'sparse',
    summary: "PyTorch's sparse_: ⌈sparsity·rows⌉ zeros in each column, the rest normal",
    seeded: true,
    dtypes: FLOAT_DTYPES,
    options: [SPARSITY_OPTION, SPARSE_STDDEV_OPTION],
    defaultShape: '256, 128',
    partitionable: always,
    create: (parsed) =>
      new Sparse({
        sparsity: num(parsed, SPARSITY_OPTION),
        stddev: num(parsed, SPARSE_STDDEV_OPTION),
        ...randomCommon(parsed),
      } as object as { sparsity: number }),
    constructorCode: (parsed) =>
      `new Sparse(${objectLiteral([
        ['sparsity', num(parsed, SPARSITY_OPTION)],
        ['stddev', changed(parsed, SPARSE_STDDEV_OPTION, true)],
        ['seed', parsed.seed],
      ])})`,
    theory: (parsed) => {
      const rows = parsed.shape[0] ?? 0;
      const zeros = Math.min(rows, Math.ceil(num(parsed, SPARSITY_OPTION) * rows));
      const share = rows === 0 ? 0 : zeros / rows;
      const stddev = num(parsed, SPARSE_STDDEV_OPTION);
      // A mixture: the line is the normal part, weighted by 1 − share; the spike at 0 holds the rest.
      const normal = normalTheory(0, stddev);
      return {
        ...normal,
        label: `N(0, ${fmt(stddev)}²) for ${fmt(1 - share)} of the values, the other ${fmt(share)} exactly 0 (the spike at 0)`,
        pdf: (x: number) => (1 - share) * normal.pdf(x),
        std: stddev * Math.sqrt(1 - share),
      };
    },
  },
  ...KERAS_PRESETS.map(
    (preset): GalleryEntry => ({
      name: preset.name,
      packageName: '@init/presets',
      slug: preset.slug,
      summary: `VarianceScaling(scale ${preset.scale}, ${preset.mode}, ${preset.normal ? 'truncated normal' : 'uniform'})`,
      seeded: true,
      dtypes: FLOAT_DTYPES,
      options: [ENGINE_OPTION],
      defaultShape: '256, 128',
      partitionable: counterEngine,
      create: (parsed) => preset.make(randomCommon(parsed, option(parsed, ENGINE_OPTION))),
      constructorCode: (parsed) =>
        `new ${preset.name}(${objectLiteral([
          ['seed', parsed.seed],
          ['engine', changed(parsed, ENGINE_OPTION, false)],
        ])})`,
      theory: (parsed) => {
        const tfjs = option(parsed, ENGINE_OPTION) === 'tfjs';
        // Keras 3 corrects the truncated normal; TensorFlow.js (engine 'tfjs') does not.
        const distribution: VsDistribution = preset.normal ? (tfjs ? 'normal' : 'truncated_normal') : 'uniform';
        return varianceScalingTheory(
          preset.scale,
          preset.mode,
          distribution,
          tfjs ? tfjsFans(parsed.shape) : computeFans(parsed.shape),
        );
      },
    }),
  ),
  ...(['xavierUniform', 'xavierNormal'] as const).map(
    (name): GalleryEntry => ({
      name,
      packageName: '@init/presets',
      slug: 'pytorch',
      summary: `PyTorch's xavier_${name === 'xavierUniform' ? 'uniform' : 'normal'}_ on [out, in, ...kernel] shapes`,
      seeded: true,
      dtypes: FLOAT_DTYPES,
      options: [GAIN_OPTION],
      defaultShape: '128, 256',
      partitionable: always,
      create: (parsed) =>
        (name === 'xavierUniform' ? xavierUniform : xavierNormal)({
          gain: num(parsed, GAIN_OPTION),
          ...randomCommon(parsed),
        } as object),
      constructorCode: (parsed) =>
        `${name}(${objectLiteral([
          ['gain', changed(parsed, GAIN_OPTION, true)],
          ['seed', parsed.seed],
        ])})`,
      theory: (parsed) =>
        varianceScalingTheory(
          num(parsed, GAIN_OPTION) ** 2,
          'fan_avg',
          name === 'xavierUniform' ? 'uniform' : 'untruncated_normal',
          computeFans(parsed.shape, 'torch'),
        ),
    }),
  ),
  ...(['kaimingUniform', 'kaimingNormal'] as const).map(
    (name): GalleryEntry => ({
      name,
      packageName: '@init/presets',
      slug: 'pytorch',
      summary: `PyTorch's kaiming_${name === 'kaimingUniform' ? 'uniform' : 'normal'}_ on [out, in, ...kernel] shapes`,
      seeded: true,
      dtypes: FLOAT_DTYPES,
      options: [A_OPTION, KAIMING_MODE_OPTION, NONLINEARITY_OPTION],
      defaultShape: '128, 256',
      partitionable: always,
      create: (parsed) =>
        (name === 'kaimingUniform' ? kaimingUniform : kaimingNormal)({
          a: num(parsed, A_OPTION),
          mode: option(parsed, KAIMING_MODE_OPTION),
          nonlinearity: option(parsed, NONLINEARITY_OPTION),
          ...randomCommon(parsed),
        } as object),
      constructorCode: (parsed) =>
        `${name}(${objectLiteral([
          ['a', changed(parsed, A_OPTION, true)],
          ['mode', changed(parsed, KAIMING_MODE_OPTION, false)],
          ['nonlinearity', changed(parsed, NONLINEARITY_OPTION, false)],
          ['seed', parsed.seed],
        ])})`,
      theory: (parsed) =>
        varianceScalingTheory(
          kaimingScale(option(parsed, NONLINEARITY_OPTION), num(parsed, A_OPTION)),
          option(parsed, KAIMING_MODE_OPTION) as Mode,
          name === 'kaimingUniform' ? 'uniform' : 'untruncated_normal',
          computeFans(parsed.shape, 'torch'),
        ),
    }),
  ),
];

export function findEntry(name: string): GalleryEntry | undefined {
  return GALLERY.find((entry) => entry.name === name);
}

/** The gallery refuses tensors beyond this many elements: they would take the page seconds to draw. */
export const MAX_GALLERY_ELEMENTS = 1 << 20;
/** Orthogonal factors a max(rows, cols)-square problem; beyond this it takes seconds. */
export const MAX_ORTHOGONAL_SIDE = 1024;
/** ConvolutionOrthogonal multiplies k − 1 projections per axis into every tap; beyond this it takes seconds. */
export const MAX_CONVOLUTION_CHANNELS = 128;

/** The default settings of an entry, or of the gallery. */
export function defaultSettings(entry: GalleryEntry, seed = '42'): Settings {
  const options: Record<string, string> = {};
  for (const spec of entry.options) options[spec.key] = spec.default;
  return { name: entry.name, shape: entry.defaultShape, dtype: 'float32', seed: entry.seeded ? seed : '', options };
}

export interface Prepared {
  readonly entry: GalleryEntry;
  readonly parsed: Parsed;
  readonly initializer: Initializer;
  /** The line of code that produces the tensor, as a reader would write it. */
  readonly code: string;
}

/** Parses the settings and builds the initializer; throws with a message for the reader. */
/** Whether the settings run Orthogonal's method 'svd' (opt-in: `enableSvd` from '@init/core/svd'). */
export function needsSvd(settings: Settings): boolean {
  return findEntry(settings.name)?.needsSvd?.(settings.options) ?? false;
}

export function prepare(settings: Settings): Prepared {
  const entry = findEntry(settings.name);
  if (entry === undefined) throw new Error(`Unknown initializer "${settings.name}".`);
  const shape = parseShape(settings.shape);
  const parsed: Parsed = {
    options: settings.options,
    shape,
    dtype: settings.dtype,
    seed: entry.seeded ? parseSeed(settings.seed) : undefined,
  };
  const count = shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0) ? size(shape) : 0;
  if (count > MAX_GALLERY_ELEMENTS) {
    throw new Error(
      `The gallery draws at most ${MAX_GALLERY_ELEMENTS.toLocaleString('en-US')} elements; [${shape.join(', ')}] has ${count.toLocaleString('en-US')}.`,
    );
  }
  if (
    entry.name === 'Orthogonal' &&
    shape.length >= 2 &&
    Math.max(...orthogonalMatrixShape(shape, settings.options.layout)) > MAX_ORTHOGONAL_SIDE
  ) {
    throw new Error(
      `The gallery factors matrices up to ${MAX_ORTHOGONAL_SIDE} on a side; [${shape.join(', ')}] flattens to ${orthogonalMatrixShape(shape, settings.options.layout).join(' × ')}.`,
    );
  }
  if (
    entry.name === 'ConvolutionOrthogonal' &&
    kernelChannels(shape, settings.options.layout ?? 'tf').outChannels > MAX_CONVOLUTION_CHANNELS
  ) {
    throw new Error(
      `The gallery builds orthogonal convolutions up to ${MAX_CONVOLUTION_CHANNELS} output channels; [${shape.join(', ')}] has more.`,
    );
  }
  const initializer = entry.create(parsed);
  const call = `${entry.constructorCode(parsed)}.apply(${literal(shape)}, '${settings.dtype}')`;
  const imports = `import { ${entry.name} } from '${entry.packageName}';`;
  const code = needsSvd(settings)
    ? `${imports}\nimport { enableSvd } from '@init/core/svd';\n\nenableSvd(); // once, before method 'svd'\n${call}`
    : `${imports}\n\n${call}`;
  return { entry, parsed, initializer, code };
}
