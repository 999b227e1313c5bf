import { registerInitializer } from '@init/core';
import { presetNameRows } from './names.js';

/**
 * Registers the presets' classes (the rows of {@link presetNameRows}: the six Keras presets) with core's registry, so that `deserialize` from `@init/core`
 * rebuilds `{ className: 'GlorotUniform', config }` and the others. Nothing registers on import
 * (bundles can drop what they do not use); call this once if your code deserializes through core
 * rather than through {@link get}, which knows the presets without it. Calling it again is harmless.
 *
 * @returns the class names registered.
 * @example
 * ```ts
 * import { deserialize } from '@init/core';
 * registerPresets();
 * deserialize({ className: 'HeNormal', config: { seed: 7 } }); // a HeNormal
 * ```
 * @throws InitTypeError when another class was registered under one of these names first.
 */
export function registerPresets(): string[] {
  return presetNameRows().map((row) => registerInitializer(row.cls).className);
}
