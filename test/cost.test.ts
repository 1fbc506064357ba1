import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Plain paths (no node:url): the unit tests' tsconfig has no Node types.
const entry = new URL('../src/index.ts', import.meta.url).pathname;

// Strings only the OTLP mapping and exporter contain.
const OTLP_MARKERS = ['resourceSpans', 'telemetry.sdk.language', 'startTimeUnixNano'];

/** Bundles a small app as an app bundler would (ESM, code splitting, minified): chunk name → code. */
async function bundleApp(source: string): Promise<Record<string, string>> {
  const result = await build({
    stdin: { contents: source, resolveDir: new URL('.', import.meta.url).pathname, loader: 'ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    write: false,
    outdir: '/virtual',
    external: ['web-vitals'],
    define: { __TRACEWIRE_VERSION__: '"0.0.0-test"' },
    logLevel: 'silent',
  });
  return Object.fromEntries(result.outputFiles.map((f) => [f.path.replace('/virtual/', ''), f.text]));
}

const hasOtlp = (code: string): boolean => OTLP_MARKERS.some((m) => code.includes(m));

describe('cost of the OTLP exporter (issue 12)', () => {
  it('an app that calls init({ dsn }) only ships none of it in its entry chunk', async () => {
    const out = await bundleApp(`import { init } from ${JSON.stringify(entry)}; init({ dsn: 'https://k@o1.example/1' });`);
    expect(hasOtlp(out['stdin.js']!)).toBe(false);
    // It is a chunk of its own that only `otlp` loads: the control, the code is really there.
    expect(
      Object.entries(out)
        .filter(([, code]) => hasOtlp(code))
        .map(([name]) => name),
    ).toHaveLength(1);
  }, 30_000);
});
