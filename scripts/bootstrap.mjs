// Installs the workspace with the pinned pnpm, on a machine that has only Node and npm.
// `npx -y pnpm@…` fetches pnpm itself; corepack is avoided on purpose: `corepack enable`
// fails here with "No compatible signature found in package metadata" (CONTRIBUTING.md, "Toolchain").
import { execSync } from 'node:child_process';

const pnpm = 'pnpm@12.4.2';
const frozen = process.env.CI ? ' --frozen-lockfile' : '';
execSync(`npx -y ${pnpm} install${frozen}`, { stdio: 'inherit' });
