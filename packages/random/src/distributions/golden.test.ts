import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { computeBoundedGoldenVectors, computeGoldenVectors } from '../../scripts/golden-cases.js';

// Snapshot vectors of stream version 1, written by scripts/generate-golden-vectors.ts. A difference
// means the stream contract (STREAMS.md) changed: that is a major release, with a changeset saying so.
const fixture = JSON.parse(
  readFileSync(new URL('../__fixtures__/golden-v1.json', import.meta.url), 'utf8'),
) as ReturnType<typeof computeGoldenVectors>;

describe('golden vectors of stream version 1', () => {
  // Computed once, before any test, so that each test below stands alone (`-t` may pick any one).
  let current: ReturnType<typeof computeGoldenVectors>;
  beforeAll(() => {
    current = computeGoldenVectors();
  }, 120_000);

  test('are of the recorded stream version', () => {
    expect(current.streamVersion).toBe(fixture.streamVersion);
  });

  test('key derivations', () => {
    expect(current.keys).toEqual(fixture.keys);
  });

  test.each(Object.keys(fixture.streams))('streams of %s', (keyName) => {
    expect(current.streams[keyName]).toEqual(fixture.streams[keyName]);
  });
});

const boundedFixture = JSON.parse(
  readFileSync(new URL('../__fixtures__/golden-truncated-v1.json', import.meta.url), 'utf8'),
) as ReturnType<typeof computeBoundedGoldenVectors>;

describe('golden vectors of the bounded truncated normal (stream version 1)', () => {
  const current = computeBoundedGoldenVectors();

  test.each(Object.keys(boundedFixture.streams))('streams of %s', (keyName) => {
    expect(current.streams[keyName]).toEqual(boundedFixture.streams[keyName]);
  });
});
