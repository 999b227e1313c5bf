// Loads the BUILT site (run `pnpm run build` first) in Debian's Chromium: every page must load
// without console errors, exceptions, failed requests or requests to other hosts, and the home page
// must show the Laplacian kernel that @init/core computes in the browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertSiteBuilt,
  checkPages,
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
    expect(pages).toEqual(expect.arrayContaining(['/', '/getting-started.html', '/guide.html', '/api/']));
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
            Array.from(row.querySelectorAll('[data-testid="laplacian-cell"]'), (cell) => cell.textContent?.trim() ?? ''),
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
      await expect.poll(() => page.locator('.live-code').textContent()).toContain('new Constant({ value: [1, 1, 1, 1, -8, 1, 1, 1, 1] }).apply([3, 3])');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('loads every page with no console errors, failed requests or outside requests', async (context) => {
    requireChromium(context);
    const pages = listPages();
    const problemsByPage = await checkPages(browser!.context, server!.url, pages, {
      // Every page renders VitePress's layout with a non-empty title.
      check: async (page) => {
        await expect.poll(() => page.locator('h1').first().textContent()).toMatch(/\S/);
      },
    });
    expect(problemsByPage).toEqual({});
    expect(pages.length).toBeGreaterThanOrEqual(4);
    // A fresh tab per page: about a second each on a shared 2-core machine, and the API grows.
  }, 600_000);
});
