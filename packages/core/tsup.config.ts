import { defineConfig } from 'tsup';
import shared from '../../tsup.shared.ts';

// Two entries: the package ('.') and `@init/core/svd` (`enableSvd`, which brings ml-matrix's SVD for
// Orthogonal's method 'svd'), so that ml-matrix is loaded only by code that imports the subpath.
export default defineConfig({ ...shared, entry: { index: 'src/index.ts', svd: 'src/svd-index.ts' } });
