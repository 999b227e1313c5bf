import { createTorchGenerator, fillNormalTorch } from '@init/random';
import { materializeTorchDefaults, torchDefaults } from '@init/presets';

// torch.manual_seed(0); linear = nn.Linear(300, 100); torch.randn(3)
const generator = createTorchGenerator(0);
const linear = materializeTorchDefaults(
  torchDefaults('Linear', { inFeatures: 300, outFeatures: 100, engine: 'torch', generator }),
);
console.log(Object.keys(linear), linear.weight?.shape, linear.bias?.shape);
console.log(linear.weight?.data.subarray(0, 4));
console.log(linear.bias?.data.subarray(0, 4));
// The generator moved on exactly as PyTorch's did, so the next draw matches too:
console.log(fillNormalTorch(new Float32Array(3), generator));

// PyTorch 1.13 and 2.13 print the same numbers:
// linear.weight[0, :4] -> [-0.000432251748861745, 0.030971584841609, -0.0475185327231884, -0.04248945787549019]
// linear.bias[:4]      -> [0.040563713759183884, -0.006312503945082426, -0.012238952331244946, -0.03520264849066734]
// torch.randn(3)       -> [-0.4236593246459961, 1.189941167831421, -0.4482423961162567]
