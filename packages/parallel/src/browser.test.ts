// The browser entry in headless Chromium (Debian's, driven by playwright-core, as the docs site's
// tests do). The page (src/__fixtures__/browser-page.ts) is bundled by esbuild from the built dist
// for the browser platform, as an application's bundler would; `@init/parallel` must resolve
// through its `browser` export condition, so the bundle carries Web Workers and no worker_threads.
// The page is served three ways: cross-origin isolated (COOP/COEP headers: shared memory), plain
// (no isolation: moved buffers), and with the worker module missing (the calling thread computes).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const chromiumPath = '/usr/bin/chromium';
// No traffic to any host but this machine (CONTRIBUTING.md, "Browser tests").
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];
const available = existsSync(chromiumPath);
if (!available && process.env.INIT_REQUIRE_BROWSER === '1') {
  throw new Error(`INIT_REQUIRE_BROWSER=1, but ${chromiumPath} does not exist (apt-get install -y chromium).`);
}

interface Check {
  readonly name: string;
  readonly identical: boolean;
  readonly posted: number;
  readonly buffer: string;
}
interface Outcome {
  readonly crossOriginIsolated: boolean;
  readonly hardwareConcurrency: number;
  readonly checks: readonly Check[];
  readonly error: string;
  readonly failed?: string;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = join(here, '..', 'dist');
let folder = '';
let bundle = '';
let server: Server | undefined;
let origin = '';
let browser: Browser | undefined;

const page =
  '<!doctype html><meta charset="utf-8"><title>@init/parallel</title><script type="module" src="page.js"></script>';

beforeAll(async () => {
  if (!available) return;
  if (!existsSync(join(dist, 'index.browser.js'))) throw new Error('dist/ is missing: run `pnpm run build` first.');
  folder = mkdtempSync(join(tmpdir(), 'init-parallel-browser-'));
  const result = await build({
    entryPoints: { page: join(here, '__fixtures__', 'browser-page.ts'), 'web-worker': join(dist, 'web-worker.js') },
    outdir: folder,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // What a user's bundler sees: the published exports (browser, import, default), not the sources.
    conditions: [],
    write: true,
    logLevel: 'silent',
  });
  expect(result.errors).toEqual([]);
  bundle = await readFile(join(folder, 'page.js'), 'utf8');
  server = createServer(async (request, response) => {
    const [, mode = '', file = ''] = /^\/(\w+)\/([\w.-]*)$/.exec(request.url ?? '') ?? [];
    if (mode === 'isolated') {
      response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      response.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    }
    const missing = mode === 'broken' && file === 'web-worker.js';
    if (file === 'index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    } else if (!missing && (file === 'page.js' || file === 'web-worker.js')) {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(await readFile(join(folder, file)));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

async function visit(mode: 'isolated' | 'plain' | 'broken'): Promise<Outcome> {
  const context = await browser!.newContext();
  try {
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on('pageerror', (error) => problems.push(error.message));
    await tab.goto(`${origin}/${mode}/index.html`);
    await tab.waitForFunction(() => (window as { outcome?: unknown }).outcome !== undefined, undefined, {
      timeout: 90_000,
    });
    const outcome = (await tab.evaluate(() => (window as { outcome?: unknown }).outcome)) as Outcome;
    expect(problems).toEqual([]);
    expect(outcome.failed).toBeUndefined();
    return outcome;
  } finally {
    await context.close();
  }
}

const intMessage = 'RandomNormal: dtype must be a floating-point dtype';

describe.skipIf(!available)('the browser entry in headless Chromium', () => {
  test('the bundler picks the browser entry: Web Workers, no worker_threads or tinypool', () => {
    expect(bundle).toContain('web-worker.js');
    expect(bundle).not.toMatch(/worker_threads|tinypool/);
  });

  test('cross-origin isolated: the workers write one SharedArrayBuffer; every value equals apply', async () => {
    const outcome = await visit('isolated');
    expect(outcome.crossOriginIsolated).toBe(true);
    for (const check of outcome.checks) expect(check, check.name).toMatchObject({ identical: true });
    const byName = new Map(outcome.checks.map((check) => [check.name, check]));
    for (const check of outcome.checks.filter((entry) => entry.name.startsWith('applyParallel'))) {
      expect(check.buffer, check.name).toBe('SharedArrayBuffer');
      expect(check.posted, check.name).toBeGreaterThan(0);
    }
    // sharedArray's memory is shared; the workers' kernels store into it.
    expect(byName.get('fillParallel into sharedArray')).toMatchObject({ buffer: 'SharedArrayBuffer' });
    expect(byName.get('fillParallel into sharedArray')?.posted).toBeGreaterThan(0);
    // The team QR runs on the workers when memory is shared.
    expect(byName.get('Orthogonal [300, 260]')?.posted).toBeGreaterThan(0);
    expect(byName.get('a small tensor (default threshold)')).toMatchObject({ posted: 0, buffer: 'ArrayBuffer' });
    expect(outcome.error).toContain(intMessage);
  });

  test('not isolated: buffers moved to the workers and back; every value equals apply', async () => {
    const outcome = await visit('plain');
    expect(outcome.crossOriginIsolated).toBe(false);
    for (const check of outcome.checks) expect(check, check.name).toMatchObject({ identical: true });
    for (const check of outcome.checks.filter((entry) => entry.name.startsWith('applyParallel'))) {
      expect(check.buffer, check.name).toBe('ArrayBuffer');
      expect(check.posted, check.name).toBeGreaterThan(0);
    }
    expect(outcome.checks.find((check) => check.name.startsWith('fillParallel'))?.posted).toBeGreaterThan(0);
    // Without shared memory sharedArray is a plain array, filled through moved buffers.
    expect(outcome.checks.find((check) => check.name === 'fillParallel into sharedArray')).toMatchObject({
      buffer: 'ArrayBuffer',
    });
    // Without shared memory Orthogonal's team cannot share its matrix: the calling thread computes.
    expect(outcome.checks.find((check) => check.name.startsWith('Orthogonal'))?.posted).toBe(0);
    expect(outcome.error).toContain(intMessage);
  });

  test('a worker module that fails to load: the calling thread computes, with the same values', async () => {
    const outcome = await visit('broken');
    for (const check of outcome.checks) expect(check, check.name).toMatchObject({ identical: true, posted: 0 });
    expect(outcome.error).toContain(intMessage);
  });
});
