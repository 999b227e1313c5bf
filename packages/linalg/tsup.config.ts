import { defineConfig } from 'tsup';
import shared from '../../tsup.shared.ts';

// Two entries: the package ('.') and `@init/linalg/svd` (ml-matrix's SVD and `enableSvd`), so that
// ml-matrix is loaded only by code that imports the subpath. They share one chunk, and with it the
// one place `enableSvd()` writes to and `orthogonalize` reads from. @init/internal (private, source
// shared with @init/random) is inlined, so the published build depends on nothing of it.
export default defineConfig({
  ...shared,
  entry: { index: 'src/index.ts', svd: 'src/svd-index.ts' },
  noExternal: ['@init/internal'],
});
