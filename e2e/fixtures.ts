import { test as base, expect } from '@playwright/test';
import { type RecordingServer, startServer } from './server';

export { expect };
export { envelopeEvent, parseEnvelope } from '../test/wire';
export type { Envelope, EnvelopeItem } from '../test/wire';
export type { EnvelopeReply, RecordedEnvelope, RecordedRequest, RecordingServer } from './server';

interface Fixtures {
  /** A fresh recording server per test, so no test sees another's requests. */
  server: RecordingServer;
  /** Console errors and uncaught page errors seen so far; assert it stays empty. */
  pageProblems: string[];
}

export const test = base.extend<Fixtures>({
  server: async ({}, use) => {
    const server = await startServer();
    await use(server);
    await server.close();
  },
  pageProblems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    await use(problems);
  },
});

/** The DSN for a server: events go to `{server.url}/api/{projectId}/envelope/`. */
export function dsnFor(server: RecordingServer, publicKey = 'public', projectId = '1'): string {
  return `http://${publicKey}@127.0.0.1:${server.port}/${projectId}`;
}

/** An HTML page that loads a built CDN bundle, then runs `script` inline. */
export function cdnPage(script: string, { bundle = 'tracewire.min.js', head = '' } = {}): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>tracewire e2e</title>${head}
<script src="/dist/cdn/${bundle}"></script></head>
<body><script>${script}</script></body></html>`;
}
