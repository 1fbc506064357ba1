// Behind `npm run test:package`: packs the package as `npm publish` would (prepack builds it), checks
// what the tarball holds, then type-checks consumer projects against the unpacked tarball in every
// moduleResolution mode, with `exactOptionalPropertyTypes` on and `skipLibCheck` off. The consumer
// code (test/package/) uses every public export, the router hooks with real routers, and
// deliberate type errors marked @ts-expect-error: if the types decayed to `any`, tsc would report
// those directives as unused, so the check cannot pass on `any`.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const consumerSources = join(root, 'test', 'package');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const results = [];

function check(name, fn) {
  try {
    const problem = fn();
    results.push([name, problem]);
    console.log(problem ? `✗ ${name}\n${indent(problem)}` : `✓ ${name}`);
  } catch (e) {
    results.push([name, String(e?.stack ?? e)]);
    console.log(`✗ ${name}\n${indent(String(e?.stack ?? e))}`);
  }
}
const indent = (text) => text.replace(/^/gm, '    ');
/** The problems found, one a line, or undefined when there are none. */
const problems = (list) => (list.length ? list.join('\n') : undefined);

// Outside the repository, so nothing resolves through the repository's own node_modules by accident.
const work = mkdtempSync(join(tmpdir(), 'tracewire-package-'));
const modules = join(work, 'node_modules');
const unpacked = join(modules, 'tracewire');
let files = [];

check('npm pack (prepack builds the package)', () => {
  // npm prints the prepack build's output on stdout before the JSON: the JSON is the last part.
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [info] = JSON.parse(out.slice(out.lastIndexOf('\n[\n') + 1));
  files = info.files.map((f) => f.path);
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, info.filename), '-C', unpacked, '--strip-components=1']);
  console.log(`    ${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(1)} KiB packed`);
});

// The CDN files: the bundle that runs before init, the deferred part, and the OTLP exporter's file.
const CDN_FILES = ['tracewire', 'tracewire.deferred', 'tracewire.otlp'].flatMap((name) => [`${name}.js`, `${name}.min.js`]);

check('tarball contents: ESM, types, CDN files, source maps, LICENSE, README', () => {
  const missing = [];
  const need = (path) => files.includes(path) || missing.push(`missing ${path}`);
  for (const path of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) need(path);
  for (const path of ['dist/esm/index.js', 'dist/vue/index.js', 'dist/react/index.js']) [path, `${path}.map`].forEach(need);
  for (const path of ['dist/types/index.d.ts', 'dist/types/vue/index.d.ts', 'dist/types/react/index.d.ts']) need(path);
  for (const path of CDN_FILES) [path, `${path}.map`].forEach((f) => need(`dist/cdn/${f}`));
  need('dist/cdn/THIRD-PARTY-NOTICES.txt');
  const esm = files.filter((f) => f.startsWith('dist/esm/') && f.endsWith('.js'));
  for (const file of esm) if (!files.includes(`${file}.map`)) missing.push(`no source map for ${file}`);
  const stray = files.filter((f) => !/^(dist\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE$)/.test(f));
  for (const file of stray) missing.push(`should not be shipped: ${file}`);
  // Declarations bundled per entry point: nothing relative left to resolve (node16 needs extensions).
  for (const file of files.filter((f) => f.endsWith('.d.ts'))) {
    const text = readFileSync(join(unpacked, file), 'utf8');
    for (const [, spec] of text.matchAll(/from\s+['"]([^'"]+)['"]/g)) if (spec.startsWith('.')) missing.push(`${file} imports ${spec}`);
    // Doc comments must not send users to documents the package does not contain.
    for (const [ref] of text.matchAll(/docs\/[\w-]+\.md|\b(?:SPEC|STYLE) §/g)) missing.push(`${file} cites ${ref}, which is not shipped`);
  }
  return problems(missing);
});

check('exports, main, types, typesVersions, unpkg and jsdelivr point at shipped files', () => {
  const targets = [pkg.main, pkg.types, pkg.unpkg, pkg.jsdelivr, ...Object.values(pkg.typesVersions['*']).flat()];
  for (const entry of Object.values(pkg.exports)) targets.push(...(typeof entry === 'string' ? [entry] : Object.values(entry)));
  const unshipped = targets
    .filter((t) => !t.includes('*'))
    .map((t) => t.replace(/^\.\//, ''))
    .filter((t) => !files.includes(t));
  if (pkg.unpkg !== './dist/cdn/tracewire.min.js' || pkg.jsdelivr !== pkg.unpkg)
    unshipped.push('unpkg/jsdelivr must serve the minified CDN bundle');
  return problems(unshipped.map((t) => (t.includes(' ') ? t : `not in the tarball: ${t}`)));
});

check('CDN files: version banner, and the web-vitals licence notice on the file that inlines it', () => {
  const found = [];
  const notices = readFileSync(join(unpacked, 'dist/cdn/THIRD-PARTY-NOTICES.txt'), 'utf8');
  for (const file of CDN_FILES) {
    const code = readFileSync(join(unpacked, 'dist/cdn', file), 'utf8');
    const head = code.slice(0, 400);
    if (!head.includes(`@license tracewire v${pkg.version}`)) found.push(`${file}: no version banner`);
    // web-vitals names its metrics in string literals that survive minifying.
    const inlinesWebVitals = /["']INP["']/.test(code) && /["']CLS["']/.test(code);
    if (inlinesWebVitals && !/web-vitals[^\n]*Apache-2\.0/.test(head)) found.push(`${file}: inlines web-vitals without its licence notice`);
  }
  if (!notices.includes('Apache License') || !notices.includes('web-vitals'))
    found.push('THIRD-PARTY-NOTICES.txt lacks the Apache-2.0 text');
  return problems(found);
});

check('minified CDN files: no internal `_` name left (docs/architecture.md, "Internal names")', () => {
  const found = [];
  for (const file of CDN_FILES.filter((f) => f.endsWith('.min.js'))) {
    const code = readFileSync(join(unpacked, 'dist/cdn', file), 'utf8');
    const left = new Set(code.match(/\._[A-Za-z]\w*\b/g));
    if (left.size) found.push(`${file}: ${[...left].join(' ')}`);
  }
  return problems(found);
});

// The consumers' dependencies: the unpacked tarball plus the real routers and frameworks from this
// repository's devDependencies (vue-router 5 and 4, react-router 8 and 7), linked in.
for (const dep of ['web-vitals', 'vue', 'vue-router', 'vue-router-4', 'react', 'react-router', 'react-router-7', '@types/react']) {
  const target = join(root, 'node_modules', dep);
  if (!existsSync(target)) continue;
  mkdirSync(dirname(join(modules, dep)), { recursive: true });
  symlinkSync(target, join(modules, dep), 'dir');
}

check('every public export is used by the consumer code', () => {
  const missing = [];
  for (const [entry, sources] of [
    ['index', ['api.ts']],
    ['vue/index', ['vue.ts']],
    ['react/index', ['react.tsx']],
  ]) {
    const dts = readFileSync(join(unpacked, 'dist/types', `${entry}.d.ts`), 'utf8');
    const names = [...dts.matchAll(/^export (?:type )?\{([^}]*)\}/gm)].flatMap((m) =>
      m[1].split(',').map((n) =>
        n
          .trim()
          .split(/\s+as\s+/)
          .pop(),
      ),
    );
    const code = sources.map((s) => readFileSync(join(consumerSources, s), 'utf8')).join('\n');
    for (const name of names.filter(Boolean))
      if (!new RegExp(`\\b${name}\\b`).test(code)) missing.push(`${entry}: ${name} (add a use to test/package/${sources[0]})`);
  }
  return problems(missing);
});

const modes = {
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
  node16: { module: 'node16', moduleResolution: 'node16' },
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  // React Router 7 and 8 publish their types through `exports` only: under node10 no consumer can
  // import 'react-router' at all, so the React consumer is left out there.
  node10: { module: 'esnext', moduleResolution: 'node10', sources: ['api.ts', 'vue.ts'] },
};
// Errors inside third-party declarations are not ours to fix (vue-router's own .d.ts fail under
// exactOptionalPropertyTypes with skipLibCheck off; vue-router 4 and 5 in one program augment
// 'vue' twice): they are counted apart. Errors in tracewire's declarations or the consumer code fail.
const thirdParty = /(^|[\\/])node_modules[\\/](?!tracewire[\\/])/;
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const runTsc = (dir) =>
  new Promise((done) => {
    const child = spawn(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (status) => done({ status, out }));
  });
// All modes at once: tsc is single-threaded, so they share the cores.
const runs = Object.entries(modes).map(([mode, { sources = ['api.ts', 'vue.ts', 'react.tsx'], ...resolution }]) => {
  const dir = join(work, mode);
  mkdirSync(dir);
  for (const file of sources) copyFileSync(join(consumerSources, file), join(dir, file));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${mode}`, private: true, type: 'module' }));
  const compilerOptions = {
    ...resolution,
    target: 'es2022',
    lib: ['es2022', 'dom', 'dom.iterable'],
    jsx: 'react-jsx',
    strict: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: false,
    noEmit: true,
    types: [],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: sources }, null, 2));
  return runTsc(dir).then((run) => [mode, sources, run]);
});
for (const [mode, sources, run] of await Promise.all(runs)) {
  check(`types in a consumer project, moduleResolution ${mode} (${sources.join(', ')})`, () => {
    // One diagnostic per block: a first line `file(line,col): error TSnnnn: ...`, then its details.
    const blocks = run.out.split(/\n(?=\S)/).filter((b) => /error TS\d+/.test(b));
    const ours = blocks.filter((b) => !thirdParty.test(b.slice(0, b.indexOf('('))));
    if (blocks.length > ours.length)
      console.log(`    (${blocks.length - ours.length} errors inside third-party declarations, not counted)`);
    if (ours.length) return ours.join('\n');
    return blocks.length === 0 && run.status !== 0 ? run.out.trim() || `tsc exited ${run.status}` : undefined;
  });
}

check('Node imports the ESM entry and resolves the CDN files through exports', () => {
  const script = `
    const api = await import('tracewire');
    if (typeof api.init !== 'function' || api.SDK_VERSION !== ${JSON.stringify(pkg.version)}) throw new Error('bad entry: ' + Object.keys(api));
    api.init({ dsn: 'https://public@o0.ingest.example.com/1', tracesSampleRate: 1 });
    import.meta.resolve('tracewire/dist/cdn/tracewire.min.js');
    import.meta.resolve('tracewire/dist/cdn/THIRD-PARTY-NOTICES.txt');`;
  const dir = join(work, 'bundler');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: existsSync(dir) ? dir : work, encoding: 'utf8' });
  return run.status === 0 ? undefined : `${run.stdout}${run.stderr}`.trim();
});

rmSync(work, { recursive: true, force: true });
const failed = results.filter(([, problem]) => problem).length;
console.log(`\npackage: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
