// Test-only helpers for Keras 3's serialized forms, used by the tests of core and of the presets.
import { expect } from 'vitest';
import { serialize, type Initializer, type SerializedInitializer } from '../src/index.js';

/** Keras 3's envelope of a serialized initializer, as `serialize_keras_object` writes it. */
export function keras3Envelope(
  className: string,
  config: Record<string, unknown>,
): { module: string; class_name: string; config: Record<string, unknown>; registered_name: null } {
  return { module: 'keras.initializers', class_name: className, config, registered_name: null };
}

/** An initializer whose fans can be asked for (VarianceScaling and its presets). */
interface WithFans extends Initializer {
  fans(shape: readonly number[]): { fanIn: number; fanOut: number };
}

/**
 * Checks an initializer read from a Keras 3 config with `input_axes: [0], output_axes: [1, 2]`: its
 * fans come from those axes, its config is `expected`, and what `reread` makes of its
 * `serialize()` output draws the same values.
 */
export function expectKeras3Axes(
  init: WithFans,
  expected: Record<string, unknown>,
  reread: (serialized: SerializedInitializer) => Initializer,
): void {
  expect(init.fans([512, 8, 64])).toEqual({ fanIn: 512, fanOut: 512 });
  expect(init.getConfig()).toEqual(expected);
  expect(reread(serialize(init)).apply([4, 2, 3]).data).toEqual(init.apply([4, 2, 3]).data);
}
