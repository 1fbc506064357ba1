import { serializeEnvelope } from './envelope';
import type { Delivery, Exporter } from './pipeline';

/**
 * Sentry envelopes (docs/contract.md §4) for `dsn`, `tunnel`, `transport` and `spotlight`: each
 * finished transaction is serialised once and handed to `delivery`, which may fan it out to several
 * destinations. A value that cannot be serialised costs that transaction only, with a debug line.
 */
export function createEnvelopeExporter(delivery: Delivery, now: () => number, log: (message: string) => void): Exporter {
  return {
    export({ event, dsc }) {
      let body: string;
      try {
        body = serializeEnvelope(event, dsc, now());
      } catch (e) {
        return log(`could not serialise "${event.transaction}": ${String(e)}`);
      }
      delivery.send(body);
    },
    flush: (timeoutMs) => delivery.flush(timeoutMs),
    retryNow: (leaving) => delivery.retryNow(leaving),
  };
}
