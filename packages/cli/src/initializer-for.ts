// A parameter's initializer: the spec's id or config, seeded with the parameter's own key
// foldIn(keyFromSeed(seed), name), with the spec's fan layout where the class takes one.
import { Initializer, serialize, type FanLayout } from '@init/core';
import { get } from '@init/presets';
import { foldIn, keyFromSeed, keyToString, type Key, type Seed } from '@init/random';
import type { Identifier, Parameter } from './spec.js';

/** The key of a parameter: `foldIn(keyFromSeed(seed), name)`, so no parameter depends on another. */
export function parameterKey(seed: Seed, name: string): Key {
  return foldIn(keyFromSeed(seed), name);
}

/** A problem building a parameter's initializer; the message names the parameter. */
export class InitializerError extends Error {
  override readonly name = 'InitializerError';
}

const FAN_KEYS = [
  'layout',
  'inAxis',
  'outAxis',
  'batchAxis',
  'in_axis',
  'out_axis',
  'batch_axis',
  'input_axes',
  'output_axes',
];

function givesFans(identifier: Identifier): boolean {
  if (typeof identifier === 'string') return false;
  const config = identifier.config;
  return typeof config === 'object' && config !== null && FAN_KEYS.some((key) => key in config);
}

/**
 * The initializer that makes `parameter`'s values: `get(init)` rebuilt with the parameter's key as
 * its seed (classes without a seed, such as zeros and ones, as they are) and with `layout` when the
 * class has fans and the spec's config did not say where they are.
 * @throws InitializerError naming the parameter, with get()'s message.
 */
export function initializerFor(parameter: Parameter, seed: Seed, layout: FanLayout): Initializer {
  try {
    const base = get(parameter.init as never);
    const { className, config } = serialize(base);
    const seeded =
      'seed' in config ? { ...config, seed: { key: keyToString(parameterKey(seed, parameter.name)) } } : config;
    if (!givesFans(parameter.init)) {
      try {
        return get({ className, config: { ...seeded, layout } });
      } catch {
        // The class takes no layout (zeros, constant, identity, …): build it without one.
      }
    }
    return get({ className, config: seeded });
  } catch (error) {
    if (error instanceof Error && !(error instanceof InitializerError)) {
      throw new InitializerError(
        `parameter ${JSON.stringify(parameter.name)} (${describeSource(parameter)}): ${error.message}`,
      );
    }
    throw error;
  }
}

function describeSource(parameter: Parameter): string {
  const init = typeof parameter.init === 'string' ? parameter.init : JSON.stringify(parameter.init);
  return parameter.source === 'init' ? `init ${init}` : `rule ${JSON.stringify(parameter.source)} → ${init}`;
}

export { Initializer };
