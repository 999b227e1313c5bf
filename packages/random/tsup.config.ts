import { defineConfig } from 'tsup';
import shared from '../../tsup.shared.ts';

// @init/internal (private, source shared with the other of random and linalg) is inlined, so the
// published build depends on nothing of it.
export default defineConfig({ ...shared, noExternal: ['@init/internal'] });
