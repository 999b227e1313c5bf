// One wording across the packages: @init/linalg may not depend on @init/random. Both build their
// messages with the same code (describeValue and argumentMessage of the private @init/internal,
// inlined into each build); linalg keeps its own readOptions and matrix checks, whose TypeError
// and RangeError messages this test holds to random's wording.
import { describe, expect, test } from 'vitest';

describe('@init/linalg words its messages as @init/random does', () => {
  test('options and detached buffers read the same in both', async () => {
    const { orthogonalize } = await import('@init/linalg');
    const { fillUniform, keyFromSeed } = await import('@init/random');
    const message = (call: () => unknown): string => {
      try {
        call();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    const linalg = message(() => orthogonalize([1], 1, 1, null as never));
    const random = message(() => fillUniform(new Float32Array(1), keyFromSeed(1), null as never));
    expect(linalg.replace(/^orthogonalize: |\{ method: … \}/g, '')).toBe(
      random.replace(/^fillUniform: |\{ low: … \}/g, ''),
    );
    const buffer = new ArrayBuffer(8);
    const detached = new Float64Array(buffer);
    structuredClone(buffer, { transfer: [buffer] });
    expect(message(() => orthogonalize(detached, 1, 1)).replace(/^orthogonalize: a /, '')).toBe(
      message(() => fillUniform(detached, keyFromSeed(1))).replace(/^fillUniform: out /, ''),
    );
  });
});
