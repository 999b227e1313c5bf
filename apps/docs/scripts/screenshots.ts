// Takes screenshots of the built gallery and a few pages (light and dark), for a person to look at
// after changing the site's figures: `pnpm run screenshots [outDir]` after `pnpm run build`.
// Writes PNG files to outDir (default: a fresh folder under the OS temp dir) and prints their paths.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertSiteBuilt, launchChromium, startStaticServer, visit } from '../test/site-harness.js';

const shots: { name: string; path: string; dark?: boolean }[] = [
  {
    name: 'gallery-variance-scaling',
    path: 'gallery.html?init=VarianceScaling&shape=256,128&seed=7&scale=2&mode=fan_avg&distribution=truncated_normal',
  },
  { name: 'gallery-orthogonal', path: 'gallery.html?init=Orthogonal&shape=64,32&seed=11' },
  {
    name: 'gallery-orthogonal-wide-float16',
    path: 'gallery.html?init=Orthogonal&shape=24,96&dtype=float16&seed=3',
    dark: true,
  },
  { name: 'gallery-random-normal-bfloat16', path: 'gallery.html?init=RandomNormal&dtype=bfloat16&seed=1' },
  {
    name: 'gallery-uniform-int32',
    path: 'gallery.html?init=RandomUniform&dtype=int32&minval=-3&maxval=4&seed=2&shape=4000',
  },
  { name: 'gallery-identity', path: 'gallery.html?init=Identity&shape=16,16', dark: true },
  { name: 'gallery-error', path: 'gallery.html?init=HeNormal&shape=3,-3&seed=1' },
  { name: 'page-truncated-normal', path: 'initializers/truncated-normal.html' },
  { name: 'page-getting-started', path: 'getting-started.html' },
];

assertSiteBuilt();
const outDir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'init-docs-shots-'));
mkdirSync(outDir, { recursive: true });
const server = await startStaticServer();
const browser = await launchChromium();
try {
  for (const shot of shots) {
    if (shot.dark)
      await browser.context.addInitScript(() => localStorage.setItem('vitepress-theme-appearance', 'dark'));
    const { page, problems } = await visit(browser.context, `${server.url}${shot.path}`);
    await page.waitForTimeout(800);
    const file = join(outDir, `${shot.name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file, problems.length > 0 ? `PROBLEMS: ${problems.join('; ')}` : '');
    await page.close();
    if (shot.dark)
      await browser.context.addInitScript(() => localStorage.setItem('vitepress-theme-appearance', 'light'));
  }
} finally {
  await browser.close();
  await server.close();
}
