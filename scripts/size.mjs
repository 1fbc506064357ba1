// Prints min and gzip sizes of every built artefact; fails when the CDN bundle is over its budget.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_GZIP = 14 * 1024; // dist/cdn/tracewire.min.js, bytes
const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
if (!existsSync(dist)) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(1);
}

const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
const gzip = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;

const rows = [];
for (const file of ['cdn/tracewire.min.js', 'cdn/tracewire.js']) {
  const buf = readFileSync(join(dist, file));
  rows.push([`dist/${file}`, buf.length, gzip(buf)]);
}
// The ESM entries: all modules of each entry point, as a bundler would ship them (without minifying).
for (const [label, dir] of [['dist/esm (all modules)', 'esm'], ['dist/vue', 'vue'], ['dist/react', 'react']]) {
  if (!existsSync(join(dist, dir))) continue;
  const files = walk(join(dist, dir)).filter((f) => f.endsWith('.js'));
  const all = Buffer.concat(files.map((f) => readFileSync(f)));
  rows.push([label, all.length, gzip(all)]);
}

console.log('artefact'.padEnd(32), 'bytes'.padStart(10), 'gzip'.padStart(10));
for (const [name, size, gz] of rows) console.log(name.padEnd(32), kb(size).padStart(10), kb(gz).padStart(10));
const cdn = rows[0][2];
console.log(`\nCDN bundle: ${kb(cdn)} gzip of a ${kb(BUDGET_GZIP)} budget`);
if (cdn > BUDGET_GZIP) {
  console.error('over budget');
  process.exit(1);
}
