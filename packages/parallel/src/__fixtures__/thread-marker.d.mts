import type { Initializer, InitializerClass } from '@init/core';

export declare const ThreadMarker: InitializerClass & (new () => Initializer);
export declare const ThreadMeeting: InitializerClass & (new () => Initializer);
export declare const HalfOffset: InitializerClass & (new () => Initializer);
export declare const classes: readonly InitializerClass[];
