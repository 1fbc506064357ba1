/** Sends one body; may resolve with a fetch `Response` (its status and headers are read) or anything else. */
export type Sender = (body: string) => PromiseLike<unknown>;

/** At most this many bodies wait or travel at once per destination; more are dropped with a debug line. */
export const MAX_QUEUE = 30;

/** How a destination's answers are read: one queue (queue.ts) serves envelopes and OTLP alike. */
export interface DeliveryPolicy {
  /** What the debug lines call one body. */
  name: string;
  /** Sentry's rate limits (429, `Retry-After`, `X-Sentry-Rate-Limits`) stop sending and drop what waits (docs/contract.md §3 Delivery). */
  rateLimits: boolean;
  /** Statuses after which the same body is sent again once `Retry-After` (or a backoff) has passed (docs/contract.md §5). */
  retryStatuses: readonly number[];
  /** Tries of one body that got a retry status, the first included. */
  maxTries: number;
  /** Tries of one body that failed to reach the endpoint; Infinity keeps it until the queue is full. */
  maxNetworkTries: number;
}

export const ENVELOPE_POLICY: DeliveryPolicy = {
  name: 'envelope',
  rateLimits: true,
  retryStatuses: [],
  maxTries: 1,
  maxNetworkTries: Infinity,
};

/** OTLP/HTTP: retry only after 429, 502, 503, 504 (OTLP spec "Retryable Response Codes"), a bounded number of times. */
export const OTLP_POLICY: DeliveryPolicy = {
  name: 'OTLP request',
  rateLimits: false,
  retryStatuses: [429, 502, 503, 504],
  maxTries: 5,
  maxNetworkTries: Infinity,
};

/**
 * Outside a browser no `online` event or page lifetime ends the retries, so a failing destination
 * gets a bounded number of tries.
 */
export const outsideBrowser = (policy: DeliveryPolicy): DeliveryPolicy => ({ ...policy, maxNetworkTries: 5 });

/** Node's timers would keep the process alive while a retry or a flush waits; the SDK must never do that. */
export function unref<T>(handle: T): T {
  (handle as { unref?: () => void } | undefined)?.unref?.();
  return handle;
}
