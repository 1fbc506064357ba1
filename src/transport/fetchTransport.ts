import type { Sender } from './queue';

// Chromium refuses keepalive bodies once 64 KiB are in flight (Fetch §4.6 "keepalive" quota); stay under it.
const KEEPALIVE_LIMIT = 60_000;
const TIMEOUT_MS = 30_000;

/**
 * Posts envelopes with the `fetch` captured before any instrumentation, as `text/plain` so the
 * browser sends no CORS preflight (SPEC §4), with `keepalive` so a send started while the page unloads
 * still completes. Where fetch is missing or fails while the page is being hidden, `sendBeacon` carries it.
 */
export function createFetchSender(url: string, nativeFetch: typeof fetch | undefined, contentType = 'text/plain;charset=UTF-8'): Sender {
  const beacon = (body: string): boolean => {
    const nav = globalThis.navigator;
    try {
      return !!nav?.sendBeacon && nav.sendBeacon(url, new Blob([body], { type: contentType }));
    } catch {
      return false;
    }
  };
  return (body) => {
    if (!nativeFetch) return beacon(body) ? Promise.resolve(undefined) : Promise.reject(new Error('no fetch'));
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
    const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : undefined;
    return nativeFetch(url, {
      method: 'POST',
      body,
      headers: { 'Content-Type': contentType },
      keepalive: body.length <= KEEPALIVE_LIMIT,
      signal: controller?.signal,
    }).then(
      (res) => {
        clearTimeout(timer);
        return res;
      },
      (e: unknown) => {
        clearTimeout(timer);
        if (globalThis.document?.visibilityState === 'hidden' && beacon(body)) return undefined;
        throw e;
      },
    );
  };
}
