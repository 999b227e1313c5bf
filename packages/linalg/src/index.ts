export type { MatrixInput } from './arguments.js';
export { orthogonalize } from './orthogonalize.js';
export type { OrthogonalizeMethod, OrthogonalizeOptions } from './orthogonalize.js';
export { qr } from './qr.js';
export type { QrResult } from './qr.js';
export { isSvdEnabled } from './svd-backend.js';
export { createOrthogonalizeTeam, runOrthogonalizeMember } from './team.js';
export type {
  OrthogonalizeInput,
  OrthogonalizeMemberOptions,
  OrthogonalizeTask,
  OrthogonalizeTeamJob,
  OrthogonalizeTeamOptions,
} from './team.js';
