import { get, HeNormal } from '@init/presets';

// An initializer's config from a Keras 3 model's config.json, read as data (never executed):
const saved =
  '{"module": "keras.initializers", "class_name": "HeNormal", "config": {"seed": 7}, "registered_name": null}';
const init = get(JSON.parse(saved));
console.log(init instanceof HeNormal, init.getConfig());
console.log(get('he_normal').getConfig(), get('variance_scaling').getConfig());

try {
  get('glorot_unifrom');
} catch (error) {
  console.log(String(error));
}
