import type { Sender } from './policy';

// Chromium refuses keepalive bodies once 64 KiB are in flight (Fetch §4.6 "keepalive" quota), and the
// quota is the document's, shared by every destination: stay under it together.
const KEEPALIVE_LIMIT = 60_000;
const TIMEOUT_MS = 30_000;
let keepaliveInFlight = 0;

export interface FetchSenderOptions {
  /** Default `text/plain;charset=UTF-8`: no CORS preflight (docs/contract.md §4). */
  contentType?: string;
  /** More request headers, e.g. an OTLP backend's API key. */
  headers?: Record<string, string>;
  /** Default true: fall back to `sendBeacon` where fetch is missing, or fails while the page is hidden. */
  beacon?: boolean;
}

const byteLength = (body: string): number => (typeof TextEncoder === 'function' ? new TextEncoder().encode(body).length : body.length * 3);

/**
 * Posts bodies with the `fetch` captured before any instrumentation, with `keepalive` while the
 * keepalive bodies in flight stay under 60 KB, so a send started while the page unloads still
 * completes. Where fetch is missing or fails while the page is being hidden, `sendBeacon` carries it
 * (unless `beacon: false`: a beacon can carry neither custom headers nor a non-simple content type).
 */
export function createFetchSender(url: string, nativeFetch: typeof fetch | undefined, options: FetchSenderOptions = {}): Sender {
  const contentType = options.contentType ?? 'text/plain;charset=UTF-8';
  const headers = { ...options.headers, 'Content-Type': contentType };
  const useBeacon = options.beacon !== false;
  const beacon = (body: string): boolean => {
    const nav = globalThis.navigator;
    try {
      return useBeacon && !!nav?.sendBeacon && nav.sendBeacon(url, new Blob([body], { type: contentType }));
    } catch {
      return false;
    }
  };
  return (body) => {
    if (!nativeFetch) return beacon(body) ? Promise.resolve(undefined) : Promise.reject(new Error('no fetch'));
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
    const timer = controller ? setTimeout(() => controller.abort(), TIMEOUT_MS) : undefined;
    (timer as { unref?: () => void } | undefined)?.unref?.();
    const size = byteLength(body);
    const keepalive = keepaliveInFlight + size <= KEEPALIVE_LIMIT;
    if (keepalive) keepaliveInFlight += size;
    const done = (): void => {
      clearTimeout(timer);
      if (keepalive) keepaliveInFlight -= size;
    };
    let sent: Promise<Response>;
    try {
      sent = nativeFetch(url, { method: 'POST', body, headers, keepalive, signal: controller?.signal });
    } catch (e) {
      done();
      throw e;
    }
    return sent.then(
      (res) => {
        done();
        return res;
      },
      (e: unknown) => {
        done();
        if (globalThis.document?.visibilityState === 'hidden' && beacon(body)) return undefined;
        throw e;
      },
    );
  };
}
