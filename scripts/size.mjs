// Prints min and gzip sizes of every built artefact and checks the CDN files against their budgets.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// gzip bytes. The main CDN file is what a page fetches before `init` can run; the deferred file
// (web vitals, browser spans, request timings, the delivery queue, the debug report) loads after
// start-up; the OTLP file only on pages that set `otlp`. These guard against regressions at today's
// size plus a few per cent; the targets (10 kB before init, 15 kB in all) are not met yet: see README "Size".
const BUDGETS = {
  'cdn/tracewire.min.js': 15_400,
  'cdn/tracewire.deferred.min.js': 8_100,
  'cdn/tracewire.otlp.min.js': 1_700,
};
const BUDGET_CDN_TOTAL = 23_450;

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
if (!existsSync(dist)) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(1);
}

const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
const gzip = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1000).toFixed(2)} kB`;

const rows = [];
const CDN_FILES = ['cdn/tracewire.min.js', 'cdn/tracewire.deferred.min.js', 'cdn/tracewire.otlp.min.js'];
for (const file of [...CDN_FILES, 'cdn/tracewire.js', 'cdn/tracewire.deferred.js', 'cdn/tracewire.otlp.js']) {
  const buf = readFileSync(join(dist, file));
  rows.push([`dist/${file}`, buf.length, gzip(buf), BUDGETS[file]]);
}
// The ESM entries: all modules of each entry point, as a bundler would ship them (without minifying).
for (const [label, dir] of [['dist/esm (all modules)', 'esm'], ['dist/vue', 'vue'], ['dist/react', 'react']]) {
  if (!existsSync(join(dist, dir))) continue;
  const files = walk(join(dist, dir)).filter((f) => f.endsWith('.js'));
  const all = Buffer.concat(files.map((f) => readFileSync(f)));
  rows.push([label, all.length, gzip(all)]);
}

console.log('artefact'.padEnd(36), 'bytes'.padStart(10), 'gzip'.padStart(10), 'budget'.padStart(10));
let over = false;
for (const [name, size, gz, budget] of rows) {
  if (budget && gz > budget) over = true;
  console.log(name.padEnd(36), kb(size).padStart(10), kb(gz).padStart(10), (budget ? kb(budget) : '').padStart(10), budget && gz > budget ? 'OVER' : '');
}
const cdnTotal = rows[0][2] + rows[1][2];
console.log(`\nCDN, before init: ${kb(rows[0][2])} gzip; all CDN files a page loads: ${kb(cdnTotal)} gzip of ${kb(BUDGET_CDN_TOTAL)}`);
console.log(`with otlp, the OTLP file too: ${kb(cdnTotal + rows[2][2])} gzip`);
if (cdnTotal > BUDGET_CDN_TOTAL) over = true;
if (over) {
  console.error('over budget');
  process.exit(1);
}
