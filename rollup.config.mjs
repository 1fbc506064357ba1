import { existsSync, readFileSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const ts = () => esbuild({ target: 'es2022', define: { __TRACEWIRE_VERSION__: JSON.stringify(version) } });
// V8's explicit compile hint (Chrome 136+): nearly every function of the CDN bundle runs during
// init or the first requests, so the browser compiles them all while the script streams in, off
// the main thread, instead of one by one on the main thread as init first calls them.
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';
const minify = terser({ ecma: 2020, module: false, compress: { passes: 2 }, format: { comments: false, preamble: COMPILE_HINT } });

export default [
  // npm entry: modules kept apart so bundlers can tree-shake; web-vitals stays a dependency.
  {
    input: { index: 'src/index.ts' },
    external: ['web-vitals'],
    plugins: [ts()],
    output: { dir: 'dist/esm', format: 'es', preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
  },
  // Router hooks: their own files, importing the main entry as 'tracewire' so they share its client.
  ...['vue', 'react'].filter((name) => existsSync(`src/${name}/index.ts`)).map((name) => ({
    input: `src/${name}/index.ts`,
    external: (id) => id === 'tracewire' || /^(vue|vue-router|react|react-dom|react-router)(\/|$)/.test(id),
    plugins: [ts()],
    output: { file: `dist/${name}/index.js`, format: 'es' },
  })),
  // CDN bundle: one IIFE with web-vitals inside, readable and minified.
  {
    input: 'src/cdn.ts',
    plugins: [resolve({ browser: true }), ts()],
    output: [
      { file: 'dist/cdn/tracewire.js', format: 'iife', banner: COMPILE_HINT },
      { file: 'dist/cdn/tracewire.min.js', format: 'iife', plugins: [minify] },
    ],
  },
];
