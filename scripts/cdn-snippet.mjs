// Prints the script tag for the built CDN bundle, pinned to this version with its SRI hash:
// `npm run build && npm run cdn-snippet`. The hash is that of dist/cdn/tracewire.min.js as built
// here, so run it on the commit that is published.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const bundle = readFileSync(new URL('dist/cdn/tracewire.min.js', root));
const integrity = `sha384-${createHash('sha384').update(bundle).digest('base64')}`;
for (const cdn of [`https://cdn.jsdelivr.net/npm/tracewire@${version}`, `https://unpkg.com/tracewire@${version}`]) {
  console.log(`<script src="${cdn}/dist/cdn/tracewire.min.js" integrity="${integrity}" crossorigin="anonymous"></script>`);
}
