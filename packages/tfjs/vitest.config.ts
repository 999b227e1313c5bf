import { defineProject, mergeConfig } from 'vitest/config';
import { shared, typecheck } from '../../vitest.shared.ts';

export default mergeConfig(shared, defineProject({ test: { name: 'tfjs', typecheck } }));
