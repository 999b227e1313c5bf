// VitePress's default theme, with the gallery registered for every page (the initializer pages embed
// it) and a few styles of our own (custom.css).
import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import Gallery from '../../components/Gallery.vue';
import './custom.css';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('Gallery', Gallery);
  },
} satisfies Theme;
