// The gallery's catalog in Node: the entries for PyTorch's initializers build what their code line
// says, and their theory (recomputed from the pages' formulas) agrees with the sample.
import { describe, expect, test } from 'vitest';
import { defaultSettings, findEntry, prepare } from '../components/gallery/catalog.js';

describe('the catalog entries of Dirac, Sparse, TruncatedNormal bounds and Orthogonal layout', () => {
  test.each([
    ['TruncatedNormal', { lower: '8', upper: '9' }, '256, 128'],
    ['TruncatedNormal', { lower: '-Infinity', upper: '-10' }, '256, 128'],
    ['TruncatedNormal', { lower: '0', upper: 'Infinity', mean: '1', stddev: '2' }, '256, 128'],
    ['TruncatedNormal', { lower: '-0.3', upper: '0.7' }, '256, 128'],
    ['Dirac', {}, '3, 3, 16, 16'],
    ['Dirac', { layout: 'torch', groups: '2' }, '16, 8, 3, 3'],
    ['Sparse', { sparsity: '0.3', stddev: '1' }, '256, 128'],
    ['Orthogonal', { layout: 'torch', gain: '2' }, '64, 3, 7, 7'],
  ] as const)('%s %j on [%s]: sample mean and std within 5 standard errors of the theory', (name, options, shape) => {
    const entry = findEntry(name);
    if (entry === undefined) throw new Error(`no entry ${name}`);
    const base = defaultSettings(entry);
    const prepared = prepare({ ...base, shape, options: { ...base.options, ...options } });
    const values = Array.from(prepared.initializer.apply(prepared.parsed.shape, 'float64').data as Float64Array);
    const theory = entry.theory(prepared.parsed);
    if (theory.kind === 'none') throw new Error('no theory');
    const n = values.length;
    const mean = values.reduce((sum, x) => sum + x, 0) / n;
    const std = Math.sqrt(values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / n);
    if (name === 'Dirac') {
      // Not random: the counts are exact.
      expect(mean).toBeCloseTo(theory.mean, 12);
      expect(std).toBeCloseTo(theory.std, 12);
      return;
    }
    // Orthogonal's entries are dependent but nearly uncorrelated; 5 standard errors of independent
    // draws is a loose bound for them and a 5.7e-7 false-alarm rate for the others.
    expect(Math.abs(mean - theory.mean)).toBeLessThan((5 * theory.std) / Math.sqrt(n));
    expect(Math.abs(std / theory.std - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(prepared.code).toContain(`new ${name}(`);
  });
});
