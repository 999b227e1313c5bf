// The spec: which parameters a model has, their shapes and dtypes, and which initializer makes each.
//
//   { "parameters": { NAME: [dims] | { "shape": [dims], "dtype"?: DTYPE, "init"?: ID_OR_CONFIG } },
//     "rules"?: { GLOB: ID_OR_CONFIG, … }, "dtype"?: "float32", "layout"?: "torch" }
//
// A parameter's own `init` wins; else the first rule, in the order written, whose glob matches the
// whole name (fnmatch); no match is an error naming the parameter. `parameters` may be PyTorch's
// state_dict shapes as they are (`{k: list(v.shape) for k, v in sd.items()}`).
import { DTYPES, isDType, type DType, type FanLayout } from '@init/core';
import { fnmatch } from './fnmatch.js';

/** What presets' `get()` accepts, as JSON: a string id or a `{ className, config }` object. */
export type Identifier = string | { readonly [key: string]: unknown };

/** One parameter of a spec, resolved. */
export interface Parameter {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly init: Identifier;
  /** Where `init` came from: `'init'` (the parameter's own) or the glob of the rule. */
  readonly source: string;
}

/** A spec, read and resolved: its parameters in the order written, and its fan layout. */
export interface Spec {
  readonly parameters: readonly Parameter[];
  readonly layout: FanLayout;
}

/** A problem with the spec; the message says which key and what was received. */
export class SpecError extends Error {
  override readonly name = 'SpecError';
}

const LAYOUTS: readonly FanLayout[] = ['torch', 'tf'];
const SPEC_KEYS = ['parameters', 'rules', 'dtype', 'layout'];

function describe(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // A bigint (or a cycle, from code rather than a file) has no JSON: show it as JavaScript does.
    text = typeof value === 'bigint' ? `${value}n` : Object.prototype.toString.call(value);
  }
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readShape(where: string, value: unknown): number[] {
  if (
    !Array.isArray(value) ||
    !value.every((dim) => typeof dim === 'number' && Number.isSafeInteger(dim) && dim >= 0)
  ) {
    throw new SpecError(`${where} must be an array of non-negative integers. Received: ${describe(value)}.`);
  }
  return value as number[];
}

function readIdentifier(where: string, value: unknown): Identifier {
  if (typeof value === 'string' || isPlainObject(value)) return value;
  throw new SpecError(
    `${where} must be an initializer id (a string) or a { className, config } object. Received: ${describe(value)}.`,
  );
}

function readDType(where: string, value: unknown): DType {
  if (isDType(value)) return value;
  throw new SpecError(`${where} must be one of ${DTYPES.join(', ')}. Received: ${describe(value)}.`);
}

/**
 * Reads a spec from its JSON text. `layout` (the command's `--layout`) overrides the spec's.
 * @throws SpecError for text that is not JSON, a wrong shape of spec, or a parameter no rule covers.
 */
export function parseSpec(text: string, options: { layout?: FanLayout | undefined } = {}): Spec {
  if (typeof options !== 'object' || options === null) {
    throw new SpecError(
      `parseSpec: options must be an object { layout? }. Received: ${options === null ? 'null' : typeof options}.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SpecError(`the spec is not valid JSON: ${(error as Error).message}.`);
  }
  if (!isPlainObject(json)) throw new SpecError(`the spec must be a JSON object. Received: ${describe(json)}.`);
  const root = json;
  for (const key of Object.keys(root)) {
    if (!SPEC_KEYS.includes(key))
      throw new SpecError(
        `the spec must have only the keys ${SPEC_KEYS.join(', ')}. Received: the key ${describe(key)}.`,
      );
  }
  const { parameters, rules = {}, dtype = 'float32', layout } = root;
  if (!isPlainObject(parameters))
    throw new SpecError(
      `spec.parameters must be an object { name: shape or { shape, dtype?, init? } }. Received: ${describe(parameters)}.`,
    );
  if (!isPlainObject(rules))
    throw new SpecError(`spec.rules must be an object { glob: initializer }. Received: ${describe(rules)}.`);
  const defaultDType = readDType('spec.dtype', dtype);
  const layoutValue = options.layout ?? layout ?? 'torch';
  if (!(LAYOUTS as readonly unknown[]).includes(layoutValue)) {
    throw new SpecError(`the layout must be 'torch' or 'tf'. Received: ${describe(layoutValue)}.`);
  }
  const ruleList = Object.entries(rules).map(
    ([glob, init]) => [glob, readIdentifier(`spec.rules[${describe(glob)}]`, init)] as const,
  );
  const resolved = Object.entries(parameters).map(([name, entry]): Parameter => {
    const where = `spec.parameters[${describe(name)}]`;
    let shape: number[];
    let own: Identifier | undefined;
    let parameterDType = defaultDType;
    if (Array.isArray(entry)) {
      shape = readShape(where, entry);
    } else if (isPlainObject(entry)) {
      for (const key of Object.keys(entry)) {
        if (!['shape', 'dtype', 'init'].includes(key))
          throw new SpecError(`${where} must have only shape, dtype and init. Received: the key ${describe(key)}.`);
      }
      shape = readShape(`${where}.shape`, entry.shape);
      if (entry.dtype !== undefined) parameterDType = readDType(`${where}.dtype`, entry.dtype);
      if (entry.init !== undefined) own = readIdentifier(`${where}.init`, entry.init);
    } else {
      throw new SpecError(`${where} must be a shape [dims] or { shape, dtype?, init? }. Received: ${describe(entry)}.`);
    }
    if (own !== undefined) return { name, shape, dtype: parameterDType, init: own, source: 'init' };
    const rule = ruleList.find(([glob]) => fnmatch(name, glob));
    if (rule === undefined) {
      throw new SpecError(
        `parameter ${describe(name)} matches no rule and has no init: add a rule whose glob matches it (rules: ${ruleList.map(([glob]) => describe(glob)).join(', ') || 'none'}).`,
      );
    }
    return { name, shape, dtype: parameterDType, init: rule[1], source: rule[0] };
  });
  if (resolved.length === 0) throw new SpecError('spec.parameters must name at least one parameter. Received: {}.');
  return { parameters: resolved, layout: layoutValue as FanLayout };
}
