export type { MatrixInput } from './arguments.js';
export { orthogonalize } from './orthogonalize.js';
export type { OrthogonalizeMethod, OrthogonalizeOptions } from './orthogonalize.js';
export { qr } from './qr.js';
export type { QrResult } from './qr.js';
export { svd } from './svd.js';
export type { SvdResult } from './svd.js';
export { createOrthogonalizeTeam, runOrthogonalizeMember } from './team.js';
export type { OrthogonalizeTask, OrthogonalizeTeamJob } from './team.js';
