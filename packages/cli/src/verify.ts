// `init-weights verify SPEC PATH`: recomputes every tensor from the spec and the seed and compares
// its SHA-256 with that of the file's bytes.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Initializer } from '@init/core';
import { applyParallel } from '@init/parallel';
import type { Seed } from '@init/random';
import { initializerFor } from './initializer-for.js';
import { enableSvdWhereNeeded } from './svd.js';
import { checkpointFiles, forEachSlice, readHeader } from './read.js';
import { SAFETENSORS_DTYPES } from './safetensors.js';
import type { Spec } from './spec.js';
import { bytesOfArray } from './write.js';

export interface TensorCheck {
  readonly file: string;
  readonly name: string;
  /** 'ok', or what differs. */
  readonly status: 'ok' | 'values differ' | 'dtype differs' | 'shape differs' | 'not in the spec' | 'missing';
  readonly expected?: string;
  readonly actual?: string;
}

const WORKER_SETUP = new URL('./worker-setup.js', import.meta.url);

/**
 * Checks a checkpoint against its spec and seed. A single .safetensors file is checked for the
 * tensors it holds (one host's shard); a directory or index must hold every parameter of the spec.
 */
export async function verifyCheckpoint(
  spec: Spec,
  path: string,
  seed: Seed,
  options: { workers?: number } = {},
): Promise<TensorCheck[]> {
  const files = checkpointFiles(path);
  // One shard file of the sharded layout holds only its tensors; any other path, all of them.
  const complete = !/^model-\d+-of-\d+\.safetensors$/.test(basename(path));
  const byName = new Map(spec.parameters.map((parameter) => [parameter.name, parameter]));
  const seen = new Set<string>();
  const checks: TensorCheck[] = [];
  for (const file of files) {
    const header = readHeader(file);
    for (const tensor of header.tensors) {
      const parameter = byName.get(tensor.name);
      seen.add(tensor.name);
      if (parameter === undefined) {
        checks.push({ file, name: tensor.name, status: 'not in the spec' });
        continue;
      }
      if (tensor.dtype !== SAFETENSORS_DTYPES[parameter.dtype]) {
        checks.push({
          file,
          name: tensor.name,
          status: 'dtype differs',
          expected: SAFETENSORS_DTYPES[parameter.dtype],
          actual: tensor.dtype,
        });
        continue;
      }
      if (JSON.stringify(tensor.shape) !== JSON.stringify(parameter.shape)) {
        checks.push({
          file,
          name: tensor.name,
          status: 'shape differs',
          expected: JSON.stringify(parameter.shape),
          actual: JSON.stringify(tensor.shape),
        });
        continue;
      }
      const fileHash = createHash('sha256');
      forEachSlice(file, header, tensor, (bytes) => fileHash.update(bytes));
      const expected = await expectedHash(
        initializerFor(parameter, seed, spec.layout),
        parameter.shape,
        parameter.dtype,
        options.workers,
      );
      const actual = fileHash.digest('hex');
      checks.push({ file, name: tensor.name, status: expected === actual ? 'ok' : 'values differ', expected, actual });
    }
  }
  if (complete) {
    for (const parameter of spec.parameters)
      if (!seen.has(parameter.name)) checks.push({ file: path, name: parameter.name, status: 'missing' });
  }
  return checks;
}

/** SHA-256 of the tensor's bytes as apply() makes them (on the workers when large). */
async function expectedHash(
  initializer: Initializer,
  shape: readonly number[],
  dtype: Spec['parameters'][number]['dtype'],
  workers: number | undefined,
): Promise<string> {
  await enableSvdWhereNeeded([initializer]);
  const tensor = await applyParallel(initializer, shape, {
    dtype,
    setup: WORKER_SETUP,
    ...(workers === undefined ? {} : { workers }),
  });
  return createHash('sha256').update(bytesOfArray(tensor.data)).digest('hex');
}
