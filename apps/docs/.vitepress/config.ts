import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type DefaultTheme } from 'vitepress';

/** One entry of the navigation.json that typedoc-plugin-markdown writes next to the API pages. */
interface ApiNavigationItem {
  title: string;
  path?: string;
  children?: ApiNavigationItem[];
}

const apiNavigationFile = fileURLToPath(new URL('../api/navigation.json', import.meta.url));

// The API pages are generated (scripts/build-api.mjs) before `vitepress build` and `vitepress dev`,
// so their sidebar is read from TypeDoc's navigation file rather than written by hand.
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const overview: DefaultTheme.SidebarItem = { text: 'Overview', link: '/api/' };
  if (!existsSync(apiNavigationFile)) return [overview];
  const navigation = JSON.parse(readFileSync(apiNavigationFile, 'utf8')) as ApiNavigationItem[];
  const toItem = (item: ApiNavigationItem, depth: number): DefaultTheme.SidebarItem => {
    const sidebarItem: DefaultTheme.SidebarItem = { text: item.title };
    if (item.path !== undefined) sidebarItem.link = `/api/${item.path.replace(/(^|\/)index\.md$/, '$1').replace(/\.md$/, '')}`;
    if (item.children !== undefined && item.children.length > 0) {
      sidebarItem.items = item.children.map((child) => toItem(child, depth + 1));
      // Packages stay open; their Classes / Functions / ... groups start folded.
      sidebarItem.collapsed = depth > 0;
    }
    return sidebarItem;
  };
  return [overview, ...navigation.map((item) => toItem(item, 0))];
}

export default defineConfig({
  lang: 'en-US',
  title: '@init',
  description: "TensorFlow's parameter initializers, rebuilt as small npm packages for JavaScript.",
  // This README and the test/ and scripts/ folders are for contributors, not pages of the site.
  srcExclude: ['README.md', 'test/**', 'scripts/**'],
  // Everything is served from this origin: no web fonts, no CDN, no hosted search.
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }]],
  vite: {
    resolve: {
      // Import workspace packages from their TypeScript source (the "@init/source" export
      // condition), in `vitepress dev` and `vitepress build` alike: no build of the packages needed,
      // and edits to a package show up in the dev server at once. Vite 5 adds these conditions to
      // its defaults and uses them for the SSR render of the build too.
      conditions: ['@init/source'],
    },
    // Pre-bundle the packages' own npm dependencies when the dev server starts, instead of finding
    // them on the first page view and reloading the page.
    optimizeDeps: { include: ['@init/random > seedrandom', '@init/linalg > ml-matrix'] },
  },
  themeConfig: {
    nav: [
      { text: 'Getting started', link: '/getting-started' },
      { text: 'Guide', link: '/guide' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: {
      '/api/': apiSidebar(),
      '/': [
        {
          text: 'Documentation',
          items: [
            { text: 'Getting started', link: '/getting-started' },
            { text: 'Guide: tensors, fans and shards', link: '/guide' },
            { text: 'API reference', link: '/api/' },
          ],
        },
      ],
    },
    search: { provider: 'local' },
    outline: { level: [2, 3] },
  },
});
