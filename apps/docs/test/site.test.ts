// Loads the BUILT site (run `pnpm run build` first) in Debian's Chromium: every hand-written page and
// a sample of the generated API pages must load without console errors, exceptions, failed requests
// or requests to other hosts; every API page must reference only assets that exist; and the home
// page must show the Laplacian kernel that @init/core computes in the browser.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertSiteBuilt,
  checkPages,
  distDir,
  chromiumStatus,
  launchChromium,
  listPages,
  requireChromium,
  startStaticServer,
  visit,
  type Chromium,
  type StaticServer,
} from './site-harness.js';

describe('the built site', () => {
  it('exists (built by `pnpm run build`)', () => {
    assertSiteBuilt();
  });

  it('has the hand-written pages and a generated API reference', () => {
    assertSiteBuilt();
    const pages = listPages();
    expect(pages).toEqual(
      expect.arrayContaining([
        '/',
        '/getting-started.html',
        '/gallery.html',
        '/benchmarks.html',
        '/guide/',
        '/guide/seeds.html',
        '/guide/sharding.html',
        '/guide/frameworks.html',
        '/guide/migrating.html',
        '/initializers/',
        '/initializers/variance-scaling.html',
        '/initializers/orthogonal.html',
        '/initializers/pytorch.html',
        '/initializers/delta-orthogonal.html',
        '/initializers/convolution-orthogonal.html',
        '/initializers/stft.html',
        '/api/',
      ]),
    );
    // One built page per initializer page written.
    const written = readdirSync(new URL('../initializers/', import.meta.url)).filter((file) => file.endsWith('.md'));
    expect(pages.filter((page) => page.startsWith('/initializers/')).length).toBe(written.length);
    // TypeDoc wrote at least one page per documented package beyond the API index.
    expect(pages.filter((page) => page.startsWith('/api/') && page !== '/api/').length).toBeGreaterThan(0);
  });

  it('sends the Laplacian grid empty: the numbers are computed in the browser, not at build time', async () => {
    assertSiteBuilt();
    const server = await startStaticServer();
    try {
      const html = await (await fetch(server.url)).text();
      const figure = /<figure[^>]*data-testid="laplacian-kernel"[^>]*>([\s\S]*?)<\/figure>/.exec(html);
      expect(figure, 'the home page has the live example').not.toBeNull();
      expect(figure?.[0]).toContain('data-state="pending"');
      expect(figure?.[1]).not.toContain('laplacian-cell');
      expect(figure?.[1]).not.toContain('-8');
    } finally {
      await server.close();
    }
  });
});

describe('the built site in Chromium', () => {
  let server: StaticServer | undefined;
  let browser: Chromium | undefined;

  beforeAll(async () => {
    if (!chromiumStatus().available) return;
    assertSiteBuilt();
    server = await startStaticServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the Laplacian kernel 1 1 1 / 1 -8 1 / 1 1 1, computed by @init/core in the page', async (context) => {
    requireChromium(context);
    const { page, problems } = await visit(browser!.context, server!.url);
    try {
      const kernel = page.getByTestId('laplacian-kernel');
      await expect.poll(() => kernel.getAttribute('data-state')).toBe('computed');
      const rows = await page
        .getByTestId('laplacian-row')
        .evaluateAll((elements) =>
          elements.map((row) =>
            Array.from(
              row.querySelectorAll('[data-testid="laplacian-cell"]'),
              (cell) => cell.textContent?.trim() ?? '',
            ),
          ),
        );
      expect(rows).toEqual([
        ['1', '1', '1'],
        ['1', '-8', '1'],
        ['1', '1', '1'],
      ]);
      const caption = await page.getByTestId('laplacian-caption').textContent();
      expect(caption).toContain('shape [3, 3]');
      expect(caption).toContain('float32');
      expect(caption).toContain('Float32Array');
      // The code the grid comes from is shown beside it.
      await expect
        .poll(() => page.locator('.live-code').textContent())
        .toContain('new Constant({ value: [1, 1, 1, 1, -8, 1, 1, 1, 1] }).apply([3, 3])');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('loads every hand-written page and a sample of the API pages with no console errors, failed requests or outside requests', async (context) => {
    requireChromium(context);
    const pages = browserCheckedPages();
    const problemsByPage = await checkPages(browser!.context, server!.url, pages, {
      check: async (page) => {
        // Every page renders VitePress's layout with a non-empty title.
        await expect.poll(() => page.locator('h1').first().textContent()).toMatch(/\S/);
        // Live figures finish computing (and would report a failure here) before the page counts.
        const galleries = page.locator('[data-testid="gallery"]');
        for (let index = 0; index < (await galleries.count()); index++) {
          await expect
            .poll(() => galleries.nth(index).getAttribute('data-state'), { timeout: 30_000 })
            .toBe('computed');
        }
      },
    });
    expect(problemsByPage).toEqual({});
    expect(pages.length).toBeGreaterThanOrEqual(30);
  }, 600_000);
});

/**
 * The pages the browser visits: every page that is not generated API reference, plus each API
 * package index and every 12th other API page. The API pages share one layout and one set of
 * assets, so visiting all ~160 (about 90 s on a 2-core machine) found nothing a sample does not;
 * every API page is still checked statically below.
 */
function browserCheckedPages(): string[] {
  const pages = listPages();
  const api = pages.filter((page) => page.startsWith('/api/'));
  const indexes = api.filter((page) => page.endsWith('/'));
  const others = api.filter((page) => !page.endsWith('/'));
  return [
    ...pages.filter((page) => !page.startsWith('/api/')),
    ...indexes,
    ...others.filter((_, index) => index % 12 === 0),
  ];
}

describe('the generated API pages', () => {
  it('all reference only scripts, styles and fonts that the build wrote, on this origin', () => {
    assertSiteBuilt();
    const api = listPages().filter((page) => page.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(20);
    const missing: string[] = [];
    let assets = 0;
    for (const page of api) {
      const file = join(distDir, page.endsWith('/') ? `${page}index.html` : page);
      const html = readFileSync(file, 'utf8');
      expect(html, page).toMatch(/<h1[^>]*>/);
      // What the page loads (script and image sources, stylesheets, preloads), not where its links go.
      const loaded = [...html.matchAll(/\ssrc="([^"#?]+)"/g), ...html.matchAll(/<link\b[^>]*\shref="([^"#?]+)"/g)];
      for (const [, url = ''] of loaded) {
        assets++;
        if (/^(https?:)?\/\//.test(url)) missing.push(`${page}: ${url} is on another host`);
        else if (/\.(js|css|woff2|svg)$/.test(url) && url.startsWith('/') && !existsSync(join(distDir, url)))
          missing.push(`${page}: ${url} does not exist`);
      }
    }
    expect(missing).toEqual([]);
    // Each page loads VitePress's scripts and styles; a regex that matched nothing would pass vacuously.
    expect(assets).toBeGreaterThan(api.length * 3);
  });
});
