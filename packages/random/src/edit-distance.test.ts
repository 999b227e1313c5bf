import { expect, test } from 'vitest';
import { closestNames, editDistance } from './edit-distance.js';

test.each([
  ['', '', 0],
  ['abc', '', 3],
  ['', 'abc', 3],
  ['he_normal', 'he_normal', 0],
  ['glorot_unifrom', 'glorot_uniform', 1], // transposition
  ['he_normall', 'he_normal', 1], // insertion
  ['lecun_normel', 'lecun_normal', 1], // substitution
  ['zeros', 'zero', 1], // deletion
  ['kitten', 'sitting', 3],
  ['ca', 'abc', 3], // optimal string alignment, not full Damerau: no edit of a transposed pair
])('editDistance(%j, %j) = %i', (a, b, distance) => {
  expect(editDistance(a, b)).toBe(distance);
  expect(editDistance(b, a)).toBe(distance);
});

test('closestNames ignores case and separators, keeps the candidates order on ties, and caps the list', () => {
  expect(closestNames('HENORMAL', ['he_uniform', 'he_normal', 'HeNormal', 'heNormal'])).toEqual([
    'he_normal',
    'HeNormal',
    'heNormal',
  ]);
  expect(closestNames('he-normal', ['he_normal'], 1)).toEqual(['he_normal']);
  expect(closestNames('qwertyuiop', ['he_normal', 'zeros'])).toEqual([]);
});
