import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
  // CDN, second file: the deferred part (web vitals, browser spans, request timings), which the main
  // bundle loads after the page's start-up. Built first: the main bundle carries its hash.
  {
    input: 'src/cdnDeferred.ts',
    plugins: [resolve({ browser: true }), ts()],
    output: [
      { file: 'dist/cdn/tracewire.deferred.js', format: 'iife', banner: COMPILE_HINT },
      { file: 'dist/cdn/tracewire.deferred.min.js', format: 'iife', plugins: [minify] },
    ],
  },
  // CDN bundle: what runs before init returns, as one IIFE; it loads the deferred file beside it.
  {
    input: 'src/cdn.ts',
    plugins: [resolve({ browser: true }), cdnDeferredLoader(), ts()],
    output: [
      { file: 'dist/cdn/tracewire.js', format: 'iife', banner: COMPILE_HINT },
      { file: 'dist/cdn/tracewire.min.js', format: 'iife', plugins: [minify] },
    ],
  },
];

/**
 * In the CDN bundle, the deferred part is a second file loaded by a script tag instead of a dynamic
 * import: loadDeferred.ts is swapped for loadDeferredScript.ts, and each output gets the name and the
 * Subresource Integrity hash of its own deferred file (readable beside readable, minified beside minified).
 */
function cdnDeferredLoader() {
  const src = (path) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));
  // npm loader → CDN loader; the OTLP exporter travels in the deferred file too.
  const swaps = new Map([
    [src('browser/loadDeferred.ts'), src('browser/loadDeferredScript.ts')],
    [src('exporters/loadOtlpExporter.ts'), src('exporters/loadOtlpExporterDeferred.ts')],
  ]);
  return {
    name: 'cdn-deferred-loader',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return (resolved && swaps.get(resolved.id)) ?? null;
    },
    renderChunk(code, _chunk, output) {
      const file = output.file.endsWith('.min.js') ? 'tracewire.deferred.min.js' : 'tracewire.deferred.js';
      const hash = createHash('sha384').update(readFileSync(`dist/cdn/${file}`)).digest('base64');
      return code.replace('__TRACEWIRE_DEFERRED__', JSON.stringify({ file, integrity: `sha384-${hash}` }));
    },
  };
}
