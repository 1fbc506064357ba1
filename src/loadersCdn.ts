import { loadScript } from './browser/loadDeferredScript';
import type { InitReportModule, OtlpExporterModule, QueueModule } from './loaders';

/**
 * The CDN build's twin of loaders.ts: the delivery queue and the init report travel in the deferred
 * file (src/cdnDeferred.ts); the OTLP exporter has a file of its own (src/cdnOtlp.ts), which only
 * pages that set `otlp` load. Each rejects when its file cannot load.
 */
export const loadOtlpExporter = (): Promise<OtlpExporterModule> => loadScript<OtlpExporterModule>('otlp');
export const loadQueue = (): Promise<QueueModule> => loadScript<QueueModule>('deferred');
export const loadInitReport = (): Promise<InitReportModule> => loadScript<InitReportModule>('deferred');
