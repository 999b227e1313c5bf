// Type tests of @init/tfjs' public API (Vitest typecheck mode: `expectTypeOf` and
// `@ts-expect-error` are checked by the compiler, not run).
import type { Tensor as TfTensor } from '@tensorflow/tfjs-core';
import type { layers } from '@tensorflow/tfjs-layers';
import { type Initializer, Orthogonal } from '@init/core';
import { describe, expectTypeOf, test } from 'vitest';
import type * as tfjs from './index.js';
import {
  type InstallTfjsOptions,
  installTfjs,
  type TfjsAdapter,
  type TfjsEngine,
  type TfjsInitializer,
  toTfjs,
  uninstallTfjs,
} from './index.js';

type DenseArgs = Parameters<typeof layers.dense>[0];

describe('exports', () => {
  test('exactly toTfjs, installTfjs and uninstallTfjs at run time', () => {
    expectTypeOf<keyof typeof tfjs>().toEqualTypeOf<'toTfjs' | 'installTfjs' | 'uninstallTfjs'>();
  });
});

describe('toTfjs', () => {
  test('takes an @init Initializer and gives a TensorFlow.js initializer layers accept', () => {
    expectTypeOf(toTfjs).parameter(0).toEqualTypeOf<Initializer>();
    expectTypeOf(toTfjs(new Orthogonal({ seed: 1 }))).toEqualTypeOf<TfjsAdapter>();
    expectTypeOf<TfjsAdapter>().toExtend<TfjsInitializer>();
    expectTypeOf<TfjsAdapter['initializer']>().toEqualTypeOf<Initializer>();
    expectTypeOf<TfjsAdapter>().toExtend<NonNullable<DenseArgs['kernelInitializer']>>();
    expectTypeOf(toTfjs(new Orthogonal()).apply([2, 2])).toExtend<TfTensor>();
    // @ts-expect-error a TensorFlow.js initializer is not an @init one
    toTfjs({ apply: () => undefined });
  });
});

describe('installTfjs / uninstallTfjs', () => {
  test("options: engine 'tfjs' or 'counter', all optional; both return nothing", () => {
    expectTypeOf<TfjsEngine>().toEqualTypeOf<'tfjs' | 'counter'>();
    expectTypeOf<InstallTfjsOptions>().toEqualTypeOf<{ readonly engine?: TfjsEngine }>();
    expectTypeOf(installTfjs).parameters.toEqualTypeOf<[options?: InstallTfjsOptions]>();
    expectTypeOf(installTfjs()).toEqualTypeOf<void>();
    expectTypeOf(uninstallTfjs()).toEqualTypeOf<void>();
    // @ts-expect-error no such engine
    installTfjs({ engine: 'torch' });
  });
});
