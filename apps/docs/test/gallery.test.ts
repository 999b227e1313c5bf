// The gallery in Chromium: it draws, it reacts to every input, and the values it shows are the
// values @init/core and @init/presets compute in this Node process for the same settings — compared
// through the first values and an FNV-1a checksum of the tensor's bytes, which the page exposes in
// a hidden <pre data-testid="gallery-export">.
import { Orthogonal, TruncatedNormal, VarianceScaling, type Tensor } from '@init/core';
import { enableSvd } from '@init/core/svd';
import { GlorotUniform, HeNormal, kaimingUniform } from '@init/presets';
import { bfloat16BitsToNumber, float16BitsToNumber } from '@init/random';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertSiteBuilt,
  chromiumStatus,
  launchChromium,
  requireChromium,
  startStaticServer,
  visit,
  type Chromium,
  type StaticServer,
} from './site-harness.js';

interface Exported {
  name: string;
  shape: number[];
  dtype: string;
  seed: string;
  checksum: string;
  first: number[];
  shardsIdentical: boolean | null;
}

/** FNV-1a (32-bit) of the bytes of a typed array, written here again rather than imported from the page's code. */
function fnv1a(data: ArrayBufferView): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** What the page should show for a tensor computed here: the decoded first 8 values and the checksum. */
function expected(tensor: Tensor): { checksum: string; first: number[] } {
  const decode =
    tensor.dtype === 'float16'
      ? float16BitsToNumber
      : tensor.dtype === 'bfloat16'
        ? bfloat16BitsToNumber
        : (bits: number) => bits;
  return {
    checksum: fnv1a(tensor.data),
    first: Array.from(tensor.data.subarray(0, 8), (value) => decode(value as number)),
  };
}

async function revision(page: Page): Promise<number> {
  return Number(await page.getByTestId('gallery').first().getAttribute('data-revision'));
}

/** Waits for a redraw after `before`, then returns what the page exported. */
async function settled(page: Page, before: number): Promise<Exported> {
  const gallery = page.getByTestId('gallery').first();
  await expect.poll(async () => revision(page), { timeout: 20_000 }).toBeGreaterThan(before);
  await expect.poll(() => gallery.getAttribute('data-state'), { timeout: 20_000 }).toBe('computed');
  // The histogram is drawn on the next tick; it is an Observable Plot SVG.
  await expect.poll(() => page.getByTestId('gallery-histogram').first().locator('svg').count()).toBeGreaterThan(0);
  return JSON.parse((await page.getByTestId('gallery-export').first().textContent()) ?? '') as Exported;
}

describe('the gallery in Chromium', () => {
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

  it('sends the gallery empty: everything is computed in the browser', async () => {
    assertSiteBuilt();
    const local = await startStaticServer();
    try {
      const html = await (await fetch(new URL('gallery.html', local.url))).text();
      expect(html).toContain('data-testid="gallery"');
      expect(html).toMatch(/data-testid="gallery"[^>]*data-state="pending"/);
      expect(html).not.toMatch(/data-testid="gallery-checksum"/);
    } finally {
      await local.close();
    }
  });

  it('draws the settings of its URL, equal to @init/core in Node, and redraws for a new seed', async (context) => {
    requireChromium(context);
    const query =
      'init=VarianceScaling&shape=256,128&dtype=float32&seed=7&scale=2&mode=fan_avg&distribution=truncated_normal';
    const { page, problems } = await visit(browser!.context, `${server!.url}gallery.html?${query}`);
    try {
      let shown = await settled(page, 0);
      const init = (seed: number) =>
        new VarianceScaling({ scale: 2, mode: 'fan_avg', distribution: 'truncated_normal', seed });
      expect(shown).toMatchObject({ name: 'VarianceScaling', shape: [256, 128], dtype: 'float32', seed: '7' });
      expect(shown).toMatchObject(expected(init(7).apply([256, 128], 'float32')));
      // The same numbers are visible to the reader, and the code line says what ran.
      expect(await page.getByTestId('gallery-checksum').textContent()).toBe(shown.checksum);
      expect(await page.getByTestId('gallery-code').textContent()).toContain(
        "new VarianceScaling({ scale: 2, mode: 'fan_avg', distribution: 'truncated_normal', seed: 7 }).apply([256, 128], 'float32')",
      );
      // The stats table has the theory: std √(2 / 192) for fan_avg = (256 + 128) / 2.
      expect(await page.getByTestId('gallery-stats').textContent()).toContain(
        String(Number(Math.sqrt(2 / 192).toPrecision(4))),
      );
      // The theoretical density is drawn over the histogram (a path besides the bars).
      expect(await page.getByTestId('gallery-histogram').locator('svg path').count()).toBeGreaterThan(0);

      // "new" draws a fresh seed: the picture and the numbers change, and still equal Node's.
      let before = await revision(page);
      await page.getByTestId('gallery-new-seed').click();
      const fresh = await settled(page, before);
      expect(fresh.seed).not.toBe('7');
      expect(fresh.checksum).not.toBe(shown.checksum);
      expect(fresh).toMatchObject(expected(init(Number(fresh.seed)).apply([256, 128], 'float32')));

      // Typing a seed (a string seed this time) redraws as well.
      before = await revision(page);
      await page.getByTestId('gallery-seed').fill('encoder/layer_3/kernel');
      shown = await settled(page, before);
      expect(shown.seed).toBe('encoder/layer_3/kernel');
      expect(shown).toMatchObject(
        expected(
          new VarianceScaling({
            scale: 2,
            mode: 'fan_avg',
            distribution: 'truncated_normal',
            seed: 'encoder/layer_3/kernel',
          }).apply([256, 128], 'float32'),
        ),
      );
      // The URL follows, so the settings can be shared.
      expect(new URL(page.url()).searchParams.get('seed')).toBe('encoder/layer_3/kernel');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows Orthogonal with a QᵀQ heat map, equal to Node', async (context) => {
    requireChromium(context);
    const { page, problems } = await visit(browser!.context, `${server!.url}gallery.html?init=VarianceScaling&seed=11`);
    try {
      const before = await revision(page);
      await page.getByTestId('gallery-initializer').selectOption('Orthogonal');
      const shown = await settled(page, before);
      expect(shown).toMatchObject({ name: 'Orthogonal', shape: [64, 32], seed: '11' });
      expect(shown).toMatchObject(expected(new Orthogonal({ seed: 11 }).apply([64, 32], 'float32')));
      const gram = page.getByTestId('gallery-gram');
      await expect.poll(() => gram.locator('svg').count()).toBeGreaterThanOrEqual(2);
      // Plot's raster mark draws the matrix as an image inside each heat map.
      expect(await gram.locator('svg image').count()).toBeGreaterThanOrEqual(2);
      // float32 columns are orthonormal to float32 precision.
      expect(Number(await page.getByTestId('gallery-gram-deviation').textContent())).toBeLessThan(1e-5);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("loads '@init/core/svd' on demand for TF1's method 'svd', equal to Node, and shows the enableSvd line", async (context) => {
    requireChromium(context);
    const query = 'init=Orthogonal&shape=24,16&dtype=float32&seed=5&method=svd';
    const { page, problems } = await visit(browser!.context, `${server!.url}gallery.html?${query}`);
    try {
      const shown = await settled(page, 0);
      // Node opts in as any program would; the page imported the subpath itself (a chunk of its own).
      enableSvd();
      expect(shown).toMatchObject({ name: 'Orthogonal', shape: [24, 16], seed: '5', options: { method: 'svd' } });
      expect(shown).toMatchObject(expected(new Orthogonal({ seed: 5, method: 'svd' }).apply([24, 16], 'float32')));
      const code = await page.getByTestId('gallery-code').textContent();
      expect(code).toContain("import { enableSvd } from '@init/core/svd';");
      expect(code).toContain("new Orthogonal({ method: 'svd', seed: 5 }).apply([24, 16], 'float32')");
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('decodes bfloat16 and float16 bits, and matches the presets and the tfjs engine', async (context) => {
    requireChromium(context);
    const { page, problems } = await visit(
      browser!.context,
      `${server!.url}gallery.html?init=HeNormal&shape=3,3,16,32&dtype=bfloat16&seed=5`,
    );
    try {
      let shown = await settled(page, 0);
      const he = new HeNormal({ seed: 5 }).apply([3, 3, 16, 32], 'bfloat16');
      expect(shown).toMatchObject({ name: 'HeNormal', dtype: 'bfloat16', ...expected(he) });
      // Decoded values, not raw bits (the bits of small weights are integers near 15 000).
      expect(Math.max(...shown.first.map(Math.abs))).toBeLessThan(1);

      let before = await revision(page);
      await page.getByTestId('gallery-initializer').selectOption('TruncatedNormal');
      await settled(page, before);
      before = await revision(page);
      await page.getByTestId('gallery-dtype').selectOption('float16');
      shown = await settled(page, before);
      expect(shown).toMatchObject(expected(new TruncatedNormal({ seed: 5 }).apply([256, 128], 'float16')));

      before = await revision(page);
      await page.getByTestId('gallery-initializer').selectOption('GlorotUniform');
      await settled(page, before);
      before = await revision(page);
      await page.getByTestId('gallery-option-engine').selectOption('tfjs');
      shown = await settled(page, before);
      // The dtype chosen before (float16) stays when the initializer changes.
      expect(shown).toMatchObject({ name: 'GlorotUniform', dtype: 'float16' });
      expect(shown).toMatchObject(
        expected(new GlorotUniform({ seed: 5, engine: 'tfjs' }).apply([256, 128], 'float16')),
      );
      // TensorFlow.js's sequential stream cannot be sharded: the demo says so instead.
      expect(shown.shardsIdentical).toBeNull();
      expect(await page.getByTestId('gallery-shards').textContent()).toContain('refuses');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('fills the tensor in shards that equal the whole, and shows the library errors', async (context) => {
    requireChromium(context);
    const { page, problems } = await visit(
      browser!.context,
      `${server!.url}gallery.html?init=kaimingUniform&shape=96,40&seed=3&shards=3`,
    );
    try {
      let shown = await settled(page, 0);
      expect(shown).toMatchObject(expected(kaimingUniform({ seed: 3 }).apply([96, 40], 'float32')));
      expect(shown.shardsIdentical).toBe(true);
      expect(await page.getByTestId('gallery-shards').locator('tbody tr').count()).toBe(3);
      await expect.poll(() => page.getByTestId('gallery-shard-verdict').textContent()).toContain('3,840 of 3,840');

      const before = await revision(page);
      await page.getByTestId('gallery-shape').fill('96, -1');
      await expect.poll(async () => revision(page)).toBeGreaterThan(before);
      await expect.poll(() => page.getByTestId('gallery').getAttribute('data-state')).toBe('failed');
      expect(await page.getByTestId('gallery-error').textContent()).toContain(
        'InitRangeError: kaimingUniform: shape[1] must be a non-negative safe integer. Received: -1.',
      );
      shown = JSON.parse((await page.getByTestId('gallery-export').textContent()) || 'null') as Exported;
      expect(shown).toBeNull();
      // A user's bad input is shown, not logged as a console error.
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('draws a live histogram on every initializer page, equal to Node', async (context) => {
    requireChromium(context);
    const { page, problems } = await visit(browser!.context, `${server!.url}initializers/variance-scaling.html`);
    try {
      const shown = await settled(page, 0);
      // The page starts from Keras 3's HeNormal on a 3×3×64×128 convolution.
      expect(shown).toMatchObject({ name: 'VarianceScaling', shape: [3, 3, 64, 128], seed: '42' });
      expect(shown).toMatchObject(
        expected(
          new VarianceScaling({ scale: 2, distribution: 'truncated_normal', seed: 42 }).apply(
            [3, 3, 64, 128],
            'float32',
          ),
        ),
      );
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
