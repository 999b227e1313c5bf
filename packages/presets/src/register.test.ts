// Runs in its own module graph (Vitest isolates test files), so it sees core's registry as an
// application that just imported @init/presets would.
import { deserialize, registeredClassNames, serialize } from '@init/core';
import { expect, test } from 'vitest';
import { keras3Envelope } from '../../core/test/keras.js';
import * as presets from './index.js';

const names = ['GlorotUniform', 'GlorotNormal', 'HeUniform', 'HeNormal', 'LecunUniform', 'LecunNormal'];

test('importing the package registers nothing, and get() works without registration', () => {
  expect(Object.keys(presets).length).toBeGreaterThan(0);
  expect(registeredClassNames().filter((name) => names.includes(name))).toEqual([]);
  expect(presets.get({ className: 'HeNormal', config: { seed: 1 } })).toBeInstanceOf(presets.HeNormal);
  expect(registeredClassNames().filter((name) => names.includes(name))).toEqual([]);
});

test('registerPresets makes core deserialize the presets, and can be called again', () => {
  expect(presets.registerPresets()).toEqual(names);
  expect(presets.registerPresets()).toEqual(names);
  expect(registeredClassNames()).toEqual(expect.arrayContaining(names));
  for (const Preset of [
    presets.GlorotUniform,
    presets.GlorotNormal,
    presets.HeUniform,
    presets.HeNormal,
    presets.LecunUniform,
    presets.LecunNormal,
  ]) {
    const init = new Preset({ seed: 'layer/kernel' });
    const rebuilt = deserialize(serialize(init));
    expect(rebuilt).toBeInstanceOf(Preset);
    expect(rebuilt.apply([3, 5]).data).toEqual(init.apply([3, 5]).data);
  }
  // Keras 3's form, and the options a preset fixes refused through core as well.
  expect(deserialize(keras3Envelope('LecunNormal', { seed: null }))).toBeInstanceOf(presets.LecunNormal);
  expect(() => deserialize({ className: 'HeUniform', config: { scale: 3 } })).toThrow(
    /HeUniform: scale must be a known option; HeUniform takes seed, dtype, engine, layout, inAxis, outAxis, batchAxis, inputAxes, outputAxes/,
  );
});
