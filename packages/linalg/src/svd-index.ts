export { enableSvd, svd } from './svd.js';
export type { SvdResult } from './svd.js';
