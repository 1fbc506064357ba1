import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import esbuild from 'rollup-plugin-esbuild';

const readJson = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const { version } = readJson('./package.json');
const webVitals = readJson('./node_modules/web-vitals/package.json');

const ts = () => esbuild({ target: 'es2022', define: { __TRACEWIRE_VERSION__: JSON.stringify(version) } });
// V8's explicit compile hint (Chrome 136+): nearly every function of the CDN bundle runs during
// init or the first requests, so the browser compiles them all while the script streams in, off
// the main thread, instead of one by one on the main thread as init first calls them.
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';
// Kept by minifiers and CDNs (`/*!`, `@license`): the version and our licence; the deferred file,
// which inlines web-vitals (Apache-2.0), also says so, and its licence text ships beside it.
const BANNER = `/*! @license tracewire v${version} | MIT | https://github.com/tracewire/tracewire */`;
const DEFERRED_BANNER = `/*! @license tracewire v${version} | MIT | https://github.com/tracewire/tracewire
 * Includes web-vitals v${webVitals.version} (Apache-2.0, Copyright Google LLC): see THIRD-PARTY-NOTICES.txt */`;
// Internal property names start with `_` (ours and web-vitals' alike: docs/architecture.md, "Internal
// names"); the minified CDN files shorten them. The three files hand objects to one another, so they
// share one name cache: the same name becomes the same short name in each. Rollup builds the
// configurations one after the other, and the plugin minifies one chunk at a time with a cache.
const internalNames = {};
const minify = (banner) =>
  terser({
    ecma: 2020,
    module: false,
    compress: { passes: 2 },
    mangle: { properties: { regex: /^_/ } },
    nameCache: internalNames,
    format: { comments: false, preamble: `${COMPILE_HINT}\n${banner}` },
  });

/** The licence of what the CDN files inline, written beside them (Apache-2.0 §4 asks for a copy). */
const thirdPartyNotices = () => ({
  name: 'third-party-notices',
  generateBundle() {
    const licence = readFileSync(new URL('./node_modules/web-vitals/LICENSE', import.meta.url), 'utf8');
    const source = `tracewire's CDN files (tracewire.deferred.js, tracewire.deferred.min.js) include the following third-party code.

web-vitals ${webVitals.version}
https://github.com/GoogleChrome/web-vitals
Copyright 2020 Google LLC
Licensed under the Apache License, Version 2.0:
${licence}`;
    this.emitFile({ type: 'asset', fileName: 'THIRD-PARTY-NOTICES.txt', source });
  },
});

// The router hooks import the main entry as 'tracewire', so they share its client.
const routerExternal = (id) => id === 'tracewire' || /^(vue|vue-router|react|react-dom|react-router)(\/|$)/.test(id);
const hooks = ['vue', 'react'].filter((name) => existsSync(`src/${name}/index.ts`));

// Declarations bundled into one file per entry point: they import nothing relative, so they
// resolve the same under every moduleResolution (bundler, node16, nodenext, node10).
// Source comments cite the repository's design documents, which the package does not ship: such
// citations are left out of the declarations users read (check-package.mjs checks none remain).
const withoutDesignRefs = () => ({
  name: 'without-design-refs',
  renderChunk: (code) => ({ code: code.replace(/ ?\((?:see )?(?:docs\/[\w-]+\.md|SPEC|STYLE)\b[^)]*\)/g, ''), map: null }),
});
const types = (input, file, external) => ({
  input,
  external,
  plugins: [dts({ tsconfig: 'tsconfig.build.json' }), withoutDesignRefs()],
  output: { file, format: 'es' },
});

export default [
  // npm entry: modules kept apart so bundlers can tree-shake; web-vitals stays a dependency.
  {
    input: { index: 'src/index.ts' },
    external: (id) => id === 'web-vitals' || id.startsWith('web-vitals/'),
    plugins: [ts()],
    output: {
      dir: 'dist/esm',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'src',
      entryFileNames: '[name].js',
      sourcemap: true,
    },
  },
  ...hooks.map((name) => ({
    input: `src/${name}/index.ts`,
    external: routerExternal,
    plugins: [ts()],
    output: { file: `dist/${name}/index.js`, format: 'es', sourcemap: true },
  })),
  // CDN, second file: the deferred part (web vitals, browser spans, request timings, the delivery queue),
  // which the main bundle loads after the page's start-up. Built first: the main bundle carries its hash.
  {
    input: 'src/cdnDeferred.ts',
    plugins: [resolve({ browser: true }), ts(), thirdPartyNotices()],
    output: [
      { file: 'dist/cdn/tracewire.deferred.js', format: 'iife', banner: `${COMPILE_HINT}\n${DEFERRED_BANNER}`, sourcemap: true },
      { file: 'dist/cdn/tracewire.deferred.min.js', format: 'iife', plugins: [minify(DEFERRED_BANNER)], sourcemap: true },
    ],
  },
  // CDN, third file: the OTLP exporter, which only pages that set `otlp` load. Built before the main bundle too.
  {
    input: 'src/cdnOtlp.ts',
    plugins: [resolve({ browser: true }), ts()],
    output: [
      { file: 'dist/cdn/tracewire.otlp.js', format: 'iife', banner: `${COMPILE_HINT}\n${BANNER}`, sourcemap: true },
      { file: 'dist/cdn/tracewire.otlp.min.js', format: 'iife', plugins: [minify(BANNER)], sourcemap: true },
    ],
  },
  // CDN bundle: what runs before init returns, as one IIFE; it loads the deferred file beside it.
  {
    input: 'src/cdn.ts',
    plugins: [resolve({ browser: true }), cdnDeferredLoader(), ts()],
    output: [
      { file: 'dist/cdn/tracewire.js', format: 'iife', banner: `${COMPILE_HINT}\n${BANNER}`, sourcemap: true },
      { file: 'dist/cdn/tracewire.min.js', format: 'iife', plugins: [minify(BANNER)], sourcemap: true },
    ],
  },
  types('src/index.ts', 'dist/types/index.d.ts', []),
  ...hooks.map((name) => types(`src/${name}/index.ts`, `dist/types/${name}/index.d.ts`, routerExternal)),
];

/**
 * In the CDN bundle, what loads later comes from the CDN's other files by script tags instead of
 * dynamic imports: the npm loaders are swapped for their CDN twins, and each output gets the names and
 * Subresource Integrity hashes of the files beside it (readable beside readable, minified beside minified).
 */
function cdnDeferredLoader() {
  const src = (path) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));
  const swaps = new Map([
    [src('browser/loadDeferred.ts'), src('browser/loadDeferredScript.ts')],
    [src('loaders.ts'), src('loadersCdn.ts')],
  ]);
  const describe = (file) => ({
    file,
    integrity: `sha384-${createHash('sha384')
      .update(readFileSync(`dist/cdn/${file}`))
      .digest('base64')}`,
  });
  return {
    name: 'cdn-deferred-loader',
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return (resolved && swaps.get(resolved.id)) ?? null;
    },
    renderChunk(code, _chunk, output) {
      const min = output.file.endsWith('.min.js') ? '.min' : '';
      const files = { deferred: describe(`tracewire.deferred${min}.js`), otlp: describe(`tracewire.otlp${min}.js`) };
      // One placeholder on one line is replaced: the mappings stay as they were (map: null).
      return { code: code.replace('__TRACEWIRE_FILES__', JSON.stringify(files)), map: null };
    },
  };
}
