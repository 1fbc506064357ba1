// How the CDN's other files reach the bundle that loaded them (docs/architecture.md, "What loads
// when"). A bundle that adds `<script src=URL>` waits under that URL in a page-wide registry; the
// file, when it runs, hands its exports to whoever waits under its own URL (document.currentScript).
// Keyed by URL rather than one page-wide slot: with two copies of tracewire on a page (two builds,
// or two versions), each gets the file it loaded, never the other's, whose internal names differ.

const REGISTRY = Symbol.for('tracewire.handover');

type Registry = Record<string, ((exports: unknown) => void)[]>;

function registry(): Registry {
  const page = globalThis as { [REGISTRY]?: Registry };
  return (page[REGISTRY] ??= {});
}

/** Waits for the file at `url` to hand over its exports; returns what stops waiting. */
export function awaitHandover(url: string, receive: (exports: unknown) => void): () => void {
  const waiting = (registry()[url] ??= []);
  waiting.push(receive);
  return () => {
    const i = waiting.indexOf(receive);
    if (i >= 0) waiting.splice(i, 1);
  };
}

/** Called by a CDN file as it runs: hands `exports` to every bundle waiting for this file's URL. */
export function handOver(exports: object): void {
  // An HTML script's `src` is its absolute URL, as the loader wrote it (an SVG script's is no string).
  const src = (typeof document !== 'undefined' ? (document.currentScript as { src?: unknown } | null) : null)?.src;
  const url = typeof src === 'string' ? src : '';
  const all = registry();
  const waiting = all[url];
  if (!waiting) return;
  delete all[url];
  for (const receive of waiting) receive(exports);
}
