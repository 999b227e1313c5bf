export { installTfjs, uninstallTfjs, type InstallTfjsOptions } from './install.js';
export type { TfjsEngine } from './from-tfjs-config.js';
export { toTfjs, type TfjsAdapter } from './to-tfjs.js';
export type { TfjsInitializer } from './tfjs-runtime.js';
