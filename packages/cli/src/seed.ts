import type { Seed } from '@init/random';
import { OptionError, requireText } from './layout.js';

/** `--seed`: digits are an integer seed (a bigint beyond 2^53 − 1); anything else a string seed. */
export function parseSeed(text: string): Seed {
  requireText('--seed', text);
  if (/^\d+$/.test(text)) {
    const value = BigInt(text);
    if (value >= 2n ** 64n)
      throw new OptionError(`--seed must be below 2^64 when it is an integer. Received: ${text}.`);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  if (text === '') throw new OptionError('--seed must not be empty. Received: "".');
  return text;
}
