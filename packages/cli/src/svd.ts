// Orthogonal's method 'svd' (TF1's algorithm, through ml-matrix) is opt-in in @init/core: a program
// calls enableSvd() from '@init/core/svd' once. A spec may name such an initializer, and a spec's
// author has no place for that call, so the CLI makes it for them, and only then: a spec without
// one never loads ml-matrix.
import { Orthogonal, type Initializer } from '@init/core';

/** Enables Orthogonal's method 'svd' when one of `initializers` runs it. */
export async function enableSvdWhereNeeded(initializers: Iterable<Initializer>): Promise<void> {
  for (const initializer of initializers) {
    if (initializer instanceof Orthogonal && initializer.method === 'svd') {
      const { enableSvd } = await import('@init/core/svd');
      enableSvd();
      return;
    }
  }
}
