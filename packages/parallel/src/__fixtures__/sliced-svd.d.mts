import type { Initializer, InitializerClass } from '@init/core';

export declare const SlicedSvdOrthogonal: InitializerClass & (new () => Initializer);
export declare const classes: readonly InitializerClass[];
