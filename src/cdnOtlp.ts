import { handOver } from './browser/handover';
import { createOtlpExporter } from './exporters/otlpExporter';

// The CDN's OTLP file: hands the OTLP exporter to the bundle that loaded it (browser/handover.ts).
// Only pages that set `otlp` load it; the npm build loads the same module as a chunk of its own (loaders.ts).
handOver({ createOtlpExporter });
