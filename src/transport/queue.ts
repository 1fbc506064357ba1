import type { Clock } from '../core/idleSpan';
import type { Delivery } from '../core/pipeline';
import { ENVELOPE_POLICY, MAX_QUEUE, unref, type Sender } from './policy';
import { isRateLimited, parseRetryAfter, type RateLimits, updateRateLimits } from './rateLimits';

const MAX_IN_FLIGHT = 4;
const MAX_RETRY_MS = 30_000;
// A Retry-After longer than this is taken as this: a page rarely lives longer, and a bad header must not park the queue.
const MAX_RETRY_AFTER_MS = 600_000;

interface ResponseLike {
  status?: number;
  headers?: { get(name: string): string | null };
}

interface Item {
  body: string;
  tries: number;
}

/**
 * A bounded queue in front of a sender (docs/contract.md §3 Delivery, §5): keeps bodies that failed
 * to reach the endpoint for a retry with backoff, retries the statuses its policy names after their
 * `Retry-After`, drops what the endpoint refused, and never throws into the page.
 */
export function createDelivery(sender: Sender, platform: Clock, log: (m: string) => void, policy = ENVELOPE_POLICY): Delivery {
  const queue: Item[] = [];
  let inFlight = 0;
  let limits: RateLimits = {};
  let retryTimer: unknown;
  let retryDelay = 0;
  // A server's Retry-After: nothing is sent before this time, not even on retryNow or flush.
  let notBefore = 0;
  let waiters: (() => void)[] = [];
  const what = policy.name;

  const settled = (): void => {
    if (queue.length || inFlight) return;
    const w = waiters;
    waiters = [];
    w.forEach((fn) => fn());
  };

  // Backoff grows once per retry round, not once per body that failed in that round.
  const scheduleRetry = (afterMs?: number): void => {
    if (afterMs !== undefined) {
      notBefore = Math.max(notBefore, platform.now() + afterMs);
      if (retryTimer !== undefined) platform.clearTimeout(retryTimer);
      retryTimer = undefined;
    }
    if (retryTimer !== undefined) return;
    retryDelay = Math.min(Math.max(1000, retryDelay * 2), MAX_RETRY_MS);
    const wait = afterMs ?? Math.max(retryDelay, notBefore - platform.now());
    retryTimer = unref(platform.setTimeout(retryNow, wait));
  };

  function retryNow(): void {
    const early = notBefore - platform.now();
    if (early > 0) {
      // Still inside the server's window: keep (or set) the timer that ends it.
      if (retryTimer === undefined) retryTimer = unref(platform.setTimeout(retryNow, early));
      return;
    }
    if (retryTimer !== undefined) platform.clearTimeout(retryTimer);
    retryTimer = undefined;
    pump();
  }

  const again = (item: Item, why: string, limit: number, afterMs?: number): void => {
    if (item.tries >= limit) return log(`${what} ${why}; dropped after ${item.tries} tries`);
    // No room check: the body is still counted in `inFlight`, so putting it back cannot grow the queue past MAX_QUEUE.
    log(`${what} ${why}, will retry`);
    queue.unshift(item);
    scheduleRetry(afterMs);
  };

  const onResponse = (item: Item, res: unknown): void => {
    retryDelay = 0;
    const r = (res && typeof res === 'object' ? res : {}) as ResponseLike;
    const status = typeof r.status === 'number' ? r.status : undefined;
    const headers = r.headers && typeof r.headers.get === 'function' ? r.headers : undefined;
    if (policy.rateLimits) limits = updateRateLimits(limits, status, headers, platform.now());
    if (status !== undefined && policy.retryStatuses.includes(status)) {
      const retryAfter = headers?.get('retry-after');
      const afterMs = retryAfter ? Math.min(parseRetryAfter(retryAfter, platform.now()), MAX_RETRY_AFTER_MS) : undefined;
      return again(item, `answered HTTP ${status}`, policy.maxTries, afterMs);
    }
    if (status !== undefined && status >= 400) log(`${what} rejected with HTTP ${status}, dropped`);
  };

  function pump(): void {
    while (retryTimer === undefined && inFlight < MAX_IN_FLIGHT && queue.length) {
      if (policy.rateLimits && isRateLimited(limits, 'transaction', platform.now())) {
        log(`rate limited: dropping ${queue.length} queued ${what}(s)`);
        queue.length = 0;
        break;
      }
      const item = queue.shift()!;
      item.tries++;
      inFlight++;
      let attempt: PromiseLike<unknown>;
      try {
        attempt = sender(item.body);
      } catch (e) {
        attempt = Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
      void Promise.resolve(attempt)
        .then(
          (res) => onResponse(item, res),
          (e: unknown) => again(item, `not delivered (${String(e)})`, policy.maxNetworkTries),
        )
        .then(() => {
          inFlight--;
          pump(); // ends with settled()
        });
    }
    settled();
  }

  return {
    send(body) {
      if (policy.rateLimits && isRateLimited(limits, 'transaction', platform.now())) return log(`rate limited: ${what} dropped`);
      if (queue.length + inFlight >= MAX_QUEUE) return log(`queue full (${MAX_QUEUE}): ${what} dropped`);
      queue.push({ body, tries: 0 });
      pump();
    },
    flush(timeoutMs = 2000) {
      return new Promise<boolean>((resolve) => {
        if (!queue.length && !inFlight) return resolve(true);
        // Whoever flushes wants delivery now: do not sit out a pending backoff (a server's Retry-After still holds).
        if (retryTimer !== undefined) retryNow();
        const timer = unref(platform.setTimeout(() => resolve(false), timeoutMs));
        waiters.push(() => {
          platform.clearTimeout(timer);
          resolve(true);
        });
      });
    },
    retryNow,
  };
}
