import type { Clock } from '../core/idleSpan';
import { toOtlpRequest } from '../core/otlp';
import type { Exporter } from '../core/pipeline';
import { createFetchSender } from '../transport/fetchTransport';
import { createDelivery, OTLP_POLICY, outsideBrowser } from '../transport/queue';

export interface OtlpExporterOptions {
  /** The OTLP/HTTP traces endpoint, e.g. `https://collector.example.com:4318/v1/traces`. */
  url: string;
  /** Extra request headers, e.g. a backend's API key; a cross-origin collector must allow them. */
  headers?: Record<string, string>;
  /** Resource attributes; `service.name` defaults to `unknown_service` (docs/contract.md §2 `resource`). */
  resource?: Record<string, unknown>;
}

export interface OtlpExporterDeps {
  /** The fetch captured before any instrumentation, so our own sends are never traced. */
  nativeFetch: typeof fetch | undefined;
  platform: Clock;
  log: (message: string) => void;
}

/**
 * Exports each finished transaction as one OTLP/HTTP JSON `ExportTraceServiceRequest`
 * (docs/contract.md §5), posted as `application/json` through a queue with OTLP's retry rules.
 * Its own module, loaded only when `otlp` is set, so that apps without it do not ship it.
 */
export function createOtlpExporter(options: OtlpExporterOptions, deps: OtlpExporterDeps): Exporter {
  const { url, headers, resource } = options;
  const policy = typeof document === 'undefined' ? outsideBrowser(OTLP_POLICY) : OTLP_POLICY;
  // A beacon can carry neither the JSON content type nor the headers: a fetch or nothing.
  const sender = createFetchSender(url, deps.nativeFetch, { contentType: 'application/json', headers, beacon: false });
  const delivery = createDelivery(sender, deps.platform, deps.log, policy);
  return {
    export(t) {
      let body: string;
      try {
        body = JSON.stringify(toOtlpRequest(t, resource));
      } catch (e) {
        return deps.log(`could not write "${t.event?.transaction}" as OTLP: ${String(e)}`);
      }
      delivery.send(body);
    },
    flush: (timeoutMs) => delivery.flush(timeoutMs),
    retryNow: () => delivery.retryNow(),
  };
}
