// Installs the workspace with the pinned pnpm, on a machine that has only Node and npm.
// `npx -y pnpm@…` fetches pnpm itself; corepack is avoided on purpose (see TOOLCHAIN.md).
import { execSync } from 'node:child_process';

const pnpm = 'pnpm@12.4.2';
const frozen = process.env.CI ? ' --frozen-lockfile' : '';
execSync(`npx -y ${pnpm} install${frozen}`, { stdio: 'inherit' });
