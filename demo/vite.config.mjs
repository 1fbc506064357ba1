// Builds the shop SPA (demo/app) into demo/app/dist, which the web backend serves.
//
// `tracewire` and `tracewire/vue` resolve to this repository's own build output, found through
// the exports map of the repository's package.json, so the app bundles the SDK as built from
// this checkout.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { builtEntry } from './lib/sdkBuild.mjs';

const demoDir = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: resolve(demoDir, 'app'),
  plugins: [vue()],
  resolve: {
    alias: [
      { find: /^tracewire$/, replacement: existing(builtEntry('.')) },
      { find: /^tracewire\/vue$/, replacement: existing(builtEntry('./vue')) },
    ],
  },
  build: {
    outDir: resolve(demoDir, 'app', 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    // On a busy machine the Vue compiler is slow; that is no news worth a warning.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});

function existing(file) {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` at the repository root first`);
  return file;
}
