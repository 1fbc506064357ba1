import { createOtlpExporter } from './exporters/otlpExporter';

// The CDN's OTLP file: hands the OTLP exporter to the bundle that loaded it (browser/loadDeferredScript.ts).
// Only pages that set `otlp` load it; the npm build loads the same module as a chunk of its own (loaders.ts).
const ready = (globalThis as Record<symbol, unknown>)[Symbol.for('tracewire.otlp')];
if (typeof ready === 'function') (ready as (m: { createOtlpExporter: typeof createOtlpExporter }) => void)({ createOtlpExporter });
