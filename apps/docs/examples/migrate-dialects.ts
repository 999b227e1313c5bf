import { deserialize } from '@init/core';

// One saved initializer, as Keras 2.2+, tf.keras and Keras 3 write He normal for a 512-input layer —
// and as TF1 or TensorFlow.js would have written it too. The text is the same; the meaning is not.
const saved = JSON.parse(
  '{"class_name": "VarianceScaling", "config": {"scale": 2.0, "mode": "fan_in", "distribution": "normal", "seed": 7}}',
);

function std(values: Float32Array): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
}

for (const dialect of ['keras', 'tf1', 'tfjs'] as const) {
  const init = deserialize(saved, { dialect });
  const { distribution, engine } = init.getConfig() as { distribution: string; engine: string };
  const kernel = init.apply([512, 256]).data as Float32Array;
  console.log(dialect.padEnd(5), distribution.padEnd(16), engine.padEnd(7), 'std', std(kernel).toFixed(4));
}

// Without the option, Keras's { class_name } envelope is read as Keras: std √(2/512) = 0.0625.
console.log(std(deserialize(saved).apply([512, 256]).data as Float32Array).toFixed(4));

// TensorFlow.js's own getConfig() output, with its camelCase values and a seed only it accepts:
const tfjs = deserialize(
  { className: 'VarianceScaling', config: { scale: 1, mode: 'fanAvg', distribution: 'normal', seed: -5 } },
  { dialect: 'tfjs' },
);
console.log(tfjs.getConfig());

try {
  deserialize(saved, { dialect: 'pytorch' as never });
} catch (error) {
  console.log(String(error));
}
