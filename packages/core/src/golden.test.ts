// The seeded values are a contract: they change only in a major release (see scripts/write-golden.ts).
import { describe, expect, test } from 'vitest';
import { caseId, computeGolden, goldenCases } from '../scripts/golden-cases.js';
import golden from './__fixtures__/golden.json' with { type: 'json' };

const recorded = golden as Record<string, number[]>;

describe('golden vectors (seed 42)', () => {
  test('every case is recorded', () => {
    expect(Object.keys(recorded).sort()).toEqual(goldenCases.map(caseId).sort());
  });

  test.each(goldenCases.map((golden) => [caseId(golden), golden] as const))('%s', (id, golden) => {
    expect(computeGolden(golden)).toEqual(recorded[id]);
  });
});
