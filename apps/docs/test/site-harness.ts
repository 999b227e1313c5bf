// A reusable harness for browser tests of the built documentation site: a static file server for
// .vitepress/dist on an ephemeral 127.0.0.1 port, Debian's Chromium driven by playwright-core, and a
// page visit that records everything that went wrong while the page loaded.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The folder `vitepress build` writes the site to. */
export const distDir = fileURLToPath(new URL('../.vitepress/dist', import.meta.url));

/** Where Debian's `chromium` package puts the browser. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Debian's Chromium flags (see CONTRIBUTING.md, "Browser tests"): headless, no sandbox (containers), and no
 * traffic to any host but this machine — the host-resolver rule makes every other name unresolvable.
 */
export const chromiumArgs: readonly string[] = [
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

/** Throws, saying how to build, unless the built site is there. */
export function assertSiteBuilt(dir: string = distDir): void {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(
      `The built documentation site is missing (${join(dir, 'index.html')} does not exist). ` +
        'Run the build first: `cd apps/docs && pnpm run build` (or `pnpm run build` at the repository root).',
    );
  }
}

/** Whether a browser test can run here, and if not, why. */
export type BrowserStatus = { available: true } | { available: false; reason: string };

export function chromiumStatus(): BrowserStatus {
  if (existsSync(chromiumPath)) return { available: true };
  return {
    available: false,
    reason: `${chromiumPath} does not exist; install Debian's Chromium (apt-get install -y chromium) to run the browser tests`,
  };
}

/** True when the environment demands the browser tests (CI): then a missing browser is a failure. */
export function browserRequired(): boolean {
  return process.env.INIT_REQUIRE_BROWSER === '1';
}

let warnedAboutSkip = false;

/**
 * Call at the start of a browser test: returns when Chromium is available; otherwise skips the test
 * with the reason, or fails it when INIT_REQUIRE_BROWSER=1.
 */
export function requireChromium(context: { skip: (note?: string) => never }): void {
  const status = chromiumStatus();
  if (status.available) return;
  if (browserRequired()) throw new Error(`INIT_REQUIRE_BROWSER=1, but ${status.reason}.`);
  // Vitest's default reporter does not print skip notes; say it once where everyone sees it.
  if (!warnedAboutSkip) {
    warnedAboutSkip = true;
    console.warn(`Skipping the browser tests: ${status.reason} (set INIT_REQUIRE_BROWSER=1 to fail instead).`);
  }
  context.skip(status.reason);
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

export interface StaticServer {
  /** The origin with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  close(): Promise<void>;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** The file a URL path names, VitePress style: `/a/` is `a/index.html`, `/a` may be `a.html`. */
function fileFor(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const path = resolve(root, `.${decoded}`);
  // Never serve anything outside the site folder.
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  const candidates = decoded.endsWith('/')
    ? [join(path, 'index.html')]
    : [path, `${path}.html`, join(path, 'index.html')];
  return candidates.find(isFile);
}

/** Serves `root` (a built site) on an ephemeral port of 127.0.0.1 until `close()`. */
export async function startStaticServer(root: string = distDir): Promise<StaticServer> {
  const siteRoot = resolve(root);
  const server: Server = createServer((request, response) => {
    void (async () => {
      const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const file = fileFor(siteRoot, pathname);
      const status = file === undefined ? 404 : 200;
      const served = file ?? join(siteRoot, '404.html');
      const body = isFile(served) ? await readFile(served) : Buffer.from('Not found\n');
      response.writeHead(status, {
        'content-type': contentTypes[extname(served)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    })().catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        server.closeAllConnections();
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
      }),
  };
}

/** Every page of the built site as a URL path (`/`, `/guide.html`, `/api/core/`...), 404 excluded. */
export function listPages(root: string = distDir): string[] {
  const pages: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.html')) pages.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return pages
    .filter((page) => page !== '404.html')
    .map((page) => `/${page.replace(/(^|\/)index\.html$/, '$1')}`)
    .sort();
}

export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Debian's Chromium with a fresh, throw-away user-data dir. */
export async function launchChromium(): Promise<Chromium> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'init-docs-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      args: [...chromiumArgs],
      headless: true,
      viewport: { width: 1280, height: 900 },
    });
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

export interface PageVisit {
  readonly page: Page;
  /** Console errors, uncaught exceptions, failed or >= 400 requests, requests leaving the site. */
  readonly problems: string[];
}

/**
 * Opens `url` in a new tab and waits until the page and its network have settled, recording every
 * problem on the way. The caller reads `problems` after its own checks and closes `page`.
 */
export async function visit(context: BrowserContext, url: string): Promise<PageVisit> {
  const page = await context.newPage();
  const problems: string[] = [];
  const origin = new URL(url).origin;
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
  page.on('request', (request) => {
    const requestUrl = request.url();
    if (/^https?:/.test(requestUrl) && new URL(requestUrl).origin !== origin) {
      problems.push(`request leaves the site (the docs must work offline): ${requestUrl}`);
    }
  });
  page.on('requestfailed', (request) => {
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown error'})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  // VitePress hydrates and prefetches linked pages after load; let that finish too.
  await page.waitForLoadState('networkidle');
  return { page, problems };
}

/**
 * Visits each path of the site (a fresh tab per page, `concurrency` at a time), runs `check` on it
 * if given, and returns the problems of every page that had any, keyed by path.
 */
export async function checkPages(
  context: BrowserContext,
  baseUrl: string,
  paths: readonly string[],
  options: { concurrency?: number; check?: (page: Page, path: string) => Promise<void> } = {},
): Promise<Record<string, string[]>> {
  const problemsByPage: Record<string, string[]> = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const path = paths[next++] as string;
      const { page, problems } = await visit(context, new URL(path.replace(/^\//, ''), baseUrl).href);
      try {
        if (options.check) await options.check(page, path);
        if (problems.length > 0) problemsByPage[path] = problems;
      } finally {
        await page.close();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return problemsByPage;
}
