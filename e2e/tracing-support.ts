// Shared by the tracing-*.spec.ts files: pages that load the CDN bundle by script tag and start
// browserTracingIntegration, and readers for what the recording server saw.
import type { Page } from '@playwright/test';
import { SENTRY_TRACE } from '../test/wire';
import { dsnFor, envelopeEvent, expect, type RecordedEnvelope, type RecordedRequest, type RecordingServer } from './fixtures';

export { HEX16, HEX32, SENTRY_TRACE } from '../test/wire';
export const FINISH_REASON = 'sentry.idle_span_finish_reason';

export interface TracingPageOptions {
  /** More InitOptions, as JS source (`tracesSampleRate: 0, release: 'r1'`); they override the defaults. */
  init?: string;
  /** browserTracingIntegration options, as JS source; `idleTimeout: 300` unless given here. */
  tracing?: string;
  /** Extra markup in <head>, e.g. trace meta tags. */
  head?: string;
  /** Markup in <body> before the scripts. */
  body?: string;
  /** Runs right after `Tracewire.init`. */
  script?: string;
  /** false: the same page without the SDK (the baseline of the "page sees the same" specs). */
  sdk?: boolean;
  /** Response headers of the page, e.g. `Server-Timing`. */
  headers?: Record<string, string>;
}

/**
 * Registers an HTML page at `path` on the test server and returns its URL. The page loads the
 * request functions (pages/tracing/requests.js) and the minified CDN bundle by script tag, then calls `Tracewire.init`
 * with the server's DSN, `tracesSampleRate: 1` and browserTracingIntegration.
 */
export function tracingPage(server: RecordingServer, path: string, o: TracingPageOptions = {}): string {
  const sdk = o.sdk !== false;
  const init = sdk
    ? `Tracewire.init({
        dsn: ${JSON.stringify(dsnFor(server))},
        tracesSampleRate: 1,
        ${o.init ?? ''}
        integrations: [Tracewire.browserTracingIntegration({ idleTimeout: 300, ${o.tracing ?? ''} })],
      });`
    : '';
  server.page(
    path,
    `<!doctype html>
<html><head><meta charset="utf-8"><title>tracewire tracing</title>${o.head ?? ''}
<script src="/pages/tracing/requests.js"></script>
${sdk ? '<script src="/dist/cdn/tracewire.min.js"></script>' : ''}
</head>
<body>${o.body ?? ''}
<script>
${init}
${o.script ?? ''}
</script>
</body></html>`,
    o.headers,
  );
  return `${server.url}${path}`;
}

/** The transaction event of an envelope. */
export const txn = (env: RecordedEnvelope): any => envelopeEvent(env);

/** A predicate for `server.waitForEnvelope`: the transaction with this op (and name). */
export const isTransaction = (op: string, name?: string) => (env: RecordedEnvelope): boolean => {
  const e = envelopeEvent(env);
  return e.contexts?.trace?.op === op && (name === undefined || e.transaction === name);
};

export function waitForTransaction(server: RecordingServer, op: string, name?: string, timeoutMs?: number): Promise<RecordedEnvelope> {
  return server.waitForEnvelope(isTransaction(op, name), timeoutMs);
}

/** All recorded transactions with this op (and name). */
export function transactions(server: RecordingServer, op: string, name?: string): any[] {
  return server.envelopes().filter(isTransaction(op, name)).map(txn);
}

export const spansOf = (event: any, op: string): any[] => (event.spans as any[]).filter((s) => s.op === op);

/** The one `http.client` span whose url ends with `pathSuffix`; fails when there is not exactly one. */
export function httpSpan(event: any, pathSuffix: string, method = 'GET'): any {
  const found = spansOf(event, 'http.client').filter((s) => String(s.data?.url).endsWith(pathSuffix) && s.data?.['http.method'] === method);
  expect(found.map((s) => s.description), `one ${method} http.client span for ${pathSuffix}`).toHaveLength(1);
  return found[0];
}

/** Server-side record of the requests to `path` carrying `?id=<id>`. */
export function requestsWithId(server: RecordingServer, id: string, path = '/api/echo'): RecordedRequest[] {
  return server.requests((r) => r.path === path && r.query.id === id && r.method !== 'OPTIONS');
}

/** The single request to `path` with `?id=<id>`. */
export function requestWithId(server: RecordingServer, id: string, path = '/api/echo'): RecordedRequest {
  const found = requestsWithId(server, id, path);
  expect(found, `exactly one recorded request to ${path}?id=${id}`).toHaveLength(1);
  return found[0]!;
}

/** Baggage members as sent (trimmed), in order. */
export const baggageMembers = (value: string | undefined): string[] =>
  (value ?? '').split(',').map((m) => m.trim()).filter(Boolean);

/** The `sentry-` entries of a baggage value, prefix removed and decoded; fails if a key repeats. */
export function sentryBaggage(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const member of baggageMembers(value)) {
    if (!member.startsWith('sentry-')) continue;
    const eq = member.indexOf('=');
    const key = decodeURIComponent(member.slice('sentry-'.length, eq));
    expect(out, `baggage key sentry-${key} appears once in ${value}`).not.toHaveProperty(key);
    out[key] = decodeURIComponent(member.slice(eq + 1));
  }
  return out;
}

/** Asserts a `sentry-trace` header value and returns its parts. */
export function parseSentryTraceHeader(value: string | undefined): { traceId: string; spanId: string; sampled?: string } {
  expect(value, 'a single well-formed sentry-trace header').toMatch(SENTRY_TRACE);
  const m = SENTRY_TRACE.exec(value!)!;
  return { traceId: m[1]!, spanId: m[2]!, sampled: m[3] };
}

/**
 * Waits until the open pageload (if any) has ended, then until the SDK's queue is empty: after this,
 * everything the SDK was going to send about the pageload has reached the server.
 */
export async function settlePageload(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => (window as any).Tracewire.getPageloadSpan() === undefined), { timeout: 10_000 }).toBe(true);
  expect(await page.evaluate(() => (window as any).Tracewire.flush(5000))).toBe(true);
}

/**
 * Page problems without Chromium's own "Failed to load resource" console lines, which it logs for
 * error statuses and network failures the tests cause on purpose.
 */
export const withoutLoadErrors = (problems: string[]): string[] => problems.filter((p) => !/Failed to load resource: /.test(p));
