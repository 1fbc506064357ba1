import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// Resolved from this file so the harness works from any checkout location.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const roots: Record<string, string> = { '/dist/': join(repoRoot, 'dist'), '/pages/': join(repoRoot, 'e2e', 'pages') };

export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/**
 * A built file (`/dist/...`) or a test page (`/pages/...`) for a URL path; undefined when the
 * path is under neither prefix. Paths that escape their folder get 403.
 */
export async function readStatic(path: string): Promise<{ status: number; body: Buffer | string; type: string } | undefined> {
  const prefix = Object.keys(roots).find((p) => path.startsWith(p));
  if (!prefix) return undefined;
  const root = roots[prefix]!;
  const file = resolve(root, '.' + path.slice(prefix.length - 1));
  if (!file.startsWith(root + sep)) return { status: 403, body: 'forbidden', type: 'text/plain' };
  try {
    return { status: 200, body: await readFile(file), type: contentTypes[extname(file)] ?? 'application/octet-stream' };
  } catch {
    return { status: 404, body: `not found: ${path}`, type: 'text/plain' };
  }
}
