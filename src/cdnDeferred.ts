import * as part from './browser/deferred';
import { createOtlpExporter } from './exporters/otlpExporter';

// The CDN's second file: hands the deferred part, and the OTLP exporter that the npm build loads on
// its own, to the bundle that loaded it (loadDeferredScript.ts, loadOtlpExporterScript.ts).
const ready = (globalThis as Record<symbol, unknown>)[Symbol.for('tracewire.deferred')];
if (typeof ready === 'function') (ready as (p: unknown) => void)({ ...part, createOtlpExporter });
