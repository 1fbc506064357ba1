import type { Clock } from '../core/idleSpan';
import { flushAll, type Delivery } from '../core/pipeline';
import { isRateLimited, type RateLimits, updateRateLimits } from './rateLimits';

/** Sends one envelope; may resolve with a fetch `Response` (its status and headers are read) or anything else. */
export type Sender = (envelope: string) => PromiseLike<unknown>;

/** At most this many envelopes wait or travel at once; more are dropped with a debug line. */
export const MAX_QUEUE = 30;
const MAX_IN_FLIGHT = 4;
const MAX_RETRY_MS = 30_000;

interface ResponseLike {
  status?: number;
  headers?: { get(name: string): string | null };
}

/**
 * A bounded queue in front of a sender (SPEC §3 Delivery): honours rate limits, keeps envelopes that
 * failed to reach the endpoint (network error) for a retry with backoff, drops what the endpoint
 * refused, and never throws into the page.
 */
export function createDelivery(sender: Sender, platform: Clock, log: (m: string) => void): Delivery {
  const queue: string[] = [];
  let inFlight = 0;
  let limits: RateLimits = {};
  let retryTimer: unknown;
  let retryDelay = 0;
  let waiters: (() => void)[] = [];

  const settled = (): void => {
    if (queue.length || inFlight) return;
    const w = waiters;
    waiters = [];
    w.forEach((fn) => fn());
  };

  // Backoff grows once per retry round, not once per envelope that failed in that round.
  const scheduleRetry = (): void => {
    if (retryTimer !== undefined) return;
    retryDelay = Math.min(Math.max(1000, retryDelay * 2), MAX_RETRY_MS);
    retryTimer = platform.setTimeout(retryNow, retryDelay);
  };

  function retryNow(): void {
    if (retryTimer !== undefined) platform.clearTimeout(retryTimer);
    retryTimer = undefined;
    pump();
  }

  const onResponse = (res: unknown): void => {
    retryDelay = 0;
    const r = (res && typeof res === 'object' ? res : {}) as ResponseLike;
    const status = typeof r.status === 'number' ? r.status : undefined;
    const headers = r.headers && typeof r.headers.get === 'function' ? r.headers : undefined;
    limits = updateRateLimits(limits, status, headers, platform.now());
    if (status !== undefined && status >= 400) log(`envelope rejected with HTTP ${status}, dropped`);
  };

  function pump(): void {
    while (retryTimer === undefined && inFlight < MAX_IN_FLIGHT && queue.length) {
      if (isRateLimited(limits, 'transaction', platform.now())) {
        log(`rate limited: dropping ${queue.length} queued envelope(s)`);
        queue.length = 0;
        break;
      }
      const envelope = queue.shift()!;
      inFlight++;
      let attempt: PromiseLike<unknown>;
      try {
        attempt = sender(envelope);
      } catch (e) {
        attempt = Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
      void Promise.resolve(attempt)
        .then(onResponse, (e: unknown) => {
          log(`envelope not delivered (${String(e)}), will retry`);
          if (queue.length + inFlight <= MAX_QUEUE) queue.unshift(envelope);
          scheduleRetry();
        })
        .then(() => {
          inFlight--;
          pump(); // ends with settled()
        });
    }
    settled();
  }

  return {
    send(envelope) {
      if (isRateLimited(limits, 'transaction', platform.now())) return log('rate limited: envelope dropped');
      if (queue.length + inFlight >= MAX_QUEUE) return log(`queue full (${MAX_QUEUE}): envelope dropped`);
      queue.push(envelope);
      pump();
    },
    flush(timeoutMs = 2000) {
      return new Promise<boolean>((resolve) => {
        if (!queue.length && !inFlight) return resolve(true);
        // Whoever flushes wants delivery now: do not sit out a pending backoff.
        if (retryTimer !== undefined) retryNow();
        const timer = platform.setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          platform.clearTimeout(timer);
          resolve(true);
        });
      });
    },
    retryNow,
  };
}

/**
 * One Delivery over several destinations, each with its own queue, made when the first body leaves
 * rather than by `init`: a transaction ends no sooner than its idle timeout, and init stays short.
 */
export function createFanOut(senders: (() => Sender)[], platform: Clock, log: (m: string) => void): Delivery {
  let all: Delivery[] | undefined;
  const each = (fn: (d: Delivery) => void): void => (all ??= senders.map((s) => createDelivery(s(), platform, log))).forEach(fn);
  return {
    send: (body) => each((d) => d.send(body)),
    flush: (t) => (all ? flushAll(all.map((d) => d.flush(t))) : Promise.resolve(true)),
    retryNow: () => all?.forEach((d) => d.retryNow()),
  };
}
