import type { IdleOptions, Span, StartSpanOptions } from '../core/types';

/** What `onRequestSpanStart` is told about a request. */
export interface RequestSpanStartInfo {
  url: string;
  method: string;
  /** The headers that will be sent, ours included. */
  headers: Headers;
}

/** What `onRequestSpanEnd` is told about a request; no `status` or `headers` after a network error or an abort. */
export interface RequestSpanEndInfo {
  url: string;
  method: string;
  status?: number;
  /** The response's headers (fetch), or those of `getAllResponseHeaders()` (XHR). */
  headers?: Headers;
  /** fetch: the rejection; XHR: the event type (`error`, `abort`, `timeout`). */
  error?: unknown;
}

/**
 * The options of `browserTracingIntegration`, each with its default. The idle timeouts
 * (`idleTimeout` 1000 ms, `finalTimeout` 30000 ms, `childSpanTimeout` 15000 ms) apply to pageload
 * and navigation transactions.
 *
 * @example browserTracingIntegration({ idleTimeout: 2000, traceXHR: false, ignoreResourceSpans: ['resource.img'] })
 */
export interface BrowserTracingOptions extends IdleOptions {
  /** Record a `pageload` transaction per document. Default: `true`. */
  instrumentPageLoad?: boolean;
  /** Start a `navigation` transaction on `pushState`, `replaceState` to another path, `popstate` and Navigation API navigations. Default: `true`. */
  instrumentNavigation?: boolean;
  /** A transaction open when the tab goes hidden ends `cancelled` (finish reason `documentHidden`); `false` keeps it open. Default: `true`. */
  markBackgroundSpan?: boolean;
  /** `http.client` spans and trace headers for `fetch`. Default: `true`. */
  traceFetch?: boolean;
  /** `http.client` spans and trace headers for `XMLHttpRequest`. Default: `true`. */
  traceXHR?: boolean;
  /** Resource-timing figures (`http.request.*`) on `http.client` spans. Default: `true`. */
  enableHTTPTimings?: boolean;
  /** `ui.long-task` spans. Default: `true`. */
  enableLongTask?: boolean;
  /** Where the browser reports Long Animation Frames, `ui.long-animation-frame` spans replace long-task spans. Default: `true`. */
  enableLongAnimationFrame?: boolean;
  /** A page restored from the back/forward cache starts a `navigation` transaction. Default: `true`. */
  instrumentBfcacheRestore?: boolean;
  /** A navigation soon after the last one, with no user input between, is a redirect that renames the open transaction, not a new one. Default: `true`. */
  detectRedirects?: boolean;
  /**
   * Link each pageload/navigation to the previous trace's root span: `'in-memory'` within the
   * page, `'session-storage'` also across page loads of the tab, `'off'`. Default: `'in-memory'`.
   */
  linkPreviousTrace?: 'in-memory' | 'session-storage' | 'off';
  /**
   * `false` skips the request's span; its headers still follow `tracePropagationTargets`.
   * Default: every request gets a span.
   * @example (url) => !url.includes('/poll')
   */
  shouldCreateSpanForRequest?: (url: string) => boolean;
  /**
   * Called when a request's span starts, with the headers that will be sent. One that throws is
   * logged and ignored. Default: none.
   * @example (span, { headers }) => span.setAttribute('request.id', headers.get('x-request-id') ?? '')
   */
  onRequestSpanStart?: (span: Span, info: RequestSpanStartInfo) => void;
  /**
   * Called just before a request's span ends, with the response's status and headers (none after
   * a network error or abort, which sets `error`). One that throws is logged and ignored. Default: none.
   * @example (span, { headers }) => span.setAttribute('cache', headers?.get('x-cache') ?? 'none')
   */
  onRequestSpanEnd?: (span: Span, info: RequestSpanEndInfo) => void;
  /** Ops of resource spans not to record. Default: `[]`. @example ['resource.img', 'resource.css'] */
  ignoreResourceSpans?: string[];
  /** The pageload ignores idleness and ends at `reportPageLoaded()` (or `finalTimeout`). Default: `false`. */
  enableReportPageLoaded?: boolean;
  /**
   * Changes pageload and navigation spans before they start, e.g. to rename them. One that throws
   * is logged and the original options are used. Default: none.
   * @example (options) => ({ ...options, name: options.name.replace(/\/\d+/g, '/:id') })
   */
  beforeStartSpan?: (options: StartSpanOptions) => StartSpanOptions;
}
