// Where this repository's SDK build output is: the demo runs the SDK as built from this
// checkout (`npm run build` at the root), never a copy from node_modules.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The file that `import 'tracewire' + subpath` names in the repository's exports map ('.' or './vue'). */
export function builtEntry(subpath) {
  const { exports } = JSON.parse(readFileSync(resolve(repoDir, 'package.json'), 'utf8'));
  let target = exports?.[subpath];
  // Walk the conditions the way a browser bundler does.
  while (target && typeof target === 'object') target = target.import ?? target.browser ?? target.default;
  if (typeof target !== 'string') {
    throw new Error(`package.json has no "${subpath}" export: tracewire${subpath.slice(1)} cannot be resolved`);
  }
  return resolve(repoDir, target);
}

/** Every built file the demo loads: the npm entry and the Vue hook (for the app), the CDN bundle (for the plain page). */
export function sdkFiles() {
  return [builtEntry('.'), builtEntry('./vue'), resolve(repoDir, 'dist', 'cdn', 'tracewire.min.js')];
}
