import { toOtlpRequest } from '../core/otlp';
import type { Delivery, Exporter } from '../core/pipeline';

/**
 * Exports each finished transaction as one OTLP/HTTP JSON `ExportTraceServiceRequest`
 * (docs/contract.md §5) through `delivery`, which `init` makes with OTLP's content type and retry
 * rules. Its own module, loaded only when `otlp` is set, so that apps without it do not ship the
 * mapping; it takes the delivery rather than building one, so the queue is not shipped twice.
 */
export function createOtlpExporter(resource: Record<string, unknown> | undefined, delivery: Delivery, log: (m: string) => void): Exporter {
  return {
    export(t) {
      let body: string;
      try {
        body = JSON.stringify(toOtlpRequest(t, resource));
      } catch (e) {
        return log(`could not write "${t.event?.transaction}" as OTLP: ${String(e)}`);
      }
      delivery.send(body);
    },
    flush: (timeoutMs) => delivery.flush(timeoutMs),
    retryNow: (leaving) => delivery.retryNow(leaving),
  };
}
