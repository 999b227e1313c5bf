// Model configs as three generations of Keras save them, written by us for the dialect tests (Keras
// cannot run here). Each follows the format its source defines; the layers and values are ours.
// The initializers inside them are what the tests load, in the `'keras'` dialect.
//
// Keras 2.2.4 (multi-backend Keras, keras-team/keras tag 2.2.4):
// - `Network.to_json` → `_updated_config()`: `{ class_name, config, keras_version, backend }`
//   (keras/engine/network.py);
// - `Sequential.get_config`: `{ name, layers: [{ class_name, config }] }` (keras/engine/sequential.py);
// - `serialize_keras_object`: `{ class_name: cls.__name__, config: get_config() }`
//   (keras/utils/generic_utils.py, lines 106–113);
// - `he_normal(seed)` is a function returning `VarianceScaling(scale=2., mode='fan_in',
//   distribution='normal', seed=seed)`, so a saved He normal kernel is a VarianceScaling config with
//   `distribution: 'normal'`, which `VarianceScaling.__call__` draws as a truncated normal with
//   `stddev = np.sqrt(scale) / .87962566103423978` (keras/initializers.py, lines 210–213; the
//   correction since Keras 2.2.0, PR #9963). `RandomNormal` writes `{ mean, stddev, seed }`.
//
// tf.keras (TensorFlow 2.x; Keras 2.15, keras-team/keras tag v2.15.0, keras/initializers/initializers.py):
// - the Glorot/He/LeCun helpers are classes whose `get_config` is `{ seed }` (lines 888, 934, …);
// - `VarianceScaling.__init__` maps `'normal'` to `'truncated_normal'` (lines 594–596) and draws
//   it with `stddev = math.sqrt(scale) / 0.87962566103423978` (line 661), so its configs say
//   `'truncated_normal'`; `Orthogonal` writes `{ gain, seed }` (line 783).
//
// Keras 3 (keras-team/keras tag v3.15.1):
// - `serialize_keras_object` writes `{ module, class_name, config, registered_name }`
//   (keras/src/saving/serialization_lib.py, lines 305–310);
// - `VarianceScaling.get_config` writes `scale, mode, distribution, seed, input_axes, output_axes`
//   (keras/src/initializers/random_initializers.py, lines 320–329); `'normal'` is read as
//   `'truncated_normal'` (lines 273–275), drawn with the same correction (lines 304–305).

/** A Keras 2.2.4 `model.to_json()`: He normal and Glorot uniform kernels, a RandomNormal embedding-like kernel. */
export const KERAS_2_2_4_MODEL = {
  class_name: 'Sequential',
  config: {
    name: 'sequential_1',
    layers: [
      {
        class_name: 'Dense',
        config: {
          name: 'dense_1',
          trainable: true,
          batch_input_shape: [null, 512],
          dtype: 'float32',
          units: 256,
          activation: 'relu',
          use_bias: true,
          kernel_initializer: {
            class_name: 'VarianceScaling',
            config: { scale: 2.0, mode: 'fan_in', distribution: 'normal', seed: null },
          },
          bias_initializer: { class_name: 'Zeros', config: {} },
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        },
      },
      {
        class_name: 'Dense',
        config: {
          name: 'dense_2',
          trainable: true,
          units: 128,
          activation: 'tanh',
          use_bias: true,
          kernel_initializer: {
            class_name: 'VarianceScaling',
            config: { scale: 1.0, mode: 'fan_avg', distribution: 'uniform', seed: null },
          },
          bias_initializer: { class_name: 'Zeros', config: {} },
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        },
      },
      {
        class_name: 'Dense',
        config: {
          name: 'dense_3',
          trainable: true,
          units: 10,
          activation: 'softmax',
          use_bias: true,
          kernel_initializer: { class_name: 'RandomNormal', config: { mean: 0.0, stddev: 0.05, seed: null } },
          bias_initializer: { class_name: 'Zeros', config: {} },
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        },
      },
    ],
  },
  keras_version: '2.2.4',
  backend: 'tensorflow',
} as const;

/** A tf.keras (TF 2.x) `model.to_json()`: a HeNormal class, a LeCun-style VarianceScaling, an Orthogonal recurrent-like kernel. */
export const TF_KERAS_MODEL = {
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    layers: [
      {
        class_name: 'InputLayer',
        config: { batch_input_shape: [null, 512], dtype: 'float32', sparse: false, ragged: false, name: 'input_1' },
      },
      {
        class_name: 'Dense',
        config: {
          name: 'dense',
          trainable: true,
          dtype: 'float32',
          units: 256,
          activation: 'relu',
          use_bias: true,
          kernel_initializer: { class_name: 'HeNormal', config: { seed: null } },
          bias_initializer: { class_name: 'Zeros', config: {} },
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        },
      },
      {
        class_name: 'Dense',
        config: {
          name: 'dense_1',
          trainable: true,
          dtype: 'float32',
          units: 256,
          activation: 'selu',
          use_bias: true,
          kernel_initializer: {
            class_name: 'VarianceScaling',
            config: { scale: 1.0, mode: 'fan_in', distribution: 'truncated_normal', seed: null },
          },
          bias_initializer: { class_name: 'Zeros', config: {} },
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        },
      },
      {
        class_name: 'Dense',
        config: {
          name: 'dense_2',
          trainable: true,
          dtype: 'float32',
          units: 256,
          activation: 'linear',
          use_bias: false,
          kernel_initializer: { class_name: 'Orthogonal', config: { gain: 1.0, seed: null } },
          bias_initializer: { class_name: 'Zeros', config: {} },
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        },
      },
    ],
  },
  keras_version: '2.15.0',
  backend: 'tensorflow',
} as const;

/** A Keras 3 `model.to_json()` (as in a .keras file's config.json): envelopes with module and registered_name. */
export const KERAS_3_MODEL = {
  module: 'keras',
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    trainable: true,
    dtype: 'float32',
    layers: [
      {
        module: 'keras.layers',
        class_name: 'InputLayer',
        config: { batch_shape: [null, 512], dtype: 'float32', sparse: false, name: 'input_layer' },
        registered_name: null,
      },
      {
        module: 'keras.layers',
        class_name: 'Dense',
        config: {
          name: 'dense',
          trainable: true,
          dtype: 'float32',
          units: 256,
          activation: 'relu',
          use_bias: true,
          kernel_initializer: {
            module: 'keras.initializers',
            class_name: 'VarianceScaling',
            config: {
              scale: 2.0,
              mode: 'fan_in',
              distribution: 'truncated_normal',
              seed: null,
              input_axes: null,
              output_axes: null,
            },
            registered_name: null,
          },
          bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
          kernel_regularizer: null,
          bias_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        },
        registered_name: null,
      },
      {
        module: 'keras.layers',
        class_name: 'Dense',
        config: {
          name: 'dense_1',
          trainable: true,
          dtype: 'float32',
          units: 256,
          activation: 'gelu',
          use_bias: true,
          kernel_initializer: {
            module: 'keras.initializers',
            class_name: 'TruncatedNormal',
            config: { mean: 0.0, stddev: 0.02, seed: 1337 },
            registered_name: null,
          },
          bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
          kernel_regularizer: null,
          bias_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        },
        registered_name: null,
      },
      {
        module: 'keras.layers',
        class_name: 'Dense',
        config: {
          name: 'dense_2',
          trainable: true,
          dtype: 'float32',
          units: 256,
          activation: null,
          use_bias: false,
          kernel_initializer: {
            module: 'keras.initializers',
            class_name: 'GlorotUniform',
            config: { seed: 7 },
            registered_name: null,
          },
          bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
          kernel_regularizer: null,
          bias_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
        },
        registered_name: null,
      },
    ],
    build_input_shape: [null, 512],
  },
  registered_name: null,
} as const;
