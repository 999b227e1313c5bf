// tsc checks the .ts files of the site; Vue single-file components are compiled (and their
// TypeScript stripped) by VitePress's Vue plugin. This tells tsc what importing one gives.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
