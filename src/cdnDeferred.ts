import * as part from './browser/deferred';
import { createOtlpExporter } from './exporters/otlpExporter';

// The CDN's second file: hands the deferred part to the bundle that loaded it (loadDeferredScript.ts),
// with the OTLP exporter, which the npm build loads as a chunk of its own (exporters/loadOtlpExporter.ts).
const ready = (globalThis as Record<symbol, unknown>)[Symbol.for('tracewire.deferred')];
if (typeof ready === 'function')
  (ready as (p: typeof part & { createOtlpExporter: typeof createOtlpExporter }) => void)({ ...part, createOtlpExporter });
