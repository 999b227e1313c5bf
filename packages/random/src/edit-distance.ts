// Suggestions for a mistyped identifier: the known names closest in edit distance.

/**
 * The optimal-string-alignment distance: insertions, deletions, substitutions and transpositions
 * of adjacent characters each cost 1, so 'glorot_unifrom' is 1 away from 'glorot_uniform'.
 */
export function editDistance(a: string, b: string): number {
  // Three rolling rows of the dynamic-programming table: the transposition looks two rows back.
  let previous2 = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (previous2[j - 2] as number) + 1);
      current[j] = best;
    }
    [previous2, previous, current] = [previous, current, previous2];
  }
  return previous[b.length] as number;
}

/** Case and separators are style, not spelling: 'HeNormal', 'he_normal' and 'heNormal' compare equal. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

/**
 * Up to `limit` candidates closest to `input`, nearest first (ties in the candidates' order), among
 * those within `max(2, ⌊length / 3⌋)` edits after normalizing case and separators.
 */
export function closestNames(input: string, candidates: readonly string[], limit = 3): string[] {
  const target = normalize(input);
  const threshold = Math.max(2, Math.floor(target.length / 3));
  // No initializer name is longer than 30 characters; a longer input has nothing close to it, and
  // the table would cost length × candidates.
  if (target.length > 64) return [];
  return candidates
    .filter((name) => Math.abs(normalize(name).length - target.length) <= threshold)
    .map((name, order) => ({ name, order, distance: editDistance(target, normalize(name)) }))
    .filter((entry) => entry.distance <= threshold)
    .sort((x, y) => x.distance - y.distance || x.order - y.order)
    .slice(0, limit)
    .map((entry) => entry.name);
}
