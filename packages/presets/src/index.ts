export { calculateGain, NONLINEARITIES, type Nonlinearity } from './calculate-gain.js';
export { get, type InitializerIdentifier } from './get.js';
export {
  GlorotNormal,
  glorotNormal,
  GlorotUniform,
  glorotUniform,
  HeNormal,
  heNormal,
  HeUniform,
  heUniform,
  LecunNormal,
  lecunNormal,
  LecunUniform,
  lecunUniform,
  type GlorotNormalOptions,
  type GlorotUniformOptions,
  type HeNormalOptions,
  type HeUniformOptions,
  type KerasPresetConfig,
  type KerasPresetOptions,
  type LecunNormalOptions,
  type LecunUniformOptions,
} from './keras-presets.js';
export { classIdentifiers, kerasIdentifiers, nameTable, presetNameRows, tfjsIdentifiers } from './names.js';
export {
  kaimingNormal,
  kaimingUniform,
  xavierNormal,
  xavierUniform,
  type KaimingMode,
  type KaimingOptions,
  type XavierOptions,
} from './pytorch.js';
export { registerPresets } from './register.js';
export {
  constant_initializer,
  convolutional_delta_orthogonal,
  convolutional_orthogonal_1d,
  convolutional_orthogonal_2d,
  convolutional_orthogonal_3d,
  type ConvolutionOrthogonalRankOptions,
  glorot_normal_initializer,
  glorot_uniform_initializer,
  ones_initializer,
  orthogonal_initializer,
  random_normal_initializer,
  random_uniform_initializer,
  truncated_normal_initializer,
  uniform_unit_scaling_initializer,
  variance_scaling_initializer,
  zeros_initializer,
} from './tf1.js';
