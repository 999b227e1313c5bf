// How many fuzz cases each package's suite runs in CI: at least 20 000 in all (issue #12), split
// among each package's entries. Seeds are fixed, so a run is reproducible; raise a number here to
// search longer locally (`FUZZ_SCALE=10 pnpm vitest run --project fuzz`).
const scale = Number(process.env.FUZZ_SCALE ?? 1) > 0 ? Number(process.env.FUZZ_SCALE ?? 1) : 1;

const BASE = {
  random: 6000,
  linalg: 2000,
  core: 8000,
  presets: 4000,
  deserialize: 1000,
  get: 700,
  parallel: 400,
  tfjs: 500,
  tfjsAdapter: 300,
  cli: 800,
} as const;

export const RUNS: Readonly<Record<keyof typeof BASE, number>> = Object.freeze(
  Object.fromEntries(Object.entries(BASE).map(([name, runs]) => [name, Math.round(runs * scale)])) as Record<
    keyof typeof BASE,
    number
  >,
);
