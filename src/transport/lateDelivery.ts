import type { Clock } from '../core/idleSpan';
import type { Delivery } from '../core/pipeline';
import { MAX_QUEUE, unref, type DeliveryPolicy, type Sender } from './policy';

/** What the loader of the queue module hands over (a dynamic import, or the CDN's deferred file). */
export type QueueModule = Pick<typeof import('./queue'), 'createDelivery'>;

/** A Delivery whose queue is loaded later; `load` starts that (init calls it after the page's start-up). */
export interface LateDelivery extends Delivery {
  load(): void;
}

/**
 * A Delivery to one destination whose queue (queue.ts: retries, backoff, rate limits, its bounds)
 * arrives after the page's start-up, with the deferred part (docs/architecture.md, "What loads when"),
 * so the code that runs before `init` returns does not carry it.
 *
 * Until the queue has arrived, bodies wait for it (at most MAX_QUEUE), and it is loaded at once if it
 * was not on its way yet. A load that fails while the browser is offline is tried again when it is
 * back online (`retryNow`). Two cases cannot wait, and then what waits is sent straight away, once,
 * with keepalive: the page is being hidden (a send, or `retryNow(true)` on page hide), since it may not live
 * to see the queue; and the queue cannot be loaded (a missing or blocked file), when debug says that
 * the queue's retries and rate limits are off. A body such a send could not deliver waits again for
 * the next of these moments.
 */
// Once one delivery has loaded the queue module, deliveries made later (a second `init`) start with it.
let loaded: QueueModule | undefined;

export function createLateDelivery(
  sender: Sender,
  loadQueue: () => Promise<QueueModule>,
  platform: Clock,
  log: (m: string) => void,
  policy: DeliveryPolicy,
): LateDelivery {
  let queue = loaded?.createDelivery(sender, platform, log, policy);
  let loading: Promise<void> | undefined;
  let failed = false;
  let waiting: string[] = [];
  // Single sends on their way, which flush waits for.
  const travelling = new Set<Promise<unknown>>();

  const wait = (body: string): void => {
    if (queue) return queue.send(body);
    if (waiting.length < MAX_QUEUE) waiting.push(body);
    else log(`queue full (${MAX_QUEUE}): ${policy.name} dropped`);
  };
  const sendOnce = (body: string): void => {
    // A sender that throws becomes a rejection, like one that fails later.
    const sent: Promise<unknown> = new Promise((resolve) => resolve(sender(body)))
      .catch((e: unknown) => {
        log(`${policy.name} not delivered (${String(e)}), kept`);
        wait(body);
      })
      .then(() => travelling.delete(sent));
    travelling.add(sent);
  };
  const sendWaiting = (): void => {
    const bodies = waiting;
    waiting = [];
    bodies.forEach(sendOnce);
  };
  const load = (): Promise<void> =>
    (loading ??= loadQueue().then(
      (m) => {
        loaded = m;
        const q = (queue ??= m.createDelivery(sender, platform, log, policy));
        const bodies = waiting;
        waiting = [];
        bodies.forEach((body) => q.send(body));
      },
      (e: unknown) => {
        loading = undefined;
        if (globalThis.navigator?.onLine === false)
          return log(`the delivery queue could not be loaded while offline; tried again once online`);
        failed = true;
        log(
          `the delivery queue could not be loaded (${String(e)}): ${policy.name}s are sent straight away, without its retries and rate limits`,
        );
        sendWaiting();
      },
    ));
  const hidden = (): boolean => globalThis.document?.visibilityState === 'hidden';

  return {
    load: () => void load(),
    send(body) {
      wait(body);
      if (queue) return;
      if (failed || hidden()) sendWaiting();
      else void load();
    },
    flush(timeoutMs = 2000) {
      if (queue && !travelling.size) return queue.flush(timeoutMs);
      const start = platform.now();
      const settled = (failed ? Promise.resolve() : load())
        .then(() => Promise.all(travelling))
        .then(() => (queue ? queue.flush(Math.max(0, timeoutMs - (platform.now() - start))) : !waiting.length));
      const timeout = new Promise<boolean>((resolve) => unref(platform.setTimeout(() => resolve(false), timeoutMs)));
      return Promise.race([settled, timeout]);
    },
    // The browser is back online, or the page is being hidden: what waits goes now, one way or the other.
    retryNow(leaving) {
      if (queue) {
        if (!leaving) queue.retryNow();
      } else if (leaving || failed || hidden()) sendWaiting();
      else void load();
    },
  };
}
