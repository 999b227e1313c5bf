// GPT-2-shaped specs for init-weights: the state_dict names and shapes of Hugging Face's
// GPT2LMHeadModel (its Conv1D weights are [in, out]) and the initialization of its `_init_weights`
// — normal(0, 0.02) for weights and embeddings, zeros for biases, ones for layer-norm gains, and
// normal(0, 0.02/√(2·n_layer)) for the residual projections (GPT-2's scaled init).
// `tsx scripts/gpt2-spec.ts [n_layer n_embd vocab n_ctx] > spec.json` prints one.

export interface Gpt2Config {
  readonly layers: number;
  readonly embedding: number;
  readonly vocabulary: number;
  readonly context: number;
}

/** GPT-2 small: 124,439,808 parameters. */
export const GPT2_SMALL: Gpt2Config = { layers: 12, embedding: 768, vocabulary: 50257, context: 1024 };

export function gpt2Spec(config: Gpt2Config): {
  parameters: Record<string, number[]>;
  rules: Record<string, unknown>;
  layout: 'tf';
} {
  const { layers, embedding: d, vocabulary, context } = config;
  const parameters: Record<string, number[]> = {
    'transformer.wte.weight': [vocabulary, d],
    'transformer.wpe.weight': [context, d],
  };
  for (let i = 0; i < layers; i++) {
    const h = `transformer.h.${i}`;
    Object.assign(parameters, {
      [`${h}.ln_1.weight`]: [d],
      [`${h}.ln_1.bias`]: [d],
      [`${h}.attn.c_attn.weight`]: [d, 3 * d],
      [`${h}.attn.c_attn.bias`]: [3 * d],
      [`${h}.attn.c_proj.weight`]: [d, d],
      [`${h}.attn.c_proj.bias`]: [d],
      [`${h}.ln_2.weight`]: [d],
      [`${h}.ln_2.bias`]: [d],
      [`${h}.mlp.c_fc.weight`]: [d, 4 * d],
      [`${h}.mlp.c_fc.bias`]: [4 * d],
      [`${h}.mlp.c_proj.weight`]: [4 * d, d],
      [`${h}.mlp.c_proj.bias`]: [d],
    });
  }
  parameters['transformer.ln_f.weight'] = [d];
  parameters['transformer.ln_f.bias'] = [d];
  return {
    parameters,
    rules: {
      '*.ln_*.weight': 'ones',
      '*.bias': 'zeros',
      '*.c_proj.weight': { className: 'RandomNormal', config: { stddev: 0.02 / Math.sqrt(2 * layers) } },
      '*': { className: 'RandomNormal', config: { stddev: 0.02 } },
    },
    // Conv1D stores [in, out], TensorFlow's order.
    layout: 'tf',
  };
}

const [layers, embedding, vocabulary, context] = process.argv.slice(2).map(Number);
if (import.meta.url === `file://${process.argv[1]}`) {
  const config =
    layers === undefined
      ? GPT2_SMALL
      : { layers, embedding: embedding ?? 768, vocabulary: vocabulary ?? 50257, context: context ?? 1024 };
  process.stdout.write(`${JSON.stringify(gpt2Spec(config), null, 2)}\n`);
}
