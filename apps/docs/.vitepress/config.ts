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
    if (item.path !== undefined)
      sidebarItem.link = `/api/${item.path.replace(/(^|\/)index\.md$/, '$1').replace(/\.md$/, '')}`;
    if (item.children !== undefined && item.children.length > 0) {
      sidebarItem.items = item.children.map((child) => toItem(child, depth + 1));
      // Packages stay open; their Classes / Functions / ... groups start folded.
      sidebarItem.collapsed = depth > 0;
    }
    return sidebarItem;
  };
  return [overview, ...navigation.map((item) => toItem(item, 0))];
}

const documentationSidebar: DefaultTheme.SidebarItem[] = [
  {
    text: 'Introduction',
    items: [
      { text: 'Getting started', link: '/getting-started' },
      { text: 'Gallery', link: '/gallery' },
    ],
  },
  {
    text: 'Guide',
    items: [
      { text: 'Tensors, dtypes and fans', link: '/guide/' },
      { text: 'Seeds, keys and reproducibility', link: '/guide/seeds' },
      { text: 'Sharded initialization', link: '/guide/sharding' },
      { text: 'Every core: @init/parallel', link: '/guide/parallel' },
      { text: 'Checkpoints: init-weights', link: '/guide/init-weights' },
      { text: 'TF1, Keras 3, TensorFlow.js, PyTorch, JAX', link: '/guide/frameworks' },
      { text: 'Migrating', link: '/guide/migrating' },
      { text: 'Using with TensorFlow.js', link: '/guide/tensorflow-js' },
    ],
  },
  {
    text: 'Initializers',
    items: [
      { text: 'Overview', link: '/initializers/' },
      { text: 'Zeros', link: '/initializers/zeros' },
      { text: 'Ones', link: '/initializers/ones' },
      { text: 'Constant', link: '/initializers/constant' },
      { text: 'RandomUniform', link: '/initializers/random-uniform' },
      { text: 'RandomNormal', link: '/initializers/random-normal' },
      { text: 'TruncatedNormal', link: '/initializers/truncated-normal' },
      { text: 'UniformUnitScaling', link: '/initializers/uniform-unit-scaling' },
      { text: 'VarianceScaling', link: '/initializers/variance-scaling' },
      { text: 'Orthogonal', link: '/initializers/orthogonal' },
      { text: 'Identity', link: '/initializers/identity' },
      { text: 'DeltaOrthogonal', link: '/initializers/delta-orthogonal' },
      { text: 'ConvolutionOrthogonal', link: '/initializers/convolution-orthogonal' },
      { text: 'STFT', link: '/initializers/stft' },
      { text: 'Dirac', link: '/initializers/dirac' },
      { text: 'Sparse', link: '/initializers/sparse' },
      { text: 'GlorotUniform', link: '/initializers/glorot-uniform' },
      { text: 'GlorotNormal', link: '/initializers/glorot-normal' },
      { text: 'HeUniform', link: '/initializers/he-uniform' },
      { text: 'HeNormal', link: '/initializers/he-normal' },
      { text: 'LecunUniform', link: '/initializers/lecun-uniform' },
      { text: 'LecunNormal', link: '/initializers/lecun-normal' },
      { text: "PyTorch's nn.init", link: '/initializers/pytorch' },
    ],
  },
  {
    text: 'Reference',
    items: [
      { text: 'Benchmarks', link: '/benchmarks' },
      { text: 'API reference', link: '/api/' },
    ],
  },
];

export default defineConfig({
  lang: 'en-US',
  title: '@init',
  description: "TensorFlow's parameter initializers, rebuilt as small npm packages for JavaScript.",
  // This README and the test/ and scripts/ folders are for contributors, not pages of the site.
  srcExclude: ['README.md', 'test/**', 'scripts/**', 'examples/**'],
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
    optimizeDeps: { include: ['@init/random > seedrandom', '@init/linalg > ml-matrix', '@observablehq/plot'] },
  },
  themeConfig: {
    nav: [
      { text: 'Getting started', link: '/getting-started' },
      { text: 'Guide', link: '/guide/' },
      { text: 'Initializers', link: '/initializers/' },
      { text: 'Gallery', link: '/gallery' },
      { text: 'Benchmarks', link: '/benchmarks' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: {
      '/api/': apiSidebar(),
      '/': documentationSidebar,
    },
    search: { provider: 'local' },
    outline: { level: [2, 3] },
  },
});
