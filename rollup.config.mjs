import { readFileSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const ts = () => esbuild({ target: 'es2020', define: { __TRACEWIRE_VERSION__: JSON.stringify(version) } });
const minify = terser({ ecma: 2020, module: false, compress: { passes: 2 }, format: { comments: false } });

export default [
  // npm entry: modules kept apart so bundlers can tree-shake; web-vitals stays a dependency.
  {
    input: { index: 'src/index.ts' },
    external: ['web-vitals'],
    plugins: [ts()],
    output: { dir: 'dist/esm', format: 'es', preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
  },
  // CDN bundle: one IIFE with web-vitals inside, readable and minified.
  {
    input: 'src/cdn.ts',
    plugins: [resolve({ browser: true }), ts()],
    output: [
      { file: 'dist/cdn/tracewire.js', format: 'iife' },
      { file: 'dist/cdn/tracewire.min.js', format: 'iife', plugins: [minify] },
    ],
  },
];
