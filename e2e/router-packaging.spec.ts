// The router hooks are subpath exports of their own (docs/contract.md §1): they import only the main entry and
// the framework they hook, and nothing of them reaches the main entry or the CDN bundle.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (...parts: string[]) => readFileSync(join(root, ...parts), 'utf8');
const importsOf = (code: string) => [...code.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]).sort();
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));

test('tracewire/vue and tracewire/react import only tracewire and their frameworks, with their own types', () => {
  const pkg = JSON.parse(read('package.json'));
  for (const sub of ['vue', 'react']) {
    const entry = pkg.exports[`./${sub}`];
    expect(Object.keys(entry)[0]).toBe('types');
    expect(existsSync(join(root, entry.types)), entry.types).toBe(true);
    expect(existsSync(join(root, entry.default)), entry.default).toBe(true);
  }
  expect([...new Set(importsOf(read('dist/vue/index.js')))]).toEqual(['tracewire']);
  expect([...new Set(importsOf(read('dist/react/index.js')))]).toEqual(['react', 'react-router', 'tracewire']);
  expect(read('dist/types/vue/index.d.ts')).toContain('instrumentVueRouter');
  expect(read('dist/types/react/index.d.ts')).toMatch(/instrumentReactRouter[\s\S]*TracewireRoutes/);
});

test('the main entry and the CDN bundle carry nothing of the router hooks', () => {
  const main = walk(join(root, 'dist', 'esm')).filter((f) => f.endsWith('.js'));
  for (const file of [...main, join(root, 'dist', 'cdn', 'tracewire.js')]) {
    const code = readFileSync(file, 'utf8');
    expect(code, file).not.toMatch(/instrumentVueRouter|instrumentReactRouter|TracewireRoutes|from ['"](vue|vue-router|react|react-router)['"]/);
  }
});
