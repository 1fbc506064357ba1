import type { IdleOptions, Span, StartSpanOptions } from '../core/types';

/** What `onRequestSpanStart` is told about a request (docs/contract.md §2 BrowserTracingOptions). */
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

/** The options of `browserTracingIntegration` (docs/contract.md §2 BrowserTracingOptions); defaults in the comments. */
export interface BrowserTracingOptions extends IdleOptions {
  /** true */
  instrumentPageLoad?: boolean;
  /** true */
  instrumentNavigation?: boolean;
  /** true: a transaction open when the tab goes hidden ends `cancelled` (reason `documentHidden`). */
  markBackgroundSpan?: boolean;
  /** true */
  traceFetch?: boolean;
  /** true */
  traceXHR?: boolean;
  /** true: resource-timing figures on `http.client` spans. */
  enableHTTPTimings?: boolean;
  /** true */
  enableLongTask?: boolean;
  /** true: `ui.long-animation-frame` spans replace long-task spans where the browser reports them. */
  enableLongAnimationFrame?: boolean;
  /** true: a page restored from the back/forward cache starts a `navigation` transaction. */
  instrumentBfcacheRestore?: boolean;
  /** true: a navigation soon after the last one, with no user input between, is a redirect, not a new transaction. */
  detectRedirects?: boolean;
  /** `'in-memory'`: each pageload/navigation links to the previous trace's root span. */
  linkPreviousTrace?: 'in-memory' | 'session-storage' | 'off';
  /** `() => true` */
  shouldCreateSpanForRequest?: (url: string) => boolean;
  /** None: called when a request's span starts. */
  onRequestSpanStart?: (span: Span, info: RequestSpanStartInfo) => void;
  /** None: called just before a request's span ends. */
  onRequestSpanEnd?: (span: Span, info: RequestSpanEndInfo) => void;
  /** `[]`: ops of resource spans not to record, e.g. `['resource.img']`. */
  ignoreResourceSpans?: string[];
  /** false: when true, the pageload ignores idleness and ends at `reportPageLoaded()` (or `finalTimeout`). */
  enableReportPageLoaded?: boolean;
  /** Identity; may rename or change pageload and navigation spans before they start. */
  beforeStartSpan?: (options: StartSpanOptions) => StartSpanOptions;
}
